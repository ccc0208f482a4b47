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
