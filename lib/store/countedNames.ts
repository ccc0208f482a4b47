import { NAME_KINDS, type NameKind, type PersonNames } from './types';

/** What the store keeps of a person for term-frequency counts: each kind's value, or null. */
export type CountedNames = Record<NameKind, string | null>;

export const countedNames = (names: PersonNames): CountedNames => ({
  first: names.first || null,
  last: names.last || null,
  street: names.street || null,
});

export const countsNothing = (names: CountedNames): boolean => NAME_KINDS.every((kind) => names[kind] === null);
