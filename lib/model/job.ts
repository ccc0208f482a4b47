import { z } from 'zod';
import { ExternalId, Text } from './primitives';

/**
 * A department, office or cost center. `externalId` is the id the HRIS knows it by (Greenhouse
 * departments and offices carry `external_id` exactly for this).
 */
export const OrgUnit = z.object({ id: ExternalId.optional(), name: Text, externalId: Text.optional() });
export type OrgUnit = z.infer<typeof OrgUnit>;

export const Office = OrgUnit.extend({ location: Text.optional() });
export type Office = z.infer<typeof Office>;

export const Job = z.object({
  id: ExternalId,
  title: Text,
  requisitionId: Text.optional(),
  /** Greenhouse `opening.opening_id`, the id an HRIS position may be keyed on. */
  openingId: Text.optional(),
  department: OrgUnit.optional(),
  office: Office.optional(),
  costCenter: OrgUnit.optional(),
});
export type Job = z.infer<typeof Job>;
