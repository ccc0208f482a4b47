import { toHrError, type HrError } from '../../errors';
import type { HrStore } from '../../store';
import { auditDropped, isForgotten, type JournalEntry } from './intake';
import type { AtsContext, AtsSource, Canonical, Delivery } from './types';

export type Processed =
  /** `delivery`: the one journalled under the event's id, the one a later node marks done. */
  | { outcome: 'emit'; canonical: Canonical; delivery: Delivery }
  /** An event (a hire) that another delivery (its webhook or the poll) has already journalled under its key. */
  | { outcome: 'duplicate'; delivery: Delivery }
  | { outcome: 'tombstoned' }
  /** `kept`: the event stays accepted and is built again at the next start (an API outage, missing credentials). */
  | { outcome: 'failed'; error: HrError; kept: boolean };

// A payload that is wrong, or an event the vendor's API does not confirm, cannot come right by trying
// again; it is marked failed for a human.
const DATA_ERRORS = new Set(['ats.payload_invalid', 'model.invalid', 'ats.unconfirmed']);

/** Journals an event under its own key; false when that key is journalled already. */
export type ClaimHire = (event: Delivery) => Promise<boolean>;

/**
 * A delivery whose event has a key of its own only once read back (a SmartRecruiters status change found
 * to be a hire; a Lever delivery, keyed by its single-use token) is journalled again under the event's
 * key, the key the poll uses for a hire, so webhook, retries and poll emit it once. The event is
 * journalled before the delivery that revealed it is closed: a crash in between emits it after the
 * restart rather than losing it.
 */
async function rekeyed(
  delivery: Delivery,
  canonical: Canonical,
  store: Pick<HrStore, 'markEvent'>,
  claim: ClaimHire,
): Promise<Processed> {
  const event: Delivery = { ...delivery, type: canonical.event.type, key: canonical.event.eventId };
  const claimed = await claim(event);
  await store.markEvent(delivery.vendor, delivery.key, 'done', `journalled as ${event.key}`);
  return claimed ? { outcome: 'emit', canonical, delivery: event } : { outcome: 'duplicate', delivery: event };
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
    const subjects = {
      candidateIds: event.candidateId ? [event.candidateId] : [],
      emails: (event.person?.emails ?? []).map((e) => e.address),
    };
    if (await isForgotten(store, delivery.vendor, subjects)) {
      await auditDropped(store, delivery, actor);
      await store.markEvent(delivery.vendor, delivery.key, 'done', 'dropped: the person was forgotten');
      return { outcome: 'tombstoned' };
    }
    if (canonical.event.eventId !== delivery.key) return await rekeyed(delivery, canonical, store, claim);
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
