import type { SyncDirection } from '../dictionary/field';
import type { Json, JsonObject } from '../store/types';
import { setAt, type SurvivableField } from './fields';
import type { Offer } from './merge';
import type { OwnerKind } from './rules';

/** A value the sync read from one system, at its dictionary path, with the time that system recorded it. */
export interface TimedValue {
  field: string;
  value: Json;
  changedAt: string;
}

const FLOWS: Record<SyncDirection, readonly OwnerKind[]> = {
  ats_to_hris: ['hris'],
  hris_to_ats: ['ats'],
  both: ['ats', 'hris'],
  none: [],
};

/** Whether the dictionary sends this field to that kind of system. */
export const flowsTo = (field: SurvivableField, kind: OwnerKind): boolean =>
  FLOWS[field.direction ?? 'ats_to_hris'].includes(kind);

export type Translated = { ok: true; value: Json } | { ok: false; reason: string };

/**
 * An HRIS value in the golden record's (the ATS's) terms, through the dictionary's lookup table read
 * backwards. A value the table does not list, or lists for two ATS values, is not guessed.
 */
export function fromHrisTerms(field: SurvivableField, value: Json): Translated {
  if (!field.translation || value === null) return { ok: true, value };
  const sources = Object.entries(field.translation)
    .filter(([, hris]) => hris === value)
    .map(([ats]) => ats);
  if (sources.length === 1) return { ok: true, value: sources[0]! };
  return {
    ok: false,
    reason:
      sources.length === 0
        ? `${field.path}: the lookup table has no ATS value for "${String(value)}"`
        : `${field.path}: the lookup table maps ${sources.map((s) => `"${s}"`).join(' and ')} to "${String(value)}"; which one is meant is not known`,
  };
}

/** Changes grouped by their change time: each group is one offer, so "most recent wins" compares each field's own time. */
export function offersOf(system: string, values: readonly TimedValue[]): Offer[] {
  const byTime = new Map<string, JsonObject>();
  for (const v of values) {
    const group = byTime.get(v.changedAt) ?? {};
    setAt(group, v.field, v.value);
    byTime.set(v.changedAt, group);
  }
  return [...byTime.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([at, group]) => ({ system, at: new Date(at), values: group }));
}
