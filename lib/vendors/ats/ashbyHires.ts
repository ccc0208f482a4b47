import { z } from 'zod';
import { fetchParsed, hireKey, VendorId } from './boundary';
import type { AtsContext, Delivery } from './types';

/**
 * Ashby's reconciliation poll (vendor-apis.md §3.1, RPC): `application.list` filtered to hired
 * applications, a page at a time by cursor, and `offer.list` for the accepted offer a `candidateHire`
 * webhook would carry, so both key the hire alike. [unconfirmed] the `status` filter value, that
 * results carry `updatedAt`, and the offer's `acceptanceStatus`/`decidedAt`; change them here only.
 */
export const ashbyHiresApi = {
  hired: (cursor?: string) => ({ method: 'POST' as const, url: 'application.list', body: { status: 'Hired', limit: 100, ...(cursor ? { cursor } : {}) }, idempotent: true }),
  offers: (applicationId: string) => ({ method: 'POST' as const, url: 'offer.list', body: { applicationId }, idempotent: true }),
  acceptedStatus: 'Accepted',
  /** A runaway cursor must not keep the poll busy forever. */
  maxPages: 50,
} as const;

const page = <S extends z.ZodType>(item: S) =>
  z.object({ success: z.literal(true), results: z.array(item), moreDataAvailable: z.boolean().nullish(), nextCursor: z.string().nullish() });

const Application = z.object({
  id: VendorId,
  updatedAt: z.string().nullish(),
  candidate: z.object({ id: VendorId, name: z.string().nullish(), primaryEmailAddress: z.object({ value: z.string() }).loose().nullish() }).loose(),
  job: z.object({ id: VendorId, title: z.string().nullish() }).loose().nullish(),
}).loose();

const Offer = z.object({
  id: VendorId,
  acceptanceStatus: z.string().nullish(),
  decidedAt: z.string().nullish(),
  latestVersion: z.object({ startDate: z.string().nullish() }).loose().nullish(),
}).loose();

type Application = z.infer<typeof Application>;

async function hiredApplications(since: Date, ctx: AtsContext): Promise<Application[]> {
  const found: Application[] = [];
  let cursor: string | undefined;
  for (let n = 1; ; n += 1) {
    const { results, moreDataAvailable, nextCursor } = await fetchParsed(ctx, ashbyHiresApi.hired(cursor), page(Application), 'The Ashby list of hired applications');
    // Without a time filter on the list, an application not touched since the last poll is skipped here.
    found.push(...results.filter((a) => !a.updatedAt || Date.parse(a.updatedAt) >= since.getTime()));
    if (!moreDataAvailable || !nextCursor || n >= ashbyHiresApi.maxPages) return found;
    cursor = nextCursor;
  }
}

/** The newest accepted offer: the one Ashby puts in `candidateHire` (§3.1). */
async function acceptedOffer(applicationId: string, ctx: AtsContext) {
  const { results } = await fetchParsed(ctx, ashbyHiresApi.offers(applicationId), page(Offer), 'The Ashby offers');
  const decided = (o: z.infer<typeof Offer>) => Date.parse(o.decidedAt ?? '') || 0;
  // Decided last wins; without decision times, the one listed last.
  return results.filter((o) => o.acceptanceStatus === ashbyHiresApi.acceptedStatus).sort((a, b) => decided(a) - decided(b)).at(-1);
}

/** Hired applications updated since a time, each shaped as the `candidateHire` webhook that may never have come. */
export async function ashbyRecentHires(since: Date, ctx: AtsContext): Promise<Delivery[]> {
  const receivedAt = new Date().toISOString();
  const deliveries: Delivery[] = [];
  for (const application of await hiredApplications(since, ctx)) {
    const offer = await acceptedOffer(application.id, ctx);
    const email = application.candidate.primaryEmailAddress?.value;
    deliveries.push({
      vendor: 'ashby',
      type: 'hire',
      vendorType: 'candidateHire',
      key: hireKey(application.id, offer?.id),
      subjects: { candidateIds: [application.candidate.id], emails: email ? [email] : [] },
      body: { action: 'candidateHire', webhookActionId: `reconciliation:${application.id}`, data: { application, offer: offer ?? null } },
      receivedAt,
    });
  }
  return deliveries;
}
