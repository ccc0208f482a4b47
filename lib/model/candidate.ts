import { z } from 'zod';
import { Person } from './person';
import { ExternalId, IsoDateTime, Text } from './primitives';
import { SourceSystem } from './systems';

/** A person as one ATS holds them (Merge ATS Candidate, Greenhouse candidate). */
export const Candidate = z.object({
  system: SourceSystem,
  id: ExternalId,
  person: Person,
  /** Current or previous job title and employer, as the candidate gave them. */
  title: Text.optional(),
  company: Text.optional(),
  tags: z.array(Text).optional(),
  canEmail: z.boolean().optional(),
  isPrivate: z.boolean().optional(),
  applicationIds: z.array(ExternalId).optional(),
  createdAt: IsoDateTime.optional(),
  updatedAt: IsoDateTime.optional(),
});
export type Candidate = z.infer<typeof Candidate>;
