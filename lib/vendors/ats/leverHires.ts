import { z } from 'zod';
import { fetchParsed, hireKey, VendorId } from './boundary';
import type { AtsContext, Delivery } from './types';

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

const HiredPage = z.object({
  data: z.array(
    z.object({
      id: VendorId,
      contact: z.string().nullish(),
      emails: z.array(z.string()).nullish(),
      archived: z.object({ archivedAt: z.number().nullish() }).loose().nullish(),
    }).loose(),
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
    body: { event: 'candidateHired', triggeredAt: opp.archived?.archivedAt ?? Date.parse(receivedAt), data: { opportunityId: opp.id, contactId, candidateId: contactId } },
    receivedAt,
  };
}

/** Opportunities archived as hired since a time. */
export async function leverRecentHires(since: Date, ctx: AtsContext): Promise<Delivery[]> {
  const reasons = await fetchParsed(ctx, leverHiresApi.archiveReasons(), Reasons, 'The Lever archive reasons');
  const hiredReasons = reasons.data.filter((r) => r.type === leverHiresApi.hiredReasonType).map((r) => r.id);
  const receivedAt = new Date().toISOString();
  const deliveries: Delivery[] = [];
  for (const reasonId of hiredReasons) {
    let offset: string | undefined;
    for (let page = 1; ; page += 1) {
      const { data, hasNext, next } = await fetchParsed(ctx, leverHiresApi.hiredSince(reasonId, since, offset), HiredPage, 'The Lever list of hired opportunities');
      deliveries.push(...data.map((opp) => asDelivery(opp, receivedAt)));
      if (!hasNext || !next || page >= leverHiresApi.maxPages) break;
      offset = next;
    }
  }
  return deliveries;
}
