import type { PreparedPerson } from './prepare';

/**
 * A prepared person in a form the store can keep beside the blocking keys and hand back with each
 * candidate, so a lookup neither reads golden records nor normalises anything per candidate. The
 * version changes with the shape; a record of another version is ignored (the caller prepares the
 * person from the golden record instead), so old records never need rewriting all at once.
 */
export const COMPARISON_RECORD_VERSION = 2;

/** Short keys: a million persons keep one each. */
export type ComparisonRecord = {
  v: number;
  /** given names */
  g: string[];
  /** surname: full, compact, parts, sound */
  s: [string, string, string[], string] | null;
  e: string[];
  p: string[];
  /** date of birth */
  d: string | null;
  c: string;
  /** postcode */
  z: string;
  /** country */
  n: string;
  /** system → ids */
  x: Array<[string, string[]]>;
  /** street address: number, street, unit */
  a: [string, string, string] | null;
  /** national id: keyed hash of the id, keyed hashes of its one-deletion forms */
  i: [string, string[]] | null;
};

export function toComparisonRecord(p: PreparedPerson): ComparisonRecord {
  return {
    v: COMPARISON_RECORD_VERSION,
    g: p.givenNames,
    s: p.surname ? [p.surname.full, p.surname.compact, p.surname.parts, p.surnameSound] : null,
    e: p.emails,
    p: p.phones,
    d: p.dateOfBirth ?? null,
    c: p.city,
    z: p.postcode,
    n: p.country,
    x: [...p.externalIds].map(([system, ids]) => [system, [...ids]]),
    a: p.street ? [p.street.number, p.street.street, p.street.unit] : null,
    i: p.nationalId ? [p.nationalId.full, p.nationalId.near] : null,
  };
}

/** undefined for a record of another version, or anything that is not a comparison record. */
export function fromComparisonRecord(value: unknown): PreparedPerson | undefined {
  const r = value as Partial<ComparisonRecord> | null;
  if (!r || typeof r !== 'object' || r.v !== COMPARISON_RECORD_VERSION) return undefined;
  const [full, compact, parts, sound] = r.s ?? [];
  return {
    givenNames: r.g ?? [],
    surname: full !== undefined && compact !== undefined && parts !== undefined ? { full, compact, parts } : undefined,
    surnameSound: sound ?? '',
    emails: r.e ?? [],
    phones: r.p ?? [],
    dateOfBirth: r.d ?? undefined,
    city: r.c ?? '',
    postcode: r.z ?? '',
    country: r.n ?? '',
    externalIds: new Map((r.x ?? []).map(([system, ids]) => [system, new Set(ids)])),
    street: r.a ? { number: r.a[0], street: r.a[1], unit: r.a[2] } : undefined,
    nationalId: r.i ? { full: r.i[0], near: r.i[1] } : undefined,
  };
}
