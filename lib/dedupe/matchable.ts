import {
  blockingKeysOfPrepared,
  digestNationalId,
  nameForms,
  normaliseName,
  prepare,
  toComparisonRecord,
  type MatchablePerson,
} from '../match';
import type { ExternalLink, HrStore, Json, JsonObject, MatchIndexEntry, PersonNames, Provenance } from '../store';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const field = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined);
/** The readable values of a contact list: one the normaliser marked `invalid` (kept only for review) is no evidence of identity. */
const texts = (list: unknown, key: string): string[] =>
  (Array.isArray(list) ? list : [])
    .filter((item) => field(item, 'invalid') === undefined)
    .map((item) => text(field(item, key)))
    .filter((s): s is string => s !== undefined);

/**
 * A person as identity resolution sees it, from a canonical Person or a golden record (the same shape,
 * possibly partial, with employee details beside it). Terminated employees are kept: a rehire is the same person.
 * The national id is kept only as keyed hashes, and only with the store's matching key (HrStore.matchingKey).
 */
export function matchableFrom(
  record: unknown,
  links: readonly ExternalLink[],
  guid?: string,
  matchingKey?: Buffer,
): MatchablePerson {
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
    street: text(field(address, 'line1')),
    streetLine2: text(field(address, 'line2')),
    city: text(field(address, 'city')),
    postalCode: text(field(address, 'postalCode')),
    country: text(field(address, 'country')),
    externalIds: links.map((l) => ({ system: l.system, id: l.externalId })),
    nationalId: matchingKey
      ? digestNationalId(text(field(field(record, 'nationalId'), 'value')), matchingKey)
      : undefined,
    status: employeeStatus === 'terminated' ? 'former_employee' : employeeStatus ? 'employee' : 'candidate',
  };
}

/** The names the store counts for term-frequency adjustment, normalised as lib/match compares them. */
export function namesOf(person: MatchablePerson): PersonNames {
  return { first: normaliseName(person.firstName) || null, last: nameForms(person.lastName)?.full ?? null };
}

/** What the store files a person under: blocking keys, counted names and the comparison record, from one preparation. */
export function matchIndexOf(person: MatchablePerson): MatchIndexEntry {
  const prepared = prepare(person);
  return {
    blockingKeys: blockingKeysOfPrepared(prepared),
    names: namesOf(person),
    comparisonRecord: toComparisonRecord(prepared),
  };
}

/**
 * After the golden record changed (survivorship): when what identity resolution reads of it changed too
 * (a new legal name, email, phone, birth date or address), the person is filed under the new record's
 * keys as well as every key they had (an old name still finds them), and their counted names and
 * comparison record become the new record's. Returns whether anything was refiled.
 */
export async function refreshMatchIndex(
  store: HrStore,
  guid: string,
  before: JsonObject,
  after: JsonObject,
  links: readonly ExternalLink[],
): Promise<boolean> {
  const key = store.matchingKey();
  const [was, now] = [
    matchIndexOf(matchableFrom(before, links, undefined, key)),
    matchIndexOf(matchableFrom(after, links, undefined, key)),
  ];
  const same =
    JSON.stringify([was.names, was.comparisonRecord, [...was.blockingKeys].sort()]) ===
    JSON.stringify([now.names, now.comparisonRecord, [...now.blockingKeys].sort()]);
  if (same) return false;
  await store.putMatchIndex(guid, { ...now, keepOtherKeys: true });
  return true;
}

/**
 * Provenance for a person's first record: every leaf, with a list as one value, keyed by golden-record
 * path as survivorship reads it.
 */
export function provenanceOf(
  record: JsonObject,
  source: string,
  sourceTime: Date,
  prefix = '',
): Record<string, Provenance> {
  const out: Record<string, Provenance> = {};
  for (const [key, value] of Object.entries(record)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) Object.assign(out, provenanceOf(value as JsonObject, source, sourceTime, path));
    else if (value !== null && value !== undefined) out[path] = { value: value as Json, source, sourceTime };
  }
  return out;
}
