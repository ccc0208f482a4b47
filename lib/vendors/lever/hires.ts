import { z } from 'zod';
import { fetchParsed, hireKey, parsePayload, VendorId } from '../ats/boundary';
import { readPages } from '../ats/pages';
import type { AtsContext, Delivery, HiresFound } from '../ats/types';

/**
 * Lever's reconciliation poll: a hire is an opportunity archived with a reason of type "hired" (every
 * account has one, per Lever's FAQ). [unconfirmed] the list filters' names and that archived_at_start
 * takes epoch milliseconds like every Lever time; change them here only.
 */
export const leverHiresApi = {
  archiveReasons: () => ({ method: 'GET' as const, url: 'archive_reasons', query: { type: 'hired' } }),
  hiredReasonType: 'hired',
  hiredSince: (reasonId: string, since: Date, offset?: string) => ({
    method: 'GET' as const,
    url: 'opportunities',
    query: { archive_reason_id: reasonId, archived_at_start: since.getTime(), limit: 100, offset },
  }),
  /** A runaway cursor must not keep the poll busy forever; 50 pages of 100 is far beyond a day of hires. */
  maxPages: 50,
} as const;

const Reasons = z.object({ data: z.array(z.object({ id: z.string().min(1), type: z.string().nullish() }).loose()) });

/** The ids of the account's archive reasons of type "hired". */
export async function hiredReasonIds(ctx: AtsContext): Promise<string[]> {
  const reasons = await fetchParsed(ctx, leverHiresApi.archiveReasons(), Reasons, 'The Lever archive reasons');
  return reasons.data.filter((r) => r.type === leverHiresApi.hiredReasonType).map((r) => r.id);
}

const HiredPage = z.object({
  data: z.array(
    z
      .object({
        id: VendorId,
        contact: z.string().nullish(),
        emails: z.array(z.string()).nullish(),
        archived: z.object({ archivedAt: z.number().nullish() }).loose().nullish(),
      })
      .loose(),
  ),
  hasNext: z.boolean().nullish(),
  next: z.string().nullish(),
});

type Hired = z.infer<typeof HiredPage>['data'][number];

/** The opportunity as a `candidateHired` webhook would name it, keyed alike, so one of the two is emitted. */
function asDelivery(opp: Hired, receivedAt: string): Delivery {
  const contactId = opp.contact ?? undefined;
  return {
    vendor: 'lever',
    type: 'hire',
    vendorType: 'candidateHired',
    key: hireKey(opp.id),
    subjects: { candidateIds: contactId ? [contactId] : [], emails: opp.emails ?? [] },
    body: {
      event: 'candidateHired',
      triggeredAt: opp.archived?.archivedAt ?? Date.parse(receivedAt),
      data: { opportunityId: opp.id, contactId, candidateId: contactId },
    },
    receivedAt,
  };
}

/** Opportunities archived as hired since a time; each hired archive reason is a list of its own. */
export async function leverRecentHires(
  since: Date,
  ctx: AtsContext,
  maxPages: number = leverHiresApi.maxPages,
): Promise<HiresFound> {
  const hiredReasons = await hiredReasonIds(ctx);
  const receivedAt = new Date().toISOString();
  const found: HiresFound = { hires: [], capped: false };
  for (const reasonId of hiredReasons) {
    const { items, capped } = await readPages(
      ctx,
      leverHiresApi.hiredSince(reasonId, since),
      (response) => {
        const { data, hasNext, next } = parsePayload(HiredPage, response.body, 'The Lever list of hired opportunities');
        return { items: data, next: hasNext && next ? leverHiresApi.hiredSince(reasonId, since, next) : null };
      },
      maxPages,
    );
    found.hires.push(...items.map((opp) => asDelivery(opp, receivedAt)));
    found.capped ||= capped;
  }
  return found;
}
