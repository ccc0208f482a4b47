import { MASK } from '../store/secretCodec';
import type { Json, JsonObject, Provenance } from '../store/types';
import { getAt, setAt, type SurvivableField } from './fields';
import { decideField, type Sourced } from './rules';

/** Values a source offers, rooted like the dictionary (person.legalName.first, employee.hireDate). */
export interface Offer {
  system: string;
  at: Date;
  values: JsonObject;
}

export interface FieldChange {
  /** Dictionary path. */
  field: string;
  old: Json;
  new: Json;
  winningSource: string;
  rule: 'first_value' | 'owner_writes' | 'most_recent';
}

export interface FieldKept {
  field: string;
  rule: 'owner_holds' | 'older';
  keptSource: string;
  offeredSource: string;
}

export interface FieldConflict {
  field: string;
  rule: 'immutable' | 'owners_disagree' | 'not_owner';
  current: Json;
  currentSource: string;
  offered: Json;
  offeredSource: string;
}

export interface MergeResult {
  record: JsonObject;
  /** Provenance to write, keyed by golden-record path. */
  provenance: Record<string, Provenance>;
  changes: FieldChange[];
  kept: FieldKept[];
  conflicts: FieldConflict[];
}

/** The source of a value the golden record holds without provenance (written before survivorship ran). */
export const UNRECORDED_SOURCE = 'unrecorded';

const absent = (v: Json | undefined): v is undefined | null => v === undefined || v === null;

/**
 * Merges what a source offers into the golden record, field by field. A field the source does not
 * send (or sends empty) is left alone: not knowing a value is no reason to erase it. Changes and
 * conflicts report secret values masked; the record and provenance carry them for the store to encrypt.
 */
export function mergeRecord(
  golden: JsonObject,
  provenance: Record<string, Provenance>,
  offer: Offer,
  fields: readonly SurvivableField[],
): MergeResult {
  const result: MergeResult = { record: structuredClone(golden), provenance: {}, changes: [], kept: [], conflicts: [] };
  for (const field of fields) {
    const value = getAt(offer.values, field.path);
    if (absent(value)) continue;
    const current = getAt(golden, field.recordPath);
    const recorded = provenance[field.recordPath];
    const held: Sourced | undefined = absent(current)
      ? undefined
      : { value: current, source: recorded?.source ?? UNRECORDED_SOURCE, at: recorded?.sourceTime ?? new Date(0) };
    const offered: Sourced = { value, source: offer.system, at: offer.at };
    const shown = (v: Json | undefined): Json => (field.secret && !absent(v) ? MASK : (v ?? null));
    const claim = () =>
      void (result.provenance[field.recordPath] = { value, source: offer.system, sourceTime: offer.at });

    const verdict = decideField(field, held, offered);
    switch (verdict.outcome) {
      case 'unchanged':
        if (verdict.claim) claim();
        break;
      case 'take':
        setAt(result.record, field.recordPath, value);
        claim();
        result.changes.push({
          field: field.path,
          old: shown(current),
          new: shown(value),
          winningSource: offer.system,
          rule: verdict.rule,
        });
        break;
      case 'keep':
        result.kept.push({
          field: field.path,
          rule: verdict.rule,
          keptSource: held!.source,
          offeredSource: offer.system,
        });
        break;
      case 'conflict':
        result.conflicts.push({
          field: field.path,
          rule: verdict.rule,
          current: shown(current),
          currentSource: held!.source,
          offered: shown(value),
          offeredSource: offer.system,
        });
        break;
    }
  }
  return result;
}

/** The offered values with the golden record's winners written over them: what the flow continues with. */
export function resolvedValues(
  offered: JsonObject,
  golden: JsonObject,
  fields: readonly SurvivableField[],
): JsonObject {
  const resolved = structuredClone(offered);
  for (const field of fields) {
    const winner = getAt(golden, field.recordPath);
    if (!absent(getAt(offered, field.path)) && !absent(winner)) setAt(resolved, field.path, winner);
  }
  return resolved;
}
