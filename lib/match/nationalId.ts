import { createHmac } from 'node:crypto';

/**
 * A national id as identity resolution keeps it: keyed hashes only, never the value. `full` is the hash
 * of the normalised id; `near` holds the hashes of every form with one character deleted.
 *
 * Why deletions: two ids one keystroke apart always share a one-deletion form, and the comparison needs
 * nothing but set equality of hashes. A digit typed wrong at position i: deleting position i from both
 * gives the same string. Two neighbours swapped ("…47…" vs "…74…"): deleting the first from one and the
 * second from the other gives the same string. A digit left out or added: the shorter id's full hash is
 * among the longer one's deletion hashes. Without the store's key the hashes cannot be recomputed from a
 * guessed id, and no hash reveals a digit.
 */
export interface NationalIdDigests {
  full: string;
  near: string[];
}

/** Shorter ids (after normalising) are not compared: one deletion would leave too little to tell people apart. */
const MIN_LENGTH = 5;
/** 64 bits of each HMAC: a chance collision among a lookup's few thousand hash pairs is about 1e-16. */
const DIGEST_HEX = 16;

/** Letters and digits only, upper case: "123-45-6789" = "123 45 6789"; "ab 12 34 56 c" = "AB123456C". */
export function normaliseNationalId(raw: string | undefined): string {
  return (raw ?? '')
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

export function digestNationalId(raw: string | undefined, key: Buffer): NationalIdDigests | undefined {
  const id = normaliseNationalId(raw);
  if (id.length < MIN_LENGTH) return undefined;
  const hash = (value: string) =>
    createHmac('sha256', key).update(`national id\0${value}`).digest('hex').slice(0, DIGEST_HEX);
  const near = new Set<string>();
  for (let i = 0; i < id.length; i++) near.add(hash(id.slice(0, i) + id.slice(i + 1)));
  return { full: hash(id), near: [...near] };
}

/** exact: the same id; close: one character changed, swapped with its neighbour, dropped or added. */
export function nationalIdsAlike(a: NationalIdDigests, b: NationalIdDigests): 'exact' | 'close' | 'different' {
  if (a.full === b.full) return 'exact';
  if (a.near.includes(b.full) || b.near.includes(a.full)) return 'close';
  const near = new Set(a.near);
  return b.near.some((h) => near.has(h)) ? 'close' : 'different';
}
