import type { MatchablePerson, NameFrequency } from '../../../lib/match/types';

/** A person with empty contact lists, so each test states only the fields it is about. */
export function person(fields: Partial<MatchablePerson>): MatchablePerson {
  return { emails: [], phones: [], externalIds: [], ...fields };
}

/**
 * A whole store's name and street frequencies, for term-frequency adjustment: the shares given, 1 in 10,000
 * for another name, and 0 (nobody counted: the model's u) for another street.
 */
export function frequencies(
  first: Record<string, number>,
  last: Record<string, number>,
  street: Record<string, number> = {},
): NameFrequency {
  return (kind, value) =>
    kind === 'street' ? (street[value] ?? 0) : ((kind === 'first' ? first : last)[value] ?? 1e-4);
}
