/**
 * Two-way sync against the store: an HRIS change decided field by field by the dictionary's owner and
 * direction, translated back through its lookup tables, with the package's own writes recognised when
 * they come back, and the values the ATS must learn handed on as one ATS update per candidate.
 */
import { isDeepStrictEqual } from 'node:util';
import { METRICS } from '../../lib/health/metrics';
import { MASK, type HrStore, type Json, type JsonObject } from '../../lib/store';
import {
  flowsTo,
  fromHrisTerms,
  getAt,
  isEcho,
  offersOf,
  ownerKindOf,
  rememberSent,
  setAt,
  type FieldChange,
  type OwnerKind,
  type SurvivableField,
  type TimedValue,
} from '../../lib/survive';
import type { EmployeeChange, EmployeeUpdatedEvent } from '../../lib/vendors/hris/changes';
import { survive, type Survival } from '../../lib/goldenRecord';

export interface AtsUpdate {
  ats: { system: string; candidateId: string };
  /** Dictionary path → value, in the ATS's terms. */
  values: Record<string, Json>;
}

export interface HeldChange {
  field: string;
  reason: string;
  reviewId?: number;
}

export interface HrisChangeOutcome {
  employeeId: string;
  guid: string | null;
  changes: FieldChange[];
  conflicts: Survival['conflicts'];
  kept: Survival['kept'];
  /** Fields whose reported value is one the package sent: not passed on again. */
  echoes: string[];
  /** Changes not applied, with the reason: no person, not in the dictionary, no lookup-table entry. */
  held: HeldChange[];
  atsUpdates: AtsUpdate[];
}

type Store = HrStore;

const byPath = (fields: readonly SurvivableField[]) => new Map(fields.map((f) => [f.path, f]));

/** Drops the offered values that are the package's own writes coming back (by value and origin), auditing each by field name only. */
export async function withoutEchoes(
  store: Store,
  guid: string,
  system: string,
  values: JsonObject,
  fields: readonly SurvivableField[],
  eventId: string | null,
  actor: string,
): Promise<{ values: JsonObject; echoes: string[] }> {
  const kept = structuredClone(values);
  const echoes: string[] = [];
  for (const field of fields) {
    const value = getAt(values, field.path);
    if (value === undefined || value === null) continue;
    if (!(await isEcho(store, guid, system, field.recordPath, value))) continue;
    echoes.push(field.path);
    setAt(kept, field.path, null);
  }
  if (echoes.length)
    await store.audit({
      eventId,
      source: system,
      actor,
      action: 'survivorship.echo_ignored',
      personGuid: guid,
      after: { fields: echoes },
    });
  return { values: kept, echoes };
}

/**
 * Remembers each change as sent to the linked systems of the other side the field flows to, so their
 * report of it is recognised. Values are in the golden record's terms; the HRIS side's come back
 * through the lookup table before they are compared.
 */
export async function rememberForwarded(
  store: Store,
  guid: string,
  changes: readonly { field: SurvivableField; value: Json }[],
  links: ReadonlyArray<{ system: string }>,
  to: OwnerKind,
): Promise<void> {
  const systems = [...new Set(links.map((l) => l.system).filter((s) => ownerKindOf(s) === to))];
  for (const { field, value } of changes) {
    if (!flowsTo(field, to)) continue;
    for (const system of systems) await rememberSent(store, guid, system, field.recordPath, value);
  }
}

async function hold(
  store: Store,
  guid: string | null,
  event: EmployeeUpdatedEvent,
  field: string,
  reason: string,
): Promise<HeldChange> {
  const review = await store.addReview({
    kind: 'conflict',
    personGuid: guid,
    payload: { eventId: event.eventId, field, system: event.system },
    explanation: reason,
  });
  void store.count(METRICS.reviewItems, { kind: 'conflict' }).catch(() => undefined);
  return { field, reason, reviewId: review.id };
}

export async function surviveHrisChange(
  store: Store,
  event: EmployeeUpdatedEvent,
  employee: EmployeeChange,
  fields: readonly SurvivableField[],
  actor: string,
): Promise<HrisChangeOutcome> {
  const outcome: HrisChangeOutcome = {
    employeeId: employee.employeeId,
    guid: null,
    changes: [],
    conflicts: [],
    kept: [],
    echoes: [],
    held: [],
    atsUpdates: [],
  };
  const guid = await store.findByExternalId(event.system, employee.employeeId);
  if (!guid) {
    outcome.held.push(
      await hold(
        store,
        null,
        event,
        '*',
        `${event.system} employee ${employee.employeeId} is linked to no person in the store, so its change cannot be placed`,
      ),
    );
    return outcome;
  }
  outcome.guid = guid;
  if (await store.isTombstoned({ guid })) {
    await store.audit({
      eventId: event.eventId,
      source: event.system,
      actor,
      action: 'survivorship.dropped_forgotten',
    });
    return outcome;
  }
  const known = byPath(fields);
  const golden = (await store.getPerson(guid))?.record ?? {};
  const timed: TimedValue[] = [];
  for (const change of employee.changes) {
    const field = known.get(change.field);
    if (!field) {
      outcome.held.push({ field: change.field, reason: `${change.field} is not in the data dictionary` });
      continue;
    }
    const translated = fromHrisTerms(field, change.value);
    if (!translated.ok) {
      outcome.held.push(await hold(store, guid, event, change.field, translated.reason));
      continue;
    }
    if (await isEcho(store, guid, event.system, field.recordPath, translated.value)) {
      outcome.echoes.push(field.path);
      continue;
    }
    // A poll's time is the employee's, not the field's: it may only decide where the HRIS owns the field.
    if (change.timeUncertain && field.owner !== 'hris') {
      if (!isDeepStrictEqual(getAt(golden, field.recordPath) ?? null, translated.value)) {
        outcome.held.push(
          await hold(
            store,
            guid,
            event,
            change.field,
            `${change.field}: ${event.system} reports ${field.secret ? MASK : `"${String(translated.value)}"`} by ${change.changedAt} without saying when this field changed, and the field is not the HRIS's alone`,
          ),
        );
      }
      continue;
    }
    timed.push({ field: change.field, value: translated.value, changedAt: change.changedAt });
  }
  if (outcome.echoes.length) {
    await store.audit({
      eventId: event.eventId,
      source: event.system,
      actor,
      action: 'survivorship.echo_ignored',
      personGuid: guid,
      after: { fields: outcome.echoes },
    });
  }

  const taken: Array<{ field: SurvivableField; value: Json }> = [];
  for (const offer of offersOf(event.system, timed)) {
    const survived = await survive(store, { guid, offer, eventId: event.eventId, fields, actor });
    outcome.changes.push(...survived.changes);
    outcome.kept.push(...survived.kept);
    outcome.conflicts.push(...survived.conflicts);
    // FieldChange masks secret values; what is forwarded is the offered value itself.
    for (const change of survived.changes)
      taken.push({ field: known.get(change.field)!, value: getAt(offer.values, change.field)! });
  }

  const person = await store.getPerson(guid);
  const atsLinks = (person?.links ?? []).filter((l) => ownerKindOf(l.system) === 'ats');
  const toAts = taken.filter((t) => flowsTo(t.field, 'ats'));
  await rememberForwarded(store, guid, toAts, atsLinks, 'ats');
  if (toAts.length) {
    for (const link of atsLinks) {
      outcome.atsUpdates.push({
        ats: { system: link.system, candidateId: link.externalId },
        values: Object.fromEntries(toAts.map((t) => [t.field.path, t.value])),
      });
    }
  }
  return outcome;
}
