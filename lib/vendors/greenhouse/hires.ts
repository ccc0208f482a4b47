import { z } from 'zod';
import { hireKey, VendorId } from '../ats/boundary';
import type { AtsContext, Delivery, HiresFound } from '../ats/types';
import { currentOffer, harvest, readList, readOne, type HarvestRecord } from './harvest';

/**
 * The reconciliation poll: applications hired since a time, read from Harvest v3 and assembled in the
 * shape of the `hire_candidate` webhook, so one function builds the hire (docs/vendors/greenhouse.md,
 * "Reconciliation poll"). A v3 application names its current job as `job_id`; `jobs[]` is read too,
 * since the v1-shaped list is what the webhook carries [unconfirmed which one v3 answers].
 */
const Listed = z
  .looseObject({
    id: VendorId,
    candidate_id: VendorId,
    job_id: VendorId.nullish(),
    jobs: z.array(z.looseObject({ id: VendorId })).nullish(),
  })
  .refine((a) => a.job_id != null || (a.jobs?.length ?? 0) > 0, {
    message: 'a hired application names its job (job_id)',
    path: ['job_id'],
  });

type OfficeLike = { location?: unknown };
const locationName = (location: unknown): unknown =>
  location && typeof location === 'object' && 'name' in location
    ? (location as { name: unknown }).name
    : (location ?? null);

/** The v3 records as the webhook's `application`; the offer's start date is `starts_on` in v3. */
function asWebhookApplication(
  app: HarvestRecord,
  candidate: HarvestRecord,
  offer: HarvestRecord | undefined,
  job: HarvestRecord | undefined,
): unknown {
  const offices = Array.isArray(job?.offices) ? (job.offices as OfficeLike[]) : [];
  return {
    ...app,
    candidate,
    opening: offer?.opening_id != null ? { opening_id: String(offer.opening_id) } : null,
    jobs: job ? [{ ...job, offices: offices.map((o) => ({ ...o, location: locationName(o.location) })) }] : [],
    offer: offer ? { ...offer, starts_at: offer.starts_on ?? offer.starts_at } : undefined,
  };
}

export async function recentHires(
  since: Date,
  ctx: AtsContext,
  maxPages: number = harvest.maxPages,
): Promise<HiresFound> {
  const first = harvest.list('applications', {
    status: 'hired',
    updated_at: harvest.since(since),
    per_page: harvest.perPage,
  });
  const { items: listed, capped } = await readList(
    ctx,
    first,
    Listed,
    'The Harvest list of hired applications',
    maxPages,
  );
  const receivedAt = new Date().toISOString();
  const deliveries: Delivery[] = [];
  for (const app of listed) {
    const candidate = await readOne(ctx, 'candidates', app.candidate_id, 'The Harvest candidate');
    // A candidate deleted since the hire is not to be created; a missing job or offer is left for the
    // hire's own validation to name, so the hire is reported rather than skipped.
    if (!candidate) continue;
    const job = await readOne(ctx, 'jobs', app.job_id ?? app.jobs![0]!.id, 'The Harvest job');
    const offer = await currentOffer(ctx, app.id);
    const emails = Array.isArray(candidate.email_addresses)
      ? (candidate.email_addresses as Array<{ value: string }>).map((e) => e.value)
      : [];
    deliveries.push({
      vendor: 'greenhouse',
      type: 'hire',
      vendorType: 'hire_candidate',
      key: hireKey(app.id, offer?.id),
      subjects: { candidateIds: [app.candidate_id], emails },
      body: { action: 'hire_candidate', payload: { application: asWebhookApplication(app, candidate, offer, job) } },
      receivedAt,
    });
  }
  return { hires: deliveries, capped };
}
