/**
 * Survivorship against the store: reads the golden record and its provenance, applies the pure rules
 * of lib/survive, and writes the result, its audit entries and any conflict reviews. Serialised per
 * person, so two sources arriving together cannot overwrite each other's read.
 */
import { HrError } from './errors';
import { METRICS } from './health/metrics';
import { MASK, type HrStore, type JsonObject } from './store';
import { getAt, type SurvivableField } from './survive/fields';
import { mergeRecord, type FieldChange, type FieldConflict, type FieldKept, type Offer } from './survive/merge';
import { refreshMatchIndex } from './dedupe/matchable';

const CONFLICT_REASONS: Record<FieldConflict['rule'], string> = {
  immutable: 'immutable field changed',
  owners_disagree: 'two owning systems disagree',
  not_owner: 'the HRIS changed a field the ATS owns',
};

export interface Survival {
  dropped: boolean;
  record: JsonObject;
  changes: FieldChange[];
  kept: FieldKept[];
  conflicts: Array<FieldConflict & { reviewId: number }>;
}

export interface SurviveInput {
  guid: string;
  offer: Offer;
  eventId: string | null;
  fields: readonly SurvivableField[];
  actor: string;
}

export async function survive(store: HrStore, input: SurviveInput): Promise<Survival> {
  const { guid, offer, eventId, fields, actor } = input;
  const audit = (action: string, more: { before?: unknown; after?: unknown } = {}) =>
    store.audit({ eventId, source: offer.system, actor, action, personGuid: guid, ...more });

  if (await store.isTombstoned({ guid })) {
    await store.audit({ eventId, source: offer.system, actor, action: 'survivorship.dropped_forgotten' });
    return { dropped: true, record: {}, changes: [], kept: [], conflicts: [] };
  }
  return store.resolveIdentity([`survivorship:${guid}`], async () => {
    const person = await store.getPerson(guid);
    if (!person)
      throw new HrError(
        'survivorship.person_unknown',
        `No person ${guid} in the store; wire the dedupe node's new or merge output into survivorship.`,
        { guid },
      );
    const provenance = await store.getProvenance(guid);
    const merged = mergeRecord(person.record, provenance, offer, fields);
    if (merged.changes.length || Object.keys(merged.provenance).length)
      await store.savePerson(guid, merged.record, merged.provenance);
    // A new legal name (or email, phone…) must find the person next time, and count in the name frequencies.
    if (merged.changes.length) await refreshMatchIndex(store, guid, person.record, merged.record, person.links);

    const recordPathOf = new Map(fields.map((f) => [f.path, f.recordPath]));
    // Keyed by golden-record path, so the store masks the secret fields it is configured with.
    for (const change of merged.changes) {
      const path = recordPathOf.get(change.field)!;
      await audit('survivorship.changed', { before: { [path]: change.old }, after: { [path]: change.new } });
    }
    // A change that lost to a more recent value is audited too, so "most recent wins" can be checked afterwards.
    for (const kept of merged.kept.filter((k) => k.rule === 'older')) {
      const field = fields.find((f) => f.path === kept.field)!;
      const shown = (v: unknown) => (field.secret ? MASK : (v ?? null));
      await audit('survivorship.kept_more_recent', {
        before: {
          [field.recordPath]: shown(getAt(person.record, field.recordPath)),
          source: kept.keptSource,
          at: provenance[field.recordPath]?.sourceTime ?? null,
        },
        after: { [field.recordPath]: shown(getAt(offer.values, field.path)), source: kept.offeredSource, at: offer.at },
      });
    }
    const conflicts = [];
    for (const conflict of merged.conflicts) {
      const review = await store.addReview({
        kind: 'conflict',
        personGuid: guid,
        payload: { eventId, ...conflict },
        explanation: `${conflict.field}: ${CONFLICT_REASONS[conflict.rule]} (held from ${conflict.currentSource}, offered by ${conflict.offeredSource})`,
      });
      void store.count(METRICS.reviewItems, { kind: 'conflict' }).catch(() => undefined);
      const path = recordPathOf.get(conflict.field)!;
      await audit('survivorship.conflict', {
        before: { [path]: conflict.current },
        after: { [path]: conflict.offered, reviewId: review.id },
      });
      conflicts.push({ ...conflict, reviewId: review.id });
    }
    return { dropped: false, record: merged.record, changes: merged.changes, kept: merged.kept, conflicts };
  });
}
