import { nicknameVariants } from './nicknames';
import { nysiis } from './phonetic';
import { prepare, type PreparedPerson } from './prepare';
import type { EmailOptions } from './normalise';
import type { MatchablePerson } from './types';

// A name with no Latin letters has no NYSIIS code; its normalised spelling stands in.
const sound = (name: string): string => nysiis(name) || name;

/**
 * The keys under which the store files a person; a lookup fetches every stored person sharing at least
 * one key with the incoming one, and only those are scored. Blocking is the main lever on both speed and
 * recall (docs/matching.md, "Blocking"), so the union is built from keys that each catch a kind of variant
 * the others miss, while each stays small. Sizes are estimates for a store of one million persons:
 *
 * - `e:` normalised email, `p:` E.164 phone, `x:system:id` external id, `i:` keyed hash of the national
 *   id — about one person each.
 * - `a:` house number + street: a household, a few persons.
 * - `n:` NYSIIS(surname, and each part of a multi-part one) + forename initial, with the initials of the
 *   forename's nicknames too (Bill → b, w, l): survives typos that keep the sound (Smith/Smyth), nicknames,
 *   and "García López" vs "García". Largest key: NYSIIS SNAT + "j" is roughly 1,000 persons.
 * - `f:` NYSIIS(forename) and NYSIIS(surname), sorted: the same key when the names were entered swapped;
 *   about the number of exact namesakes (John Smith: ~150).
 * - `d:` date of birth + surname initial, and + forename initial: survives a surname typo or a marriage
 *   name change when the birth date is known; ~3 persons each.
 * - `y:` birth year + first three letters of the surname: survives a mistyped day or month; ~100.
 */
export function blockingKeys(person: MatchablePerson, options: { email?: EmailOptions } = {}): string[] {
  return blockingKeysOfPrepared(prepare(person, options.email));
}

/** Keys that belong to one person (an email address, an external id): a candidate holding one is looked at first. */
export const isIdentifyingKey = (key: string): boolean =>
  key.startsWith('e:') || key.startsWith('x:') || key.startsWith('i:');

/** blockingKeys of a person already prepared. */
export function blockingKeysOfPrepared(p: PreparedPerson): string[] {
  const keys = new Set<string>();
  for (const email of p.emails) keys.add(`e:${email}`);
  for (const phone of p.phones) keys.add(`p:${phone}`);
  for (const [system, ids] of p.externalIds) for (const id of ids) keys.add(`x:${system}:${id}`);
  if (p.nationalId) keys.add(`i:${p.nationalId.full}`);
  if (p.street?.number) keys.add(`a:${p.street.number}:${p.street.street}`);

  const forenames = [...new Set(p.givenNames.map((n) => n.split(' ')[0] ?? n))];
  const initials = new Set(forenames.flatMap(nicknameVariants).map((n) => n[0]));
  if (p.surname) {
    const surnameSounds = new Set([p.surname.compact, ...p.surname.parts].map(sound));
    for (const s of surnameSounds) for (const i of initials) keys.add(`n:${s}:${i}`);
    for (const f of forenames) keys.add(`f:${[sound(f), sound(p.surname.compact)].sort().join(':')}`);
  }

  if (p.dateOfBirth) {
    for (const name of [p.surname?.compact, ...forenames]) if (name) keys.add(`d:${p.dateOfBirth}:${name[0]}`);
    if (p.surname) keys.add(`y:${p.dateOfBirth.slice(0, 4)}:${p.surname.compact.slice(0, 3)}`);
  }
  return [...keys];
}
