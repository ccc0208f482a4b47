import { toHrError, type HrError } from '../../errors';
import type { HrStore } from '../../store';
import { auditDropped, isForgotten, type JournalEntry } from './intake';
import type { AtsContext, AtsSource, Canonical, Delivery } from './types';

export type Processed =
  | { outcome: 'emit'; canonical: Canonical }
  | { outcome: 'tombstoned' }
  /** `kept`: the event stays accepted and is built again at the next start (an API outage, missing credentials). */
  | { outcome: 'failed'; error: HrError; kept: boolean };

// Only a payload that is wrong cannot come right by trying again; it is marked failed for a human.
const DATA_ERRORS = new Set(['ats.payload_invalid', 'model.invalid']);

/**
 * Builds the canonical event of a journalled delivery. The person's emails are only known once a thin
 * event is read back, so tombstones are checked again here. Marking the event done is the writer's
 * job; this only marks what can never be emitted.
 */
export async function processDelivery(source: AtsSource, delivery: Delivery, ctx: AtsContext, store: Pick<HrStore, 'isTombstoned' | 'audit' | 'markEvent'>, actor: string): Promise<Processed> {
  try {
    const canonical = await source.canonical(delivery, ctx);
    const event = canonical.event as { person?: { emails?: Array<{ address: string }> }; candidateId?: string };
    const subjects = { candidateIds: event.candidateId ? [event.candidateId] : [], emails: (event.person?.emails ?? []).map((e) => e.address) };
    if (await isForgotten(store, delivery.vendor, subjects)) {
      await auditDropped(store, delivery, actor);
      await store.markEvent(delivery.vendor, delivery.key, 'done', 'dropped: the person was forgotten');
      return { outcome: 'tombstoned' };
    }
    return { outcome: 'emit', canonical };
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
