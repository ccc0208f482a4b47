import { isDeepStrictEqual } from 'node:util';
import { CheckProvider, HrisSystem, SourceSystem } from '../model/systems';
import type { FieldOwner } from '../dictionary/field';
import type { Json } from '../store/types';
import type { SurvivableField } from './fields';

/** The kind of system that may own a field, for a concrete source system. */
export type OwnerKind = Exclude<FieldOwner, 'any'>;

export function ownerKindOf(system: string): OwnerKind | null {
  if ((SourceSystem.options as readonly string[]).includes(system)) return 'ats';
  if ((HrisSystem.options as readonly string[]).includes(system)) return 'hris';
  if ((CheckProvider.options as readonly string[]).includes(system)) return 'checkr';
  return system === 'manual' ? 'manual' : null;
}

/** A value with where it came from and when the source recorded it. */
export interface Sourced {
  value: Json;
  source: string;
  at: Date;
}

export type Verdict =
  /** Same value: nothing changes, but an owner confirming it takes over its provenance. */
  | { outcome: 'unchanged'; rule: 'unchanged'; claim: boolean }
  | { outcome: 'take'; rule: 'first_value' | 'owner_writes' | 'most_recent' }
  | { outcome: 'keep'; rule: 'owner_holds' | 'older' }
  | { outcome: 'conflict'; rule: 'immutable' | 'owners_disagree' | 'not_owner' };

type Rule = (field: SurvivableField, held: Sourced | undefined, offered: Sourced) => Verdict | undefined;
type FinalRule = (field: SurvivableField, held: Sourced, offered: Sourced) => Verdict;

/** Directions in which the HRIS sends the field on. */
const FROM_HRIS: ReadonlySet<string> = new Set(['hris_to_ats', 'both']);

const owns = (field: SurvivableField, source: string) => field.owner !== 'any' && ownerKindOf(source) === field.owner;

/**
 * The rules, in the order they are tried; the first that applies decides. The order is the policy:
 * an immutable field stays even against its owner; an owner's value stays even against a newer one
 * from a system that does not own the field; recency (mostRecent, last) only decides between equals.
 */
export const survivorshipRules: ReadonlyArray<readonly [name: string, rule: Rule]> = [
  [
    'unchanged',
    (field, held, offered) =>
      held && isDeepStrictEqual(held.value, offered.value)
        ? { outcome: 'unchanged', rule: 'unchanged', claim: owns(field, offered.source) && !owns(field, held.source) }
        : undefined,
  ],
  // The first value comes from whoever has one: the HRIS owns the legal name, but the hire brings it first.
  ['first_value', (_field, held) => (held ? undefined : { outcome: 'take', rule: 'first_value' })],
  ['immutable', (field) => (field.immutable ? { outcome: 'conflict', rule: 'immutable' } : undefined)],
  [
    'owners_disagree',
    (field, held, offered) =>
      owns(field, offered.source) && owns(field, held!.source) && held!.source !== offered.source
        ? { outcome: 'conflict', rule: 'owners_disagree' }
        : undefined,
  ],
  // The HRIS changing what the ATS owns and the dictionary does not let flow back (an offer detail) is
  // someone's mistake or a process to agree on: a person decides.
  [
    'not_owner',
    (field, _held, offered) =>
      field.owner === 'ats' &&
      ownerKindOf(offered.source) === 'hris' &&
      !FROM_HRIS.has(field.direction ?? 'ats_to_hris')
        ? { outcome: 'conflict', rule: 'not_owner' }
        : undefined,
  ],
  [
    'owner_writes',
    (field, _held, offered) => (owns(field, offered.source) ? { outcome: 'take', rule: 'owner_writes' } : undefined),
  ],
  ['owner_holds', (field, held) => (owns(field, held!.source) ? { outcome: 'keep', rule: 'owner_holds' } : undefined)],
];

/** Where no rule above applies (both may write, or neither owns the field), the later source time wins; a tie keeps what is held. */
export const mostRecent: FinalRule = (_field, held, offered) =>
  offered.at.getTime() > held.at.getTime()
    ? { outcome: 'take', rule: 'most_recent' }
    : { outcome: 'keep', rule: 'older' };

/** Decides one field: what the golden record holds against what a source offers. */
export function decideField(field: SurvivableField, held: Sourced | undefined, offered: Sourced): Verdict {
  for (const [, rule] of survivorshipRules) {
    const verdict = rule(field, held, offered);
    if (verdict) return verdict;
  }
  // first_value has decided whenever nothing is held.
  return mostRecent(field, held!, offered);
}
