import { z } from 'zod';
import type { HttpRequest } from '../../http';
import { hireKey, parsePayload } from '../ats/boundary';
import { readPages } from '../ats/pages';
import type { AtsContext, Delivery, HiresFound } from '../ats/types';
import { WorkableCandidate } from './schema';

/**
 * Workable's reconciliation poll (docs/vendors/workable.md "Candidates list"): GET /candidates filtered by
 * the stage slug and `updated_after`, at most 100 a page, the next page by `paging.next`. Only the next
 * link's query is taken, on the connection's own base URL, so the token never goes to a host an answer
 * names. [unconfirmed] that the hired stage's slug is `hired` in every account.
 */
export const workableHiresApi = {
  hiredSince: (since: Date): HttpRequest => ({
    method: 'GET',
    url: 'candidates',
    query: { stage: 'hired', updated_after: since.toISOString(), limit: 100 },
  }),
  nextPage: (next: string): HttpRequest => ({
    method: 'GET',
    url: 'candidates',
    query: Object.fromEntries(new URL(next).searchParams),
  }),
  /** A runaway link must not keep the poll busy forever; 50 pages of 100 is far beyond a day of hires. */
  maxPages: 50,
} as const;

const Page = z.object({
  candidates: z.array(WorkableCandidate),
  paging: z.object({ next: z.url().nullish() }).nullish(),
});

/** The candidate as the `candidate_moved` webhook into Hired carries it in `data`, keyed alike, so one of the two is emitted. */
const asDelivery = (c: WorkableCandidate, receivedAt: string): Delivery => ({
  vendor: 'workable',
  type: 'hire',
  vendorType: 'candidate_moved',
  key: hireKey(c.id),
  subjects: { candidateIds: [c.id], emails: c.email ? [c.email] : [] },
  body: c,
  receivedAt,
});

/** Candidates moved to Hired (or otherwise updated while there) since a time. */
export async function workableRecentHires(
  since: Date,
  ctx: AtsContext,
  maxPages: number = workableHiresApi.maxPages,
): Promise<HiresFound> {
  const receivedAt = new Date().toISOString();
  const { items, capped } = await readPages(
    ctx,
    workableHiresApi.hiredSince(since),
    (response) => {
      const { candidates, paging } = parsePayload(Page, response.body, 'The Workable list of hired candidates');
      return { items: candidates, next: paging?.next ? workableHiresApi.nextPage(paging.next) : null };
    },
    maxPages,
  );
  return { hires: items.map((c) => asDelivery(c, receivedAt)), capped };
}
