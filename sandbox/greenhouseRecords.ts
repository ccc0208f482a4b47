import { z } from 'zod';

/**
 * Greenhouse records as Harvest v3 lists them (docs/vendors/greenhouse.md, "Harvest v3"). Where the
 * v3 reference gives no example response, the shape follows the webhook's documented objects, and
 * docs/vendors/greenhouse.md marks it [unconfirmed].
 */
export interface GreenhouseCustomField {
  id: number;
  name_key: string;
  name: string;
  field_type: 'candidate' | 'offer';
  value_type: 'short_text' | 'long_text' | 'number' | 'date' | 'url' | 'currency' | 'single_select';
  active: boolean;
}

export interface GreenhouseCandidate {
  id: number;
  first_name: string;
  last_name: string;
  /** The candidate's current job title, as the candidate webhooks carry it. */
  title: string | null;
  email_addresses: Array<{ value: string; type: 'personal' | 'work' | 'other' }>;
  phone_numbers: Array<{ value: string; type: string }>;
  custom_fields: Record<string, string | number | null>;
  created_at: string;
  updated_at: string;
  application_ids: number[];
  anonymized_fields?: string[];
}

export interface GreenhouseApplication {
  id: number;
  candidate_id: number;
  job_id: number;
  status: 'active' | 'hired' | 'rejected';
  applied_at: string;
  created_at: string;
  updated_at: string;
  last_activity_at: string;
}

/** A job with the one department and office a hire's record names. */
export interface GreenhouseJob {
  id: number;
  name: string;
  requisition_id: string | null;
  department: { id: number; name: string; external_id: string | null };
  office: { id: number; name: string; location: string; external_id: string | null };
  employment_type: string | null;
  created_at: string;
}

/** An offer; v3 statuses are capitalised (Created, Accepted, Rejected, Deprecated). */
export interface GreenhouseOffer {
  id: number;
  version: number;
  application_id: number;
  candidate_id: number;
  job_id: number;
  opening_id: string | null;
  status: 'Created' | 'Accepted' | 'Rejected' | 'Deprecated';
  created_at: string;
  updated_at: string;
  sent_on: string;
  resolved_at: string;
  starts_on: string;
  salary: { amount: number; unit: string };
}

/** The value a candidate custom field of each type accepts on PATCH. */
export const CUSTOM_FIELD_VALUE: Record<GreenhouseCustomField['value_type'], z.ZodType> = {
  short_text: z.string().max(255),
  long_text: z.string(),
  number: z.number(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  url: z.url(),
  currency: z.object({ amount: z.number(), unit: z.string().length(3) }),
  single_select: z.union([z.string(), z.number()]),
};

const keyed = (name: string, type: string, value: unknown) => ({ name, type, value });

export function candidateJson(candidate: GreenhouseCandidate, fields: readonly GreenhouseCustomField[]) {
  return {
    id: candidate.id,
    first_name: candidate.first_name,
    last_name: candidate.last_name,
    title: candidate.title,
    created_at: candidate.created_at,
    updated_at: candidate.updated_at,
    is_private: false,
    application_ids: candidate.application_ids,
    phone_numbers: candidate.phone_numbers,
    email_addresses: candidate.email_addresses,
    custom_fields: Object.fromEntries(
      fields
        .filter((f) => f.field_type === 'candidate')
        .map((f) => [f.name_key, keyed(f.name, f.value_type, candidate.custom_fields[f.name_key] ?? null)]),
    ),
  };
}

export const applicationJson = (a: GreenhouseApplication) => ({
  id: a.id,
  candidate_id: a.candidate_id,
  job_id: a.job_id,
  prospect: false,
  applied_at: a.applied_at,
  rejected_at: null,
  created_at: a.created_at,
  updated_at: a.updated_at,
  last_activity_at: a.last_activity_at,
  status: a.status,
});

export const jobJson = (job: GreenhouseJob) => ({
  id: job.id,
  name: job.name,
  requisition_id: job.requisition_id,
  status: 'open',
  confidential: false,
  created_at: job.created_at,
  updated_at: job.created_at,
  opened_at: job.created_at,
  closed_at: null,
  departments: [{ ...job.department, parent_id: null }],
  offices: [
    {
      id: job.office.id,
      name: job.office.name,
      location: { name: job.office.location },
      external_id: job.office.external_id,
      parent_id: null,
    },
  ],
  custom_fields: { employment_type: keyed('Employment Type', 'single_select', job.employment_type) },
});

export const offerJson = (offer: GreenhouseOffer) => ({
  id: offer.id,
  version: offer.version,
  application_id: offer.application_id,
  candidate_id: offer.candidate_id,
  job_id: offer.job_id,
  opening_id: offer.opening_id,
  status: offer.status,
  created_at: offer.created_at,
  updated_at: offer.updated_at,
  sent_on: offer.sent_on,
  resolved_at: offer.resolved_at,
  starts_on: offer.starts_on,
  custom_fields: { salary: keyed('Salary', 'currency', { ...offer.salary }) },
});

/** A v3 date filter: `op|value` pairs, e.g. `gte|2026-01-01T00:00:00Z` or `gte|…|lte|…`. */
const OPS = {
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
};
export const DateFilter = z.string().transform((text, ctx) => {
  const parts = text.split('|');
  const pairs: Array<[keyof typeof OPS, number]> = [];
  for (let i = 0; i < parts.length; i += 2) {
    const op = parts[i] as keyof typeof OPS;
    const at = Date.parse(parts[i + 1] ?? '');
    if (!(op in OPS) || Number.isNaN(at)) {
      ctx.addIssue({ code: 'custom', message: 'use operator|ISO-8601 time, operators gt, gte, lt, lte' });
      return z.NEVER;
    }
    pairs.push([op, at]);
  }
  return pairs;
});
export type DateFilter = z.output<typeof DateFilter>;
export const matchesDate = (value: string, filter: DateFilter | undefined): boolean =>
  !filter || filter.every(([op, at]) => OPS[op](Date.parse(value), at));

/** A comma-separated id list, at most 50. */
export const IdList = z
  .string()
  .transform((s) => s.split(',').map(Number))
  .pipe(z.array(z.number().int().positive()).max(50));

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

/** The hire's job and accepted offer, as the docs' example hire has them unless the seed says otherwise. */
export function hireRecords(
  seed: HireSeed,
  ids: { job: number; offer: number; application: number; candidate: number },
  at: string,
): { job: GreenhouseJob; offer: GreenhouseOffer } {
  const job: GreenhouseJob = {
    id: ids.job,
    name: seed.jobName ?? 'Developer',
    requisition_id: `REQ-${ids.job}`,
    department: { id: 7, name: seed.department ?? 'Technology', external_id: 'ex-dept-1' },
    office: {
      id: 13,
      name: seed.office ?? 'New York City',
      location: seed.officeLocation ?? 'New York, NY',
      external_id: 'ex-office-1',
    },
    employment_type: seed.employmentType ?? 'Full-time',
    created_at: at,
  };
  const salary = seed.salary ?? { amount: 80000, currency: 'USD' };
  const offer: GreenhouseOffer = {
    id: ids.offer,
    version: 1,
    application_id: ids.application,
    candidate_id: ids.candidate,
    job_id: ids.job,
    opening_id: `${ids.job}-1`,
    status: 'Accepted',
    created_at: at,
    updated_at: at,
    sent_on: at.slice(0, 10),
    resolved_at: at,
    starts_on: seed.startsAt ?? new Date(Date.parse(at) + 30 * 86_400_000).toISOString().slice(0, 10),
    salary: { amount: salary.amount, unit: salary.currency },
  };
  return { job, offer };
}
