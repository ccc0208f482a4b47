import { z } from 'zod';
import { VendorId } from '../ats/boundary';

/**
 * Greenhouse webhook payloads as documented (docs/vendors/greenhouse.md, "Webhooks"), reduced to what the canonical
 * events read. Everything else stays on msg.vendorPayload untouched.
 */
const Contact = z.object({ value: z.string(), type: z.string().nullish() });

const User = z.object({
  id: VendorId.nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  employee_id: z.string().nullish(),
});

export const CustomField = z.object({
  name: z.string().nullish(),
  type: z.string().nullish(),
  value: z.unknown(),
  /** Present on currency fields flagged as compensation (docs/vendors/greenhouse.md). */
  frequency: z.string().nullish(),
  compensation_type: z.string().nullish(),
});
const CustomFields = z.record(z.string(), CustomField.nullable()).nullish();

const OrgUnit = z.object({ id: VendorId.nullish(), name: z.string(), external_id: z.string().nullish() });

export const GreenhouseApplication = z.object({
  id: VendorId,
  status: z.string().nullish(),
  url: z.string().nullish(),
  opening: z.object({ opening_id: z.string().nullish() }).nullish(),
  credited_to: User.nullish(),
  source: z.object({ id: VendorId.nullish(), public_name: z.string() }).nullish(),
  candidate: z.object({
    id: VendorId,
    first_name: z.string(),
    last_name: z.string().nullish(), // mononyms: one name is enough here
    email_addresses: z.array(Contact).nullish(),
    phone_numbers: z.array(Contact).nullish(),
    addresses: z.array(Contact).nullish(),
    recruiter: User.nullish(),
    coordinator: User.nullish(),
  }),
  jobs: z
    .array(
      z.object({
        id: VendorId,
        name: z.string(),
        requisition_id: z.string().nullish(),
        departments: z.array(OrgUnit).nullish(),
        offices: z.array(OrgUnit.extend({ location: z.string().nullish() })).nullish(),
        custom_fields: CustomFields,
      }),
    )
    .min(1, 'a hire needs the job it is for'),
  offer: z.object({
    id: VendorId,
    version: z.number().int().positive().nullish(),
    sent_at: z.string().nullish(),
    resolved_at: z.string().nullish(),
    starts_at: z.string({ error: 'the start date is required' }),
    custom_fields: CustomFields,
  }),
});
export type GreenhouseApplication = z.infer<typeof GreenhouseApplication>;
export type GreenhouseUser = z.infer<typeof User>;

export const GreenhouseEnvelope = z.object({ action: z.string().min(1), payload: z.unknown() });

/** Only the ids each handled action is keyed and checked by; the rest is read when the event is built. */
export const GreenhouseIds = {
  application: z.object({
    application: z.object({
      id: VendorId,
      candidate: z.object({ id: VendorId, email_addresses: z.array(Contact).nullish() }),
      offer: z.object({ id: VendorId }).nullish(),
    }),
  }),
  /** `update_candidate`: the candidate alone, with no application. */
  candidate: z.object({ candidate: z.object({ id: VendorId, email_addresses: z.array(Contact).nullish() }) }),
  // [unconfirmed] whether `new_candidate_id` sits in `person` or beside it (docs/vendors/greenhouse.md, "merge_candidate"): both are read.
  person: z.object({
    person: z.object({
      id: VendorId,
      deleted_application_ids: z.array(VendorId).nullish(),
      new_candidate_id: VendorId.nullish(),
    }),
    new_candidate_id: VendorId.nullish(),
  }),
  offer: z.object({ id: VendorId, application_id: VendorId }),
};

export const GreenhouseOffer = z.object({
  id: VendorId,
  application_id: VendorId,
  job_id: VendorId.nullish(),
  version: z.number().int().positive().nullish(),
  sent_on: z.string().nullish(),
  resolved_at: z.string().nullish(),
  /** MM/DD/YYYY here, unlike the hire payload's YYYY-MM-DD `starts_at` (docs/vendors/greenhouse.md). */
  start_date: z.string().nullish(),
  offer_status: z.string().nullish(),
  custom_fields: CustomFields,
});
