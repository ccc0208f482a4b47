import { z } from 'zod';
import { Compensation } from './compensation';
import { ExternalId, IsoDate, IsoDateTime, Text } from './primitives';

// Merge's offer statuses, with Greenhouse's Created → draft, Merge SIGNED → accepted, DENIED → rejected.
export const OfferStatus = z.enum([
  'draft',
  'approval_sent',
  'approved',
  'sent',
  'sent_manually',
  'opened',
  'accepted',
  'rejected',
  'deprecated',
]);
export type OfferStatus = z.infer<typeof OfferStatus>;

// Merge's employment types plus "temporary", which Greenhouse custom fields commonly carry.
export const EmploymentType = z.enum(['full_time', 'part_time', 'contractor', 'freelance', 'intern', 'temporary']);
export type EmploymentType = z.infer<typeof EmploymentType>;

export const Offer = z.object({
  id: ExternalId.optional(),
  version: z.number().int().positive().optional(),
  status: OfferStatus.optional(),
  title: Text,
  department: Text.optional(),
  location: Text.optional(),
  startDate: IsoDate,
  compensation: Compensation,
  employmentType: EmploymentType,
  sentOn: IsoDate.optional(),
  resolvedAt: IsoDateTime.optional(),
});
export type Offer = z.infer<typeof Offer>;
