import { z } from 'zod';
import { ExternalId, Text } from './primitives';

/** A recruiter, coordinator or other ATS user (Greenhouse `recruiter`, `credited_to`). */
export const AtsUser = z.object({
  id: ExternalId.optional(),
  name: Text.optional(),
  email: z.email({ error: 'must be an email address' }).optional(),
  /** The user's own employee id, which Greenhouse carries on users. */
  employeeId: Text.optional(),
});
export type AtsUser = z.infer<typeof AtsUser>;
