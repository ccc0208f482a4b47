import { toHrError, type HrError } from '../../errors';
import type { HrStore } from '../../store';
import { auditDropped, isForgotten, type JournalEntry } from './intake';
import type { AtsContext, AtsSource, Canonical, Delivery } from './types';

export type Processed =
  /** `delivery`: the one journalled under the event's id, the one a later node marks done. */
  | { outcome: 'emit'; canonical: Canonical; delivery: Delivery }
  /** A hire that another delivery (its webhook or the poll) has already journalled under its key. */
  | { outcome: 'duplicate'; delivery: Delivery }
  | { outcome: 'tombstoned' }
  /** `kept`: the event stays accepted and is built again at the next start (an API outage, missing credentials). */
  | { outcome: 'failed'; error: HrError; kept: boolean };

// Only a payload that is wrong cannot come right by trying again; it is marked failed for a human.
const DATA_ERRORS = new Set(['ats.payload_invalid', 'model.invalid']);

/** Journals a hire under its own key; false when that key is journalled already. */
export type ClaimHire = (hire: Delivery) => Promise<boolean>;

/**
 * A thin event found to be a hire once read back (a SmartRecruiters status change) is journalled again
 * under the hire's key, the key the poll uses, so webhook and poll emit it once. The hire is journalled
 * before the event that revealed it is closed: a crash in between emits the hire after the restart
 * rather than losing it.
 */
async function asHire(delivery: Delivery, canonical: Canonical, store: Pick<HrStore, 'markEvent'>, claim: ClaimHire): Promise<Processed> {
  const hire: Delivery = { ...delivery, type: 'hire', key: canonical.event.eventId };
  const claimed = await claim(hire);
  await store.markEvent(delivery.vendor, delivery.key, 'done', `journalled as ${hire.key}`);
  return claimed ? { outcome: 'emit', canonical, delivery: hire } : { outcome: 'duplicate', delivery: hire };
}

/**
 * Builds the canonical event of a journalled delivery. The person's emails are only known once a thin
 * event is read back, so tombstones are checked again here. Marking the event done is the writer's
 * job; this only marks what can never be emitted.
 */
export async function processDelivery(
  source: AtsSource,
  delivery: Delivery,
  ctx: AtsContext,
  store: Pick<HrStore, 'isTombstoned' | 'audit' | 'markEvent'>,
  actor: string,
  claim: ClaimHire,
): Promise<Processed> {
  try {
    const canonical = await source.canonical(delivery, ctx);
    const event = canonical.event as { person?: { emails?: Array<{ address: string }> }; candidateId?: string };
    const subjects = { candidateIds: event.candidateId ? [event.candidateId] : [], emails: (event.person?.emails ?? []).map((e) => e.address) };
    if (await isForgotten(store, delivery.vendor, subjects)) {
      await auditDropped(store, delivery, actor);
      await store.markEvent(delivery.vendor, delivery.key, 'done', 'dropped: the person was forgotten');
      return { outcome: 'tombstoned' };
    }
    if (canonical.event.type === 'hire' && canonical.event.eventId !== delivery.key) return await asHire(delivery, canonical, store, claim);
    return { outcome: 'emit', canonical, delivery };
  } catch (thrown) {
    const error = toHrError(thrown);
    const kept = !DATA_ERRORS.has(error.code);
    if (!kept) await store.markEvent(delivery.vendor, delivery.key, 'failed', `${error.code}: ${error.message}`);
    return { outcome: 'failed', error, kept };
  }
}

/**
 * Accepted events this node should emit again after a restart: its own, and those of a trigger that is
 * no longer deployed, received before it started (so nothing it emits itself comes round twice).
 */
export async function pendingDeliveries(
  store: Pick<HrStore, 'pendingEvents'>,
  vendor: string,
  nodeId: string,
  receivedBefore: Date,
  isDeployed: (nodeId: string) => boolean,
  limit = 1000,
): Promise<Delivery[]> {
  const pending = await store.pendingEvents(limit);
  return pending
    .filter((e) => e.source === vendor && e.receivedAt < receivedBefore)
    .map((e) => e.payload as JournalEntry)
    .filter((entry) => entry?.delivery && (entry.nodeId === nodeId || !isDeployed(entry.nodeId)))
    .map((entry) => entry.delivery);
}
