import type { MatchablePerson } from '../../../lib/match/types';

/** A person with empty contact lists, so each test states only the fields it is about. */
export function person(fields: Partial<MatchablePerson>): MatchablePerson {
  return { emails: [], phones: [], externalIds: [], ...fields };
}

/** A whole store's name frequencies, for term-frequency adjustment: the shares given, 1 in 10,000 otherwise. */
export function frequencies(first: Record<string, number>, last: Record<string, number>) {
  return (kind: 'first' | 'last', value: string): number => (kind === 'first' ? first : last)[value] ?? 1e-4;
}
