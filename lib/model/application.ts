import { z } from 'zod';
import { AtsUser } from './atsUser';
import { ExternalId, IsoDateTime, Text } from './primitives';

// Greenhouse: active|rejected|hired; Lever's archived opportunities are "archived" here.
export const ApplicationStatus = z.enum(['active', 'hired', 'rejected', 'archived']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

export const Application = z.object({
  id: ExternalId,
  candidateId: ExternalId,
  jobId: ExternalId.optional(),
  status: ApplicationStatus,
  currentStage: Text.optional(),
  appliedAt: IsoDateTime.optional(),
  hiredAt: IsoDateTime.optional(),
  rejectedAt: IsoDateTime.optional(),
  /** Where the candidate came from (Greenhouse `source.public_name`, e.g. "Monster"). */
  source: z.object({ id: ExternalId.optional(), name: Text }).optional(),
  creditedTo: AtsUser.optional(),
  url: z.url().optional(),
});
export type Application = z.infer<typeof Application>;
