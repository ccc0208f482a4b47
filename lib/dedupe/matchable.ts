import { nameForms, normaliseName, type MatchablePerson } from '../match';
import type { ExternalLink, Json, JsonObject, PersonNames, Provenance } from '../store';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const field = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined);
const texts = (list: unknown, key: string): string[] =>
  (Array.isArray(list) ? list : []).map((item) => text(field(item, key))).filter((s): s is string => s !== undefined);

/**
 * A person as identity resolution sees it, from a canonical Person or a golden record (the same shape,
 * possibly partial, with employee details beside it). Terminated employees are kept: a rehire is the same person.
 */
export function matchableFrom(record: unknown, links: readonly ExternalLink[], guid?: string): MatchablePerson {
  const address = field(record, 'address');
  const employeeStatus = field(field(record, 'employee'), 'status');
  return {
    guid,
    firstName: text(field(field(record, 'legalName'), 'first')),
    middleName: text(field(field(record, 'legalName'), 'middle')),
    lastName: text(field(field(record, 'legalName'), 'last')),
    preferredName: text(field(record, 'preferredName')),
    emails: texts(field(record, 'emails'), 'address'),
    phones: texts(field(record, 'phones'), 'number'),
    dateOfBirth: text(field(record, 'dateOfBirth')),
    city: text(field(address, 'city')),
    postalCode: text(field(address, 'postalCode')),
    country: text(field(address, 'country')),
    externalIds: links.map((l) => ({ system: l.system, id: l.externalId })),
    status: employeeStatus === 'terminated' ? 'former_employee' : employeeStatus ? 'employee' : 'candidate',
  };
}

/** The names the store counts for term-frequency adjustment, normalised as lib/match compares them. */
export function namesOf(person: MatchablePerson): PersonNames {
  return { first: normaliseName(person.firstName) || null, last: nameForms(person.lastName)?.full ?? null };
}

/**
 * Provenance for a person's first record: every leaf, with a list as one value, keyed by golden-record
 * path as survivorship reads it.
 */
export function provenanceOf(record: JsonObject, source: string, sourceTime: Date, prefix = ''): Record<string, Provenance> {
  const out: Record<string, Provenance> = {};
  for (const [key, value] of Object.entries(record)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) Object.assign(out, provenanceOf(value as JsonObject, source, sourceTime, path));
    else if (value !== null && value !== undefined) out[path] = { value: value as Json, source, sourceTime };
  }
  return out;
}
