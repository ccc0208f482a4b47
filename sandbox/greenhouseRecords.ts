import { z } from 'zod';

export interface GreenhouseCustomField {
  id: number;
  name_key: string;
  name: string;
  field_type: 'short_text' | 'long_text' | 'number' | 'date' | 'url';
}

export interface GreenhouseCandidate {
  id: number;
  first_name: string;
  last_name: string;
  email_addresses: Array<{ value: string; type: 'personal' | 'work' | 'other' }>;
  phone_numbers: Array<{ value: string; type: string }>;
  custom_fields: Record<string, string | number | null>;
  created_at: string;
  updated_at: string;
  application_ids: number[];
}

export interface GreenhouseApplication {
  id: number;
  candidate_id: number;
  status: 'active' | 'hired' | 'rejected';
  applied_at: string;
  last_activity_at: string;
  jobs: Array<{ id: number; name: string }>;
}

/** A job with the one department and office a hire's record names (§1.2). */
export interface GreenhouseJob {
  id: number;
  name: string;
  requisition_id: string | null;
  department: { id: number; name: string; external_id: string | null };
  office: { id: number; name: string; location: string; external_id: string | null };
  employment_type: string | null;
  created_at: string;
}

/** The accepted offer of a hired application; pay is the `salary` currency custom field (§1.2). */
export interface GreenhouseOffer {
  id: number;
  version: number;
  application_id: number;
  candidate_id: number;
  job_id: number;
  opening_id: string | null;
  /** Harvest's REST offer statuses (§1.3). */
  status: 'unresolved' | 'accepted' | 'rejected' | 'deprecated';
  created_at: string;
  sent_at: string;
  resolved_at: string;
  starts_at: string;
  salary: { amount: number; unit: string };
}

/** The value a candidate custom field of each type accepts on PATCH (§1.5). */
export const CUSTOM_FIELD_VALUE: Record<GreenhouseCustomField['field_type'], z.ZodType> = {
  short_text: z.string().max(255),
  long_text: z.string(),
  number: z.number(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  url: z.url(),
};

/** Harvest's candidate as GET returns it; custom fields both flat and keyed, as in the hire payload (§1.2). */
export function candidateJson(candidate: GreenhouseCandidate, fields: readonly GreenhouseCustomField[]) {
  return {
    id: candidate.id,
    first_name: candidate.first_name,
    last_name: candidate.last_name,
    created_at: candidate.created_at,
    updated_at: candidate.updated_at,
    is_private: false,
    application_ids: candidate.application_ids,
    phone_numbers: candidate.phone_numbers,
    email_addresses: candidate.email_addresses,
    custom_fields: Object.fromEntries(fields.map((f) => [f.name_key, candidate.custom_fields[f.name_key] ?? null])),
    keyed_custom_fields: Object.fromEntries(
      fields.map((f) => [f.name_key, { name: f.name, type: f.field_type, value: candidate.custom_fields[f.name_key] ?? null }]),
    ),
  };
}

export const applicationJson = (a: GreenhouseApplication) => ({
  id: a.id,
  candidate_id: a.candidate_id,
  prospect: false,
  applied_at: a.applied_at,
  rejected_at: null,
  last_activity_at: a.last_activity_at,
  status: a.status,
  jobs: a.jobs,
});

const keyed = (name: string, type: string, value: unknown) => ({ name, type, value });

/** Harvest's job as GET returns it: custom fields flat and keyed, offices with a location object. */
export const jobJson = (job: GreenhouseJob) => ({
  id: job.id,
  name: job.name,
  requisition_id: job.requisition_id,
  status: 'open',
  confidential: false,
  created_at: job.created_at,
  opened_at: job.created_at,
  closed_at: null,
  departments: [{ ...job.department, parent_id: null, child_ids: [] }],
  offices: [{ id: job.office.id, name: job.office.name, location: { name: job.office.location }, external_id: job.office.external_id, parent_id: null, child_ids: [] }],
  custom_fields: { employment_type: job.employment_type },
  keyed_custom_fields: { employment_type: keyed('Employment Type', 'single_select', job.employment_type) },
});

/** Harvest's offer as GET …/offers/current_offer returns it. */
export const offerJson = (offer: GreenhouseOffer) => {
  const salary = { ...offer.salary };
  return {
    id: offer.id,
    version: offer.version,
    application_id: offer.application_id,
    candidate_id: offer.candidate_id,
    job_id: offer.job_id,
    opening: offer.opening_id ? { id: offer.id, opening_id: offer.opening_id, status: 'filled' } : null,
    status: offer.status,
    created_at: offer.created_at,
    updated_at: offer.resolved_at,
    sent_at: offer.sent_at,
    resolved_at: offer.resolved_at,
    starts_at: offer.starts_at,
    custom_fields: { salary },
    keyed_custom_fields: { salary: keyed('Salary', 'currency', salary) },
  };
};

/** Query filters of the application list that a reconciliation poll uses (Harvest v1). */
export const ApplicationFilters = z.object({
  status: z.enum(['active', 'hired', 'rejected']).optional(),
  last_activity_after: z.iso.datetime({ offset: true }).optional(),
  created_after: z.iso.datetime({ offset: true }).optional(),
});
export type ApplicationFilters = z.infer<typeof ApplicationFilters>;

export const matchesFilters = (a: GreenhouseApplication, f: ApplicationFilters): boolean =>
  (!f.status || a.status === f.status) &&
  (!f.last_activity_after || Date.parse(a.last_activity_at) > Date.parse(f.last_activity_after)) &&
  (!f.created_after || Date.parse(a.applied_at) > Date.parse(f.created_after));

export const HireSeedBody = z
  .object({
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    /** ISO time the application became hired; the reconciliation poll filters on it. */
    hiredAt: z.iso.datetime({ offset: true }),
    jobName: z.string(),
    department: z.string(),
    office: z.string(),
    /** The office's location name, e.g. "New York, NY". */
    officeLocation: z.string(),
    employmentType: z.string(),
    /** YYYY-MM-DD; by default 30 days after the hire. */
    startsAt: z.iso.date(),
    salary: z.object({ amount: z.number(), currency: z.string().length(3) }),
  })
  .partial();
export type HireSeed = z.input<typeof HireSeedBody>;

/** The hire's job and accepted offer, as the docs' example hire has them (§1.2) unless the seed says otherwise. */
export function hireRecords(seed: HireSeed, ids: { job: number; offer: number; application: number; candidate: number }, at: string): { job: GreenhouseJob; offer: GreenhouseOffer } {
  const job: GreenhouseJob = {
    id: ids.job,
    name: seed.jobName ?? 'Developer',
    requisition_id: `REQ-${ids.job}`,
    department: { id: 7, name: seed.department ?? 'Technology', external_id: 'ex-dept-1' },
    office: { id: 13, name: seed.office ?? 'New York City', location: seed.officeLocation ?? 'New York, NY', external_id: 'ex-office-1' },
    employment_type: seed.employmentType ?? 'Full-time',
    created_at: at,
  };
  const salary = seed.salary ?? { amount: 80000, currency: 'USD' };
  const offer: GreenhouseOffer = {
    id: ids.offer, version: 1, application_id: ids.application, candidate_id: ids.candidate, job_id: ids.job, opening_id: `${ids.job}-1`,
    status: 'accepted', created_at: at, sent_at: at.slice(0, 10), resolved_at: at,
    starts_at: seed.startsAt ?? new Date(Date.parse(at) + 30 * 86_400_000).toISOString().slice(0, 10),
    salary: { amount: salary.amount, unit: salary.currency },
  };
  return { job, offer };
}
