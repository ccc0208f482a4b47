import { z } from 'zod';
import { Application } from './application';
import { AtsUser } from './atsUser';
import { Job } from './job';
import { Offer } from './offer';
import { Person } from './person';
import { ExternalId, IsoDateTime, Text } from './primitives';
import { AtsSystem, SourceSystem } from './systems';

/**
 * The ids of the hire in the ATS that owns it. Kept apart from `HireEvent.system` because an event
 * delivered by Merge carries the ids of the underlying ATS (Merge `remote_id`).
 */
export const SourceIds = z.object({
  system: AtsSystem,
  candidateId: ExternalId,
  applicationId: ExternalId,
  offerId: ExternalId.optional(),
  jobId: ExternalId.optional(),
});
export type SourceIds = z.infer<typeof SourceIds>;

/** "This candidate was hired": what every ATS trigger emits, whatever the vendor. */
export const HireEvent = z.object({
  type: z.literal('hire'),
  /** The delivery's idempotency key (Greenhouse-Event-ID, Ashby webhookActionId, Lever token). */
  eventId: Text,
  system: SourceSystem,
  occurredAt: IsoDateTime,
  person: Person,
  application: Application,
  offer: Offer,
  job: Job,
  recruiter: AtsUser.optional(),
  coordinator: AtsUser.optional(),
  sourceIds: SourceIds,
});
export type HireEvent = z.infer<typeof HireEvent>;
