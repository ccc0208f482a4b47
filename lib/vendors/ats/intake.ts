import { HrError } from '../../errors';
import type { HrStore } from '../../store';
import type { HandshakeReply, InboundRequest, VerifyResult } from '../../webhooks';
import { parseJsonBody } from '../../webhooks/body';
import type { AtsSource, Delivery } from './types';

/** What the trigger needs from its connection: the checks close over the secret, which never leaves it. */
export interface IntakeConnection {
  source: AtsSource;
  verify(req: InboundRequest): VerifyResult;
  handshake(req: InboundRequest): HandshakeReply | null;
  eventId(req: InboundRequest, body: unknown): string | null;
}

export type IntakeStore = Pick<HrStore, 'recordEvent' | 'isTombstoned' | 'audit'>;

/** What the store journals for an accepted event: enough to build and emit it again after a restart. */
export interface JournalEntry {
  nodeId: string;
  delivery: Delivery;
}

export type Intake =
  | { outcome: 'handshake'; status: 200; headers: Record<string, string> }
  | { outcome: 'refused'; status: 400 | 401 | 413; reason: string; detail: string }
  | { outcome: 'ignored'; status: number; vendorType: string }
  | { outcome: 'duplicate' | 'tombstoned' | 'accepted'; status: number; delivery: Delivery };

const refused = (status: 400 | 401 | 413, reason: string, detail: string): Intake => ({
  outcome: 'refused',
  status,
  reason,
  detail,
});

/** True when any id or email of the person belongs to someone forgotten (a tombstone: a deleted person stays deleted everywhere). */
export async function isForgotten(
  store: Pick<HrStore, 'isTombstoned'>,
  vendor: string,
  subjects: Delivery['subjects'],
): Promise<boolean> {
  const probes = [
    ...subjects.candidateIds.map((externalId) => ({ system: vendor, externalId })),
    ...subjects.emails.map((email) => ({ email })),
  ];
  for (const probe of probes) if (await store.isTombstoned(probe)) return true;
  return false;
}

/** Audits a dropped event by its key and reason only: a forgotten person's data is not written again. */
export const auditDropped = (store: Pick<HrStore, 'audit'>, delivery: Delivery, actor: string) =>
  store.audit({
    eventId: delivery.key,
    source: delivery.vendor,
    actor,
    action: 'event.dropped',
    after: { reason: 'tombstoned', type: delivery.type },
  });

/**
 * One webhook delivery, from raw bytes to a durable journal entry: the size, the signature (before
 * the body is read, except Lever's, which is in the body), the JSON, the event type, tombstones, and
 * the idempotent record. The caller answers with `status` only after this resolves, so a 2xx always
 * means the event is on disk; a store failure rejects, and the caller answers 5xx so the vendor retries.
 */
export async function receive(
  conn: IntakeConnection,
  store: IntakeStore,
  nodeId: string,
  req: InboundRequest & { tooLarge?: boolean },
): Promise<Intake> {
  const { source } = conn;
  if (req.tooLarge) return refused(413, 'too_large', 'the body is over the configured limit');
  const handshake = conn.handshake(req);
  if (handshake) return { outcome: 'handshake', status: handshake.status, headers: handshake.headers };

  let body: unknown;
  if (source.signatureInBody) {
    body = parseJsonBody(req.rawBody);
    if (body === undefined) return refused(400, 'malformed_json', 'the body is not JSON');
  }
  const verdict = conn.verify(req);
  if (!verdict.ok) return refused(401, verdict.reason, verdict.detail);
  body ??= parseJsonBody(req.rawBody);
  if (body === undefined) return refused(400, 'malformed_json', 'the body is not JSON');

  let classified;
  try {
    classified = source.classify({ ...req, body, vendorEventId: conn.eventId(req, body) });
  } catch (err) {
    if (err instanceof HrError && err.code === 'ats.payload_invalid') return refused(400, err.code, err.message);
    throw err;
  }
  if (!classified) return { outcome: 'ignored', status: source.successStatus, vendorType: vendorTypeOf(body) };

  const delivery: Delivery = { ...classified, vendor: source.vendor, body, receivedAt: req.receivedAt.toISOString() };
  if (await isForgotten(store, source.vendor, delivery.subjects)) {
    await auditDropped(store, delivery, 'hr-ats-trigger');
    return { outcome: 'tombstoned', status: source.successStatus, delivery };
  }
  const recorded = await record(store, nodeId, delivery, source.successStatus);
  if (recorded.outcome === 'duplicate' && source.singleUseKeys)
    return refused(401, 'replayed', 'this signed delivery was received before');
  return recorded;
}

/** The idempotent journal write shared by webhooks and the poll: one insert per (vendor, key), whoever races. */
export async function record(
  store: Pick<HrStore, 'recordEvent'>,
  nodeId: string,
  delivery: Delivery,
  status: number,
): Promise<Intake> {
  const entry: JournalEntry = { nodeId, delivery };
  const { inserted } = await store.recordEvent({
    eventId: delivery.key,
    source: delivery.vendor,
    type: delivery.type,
    receivedAt: new Date(delivery.receivedAt),
    payload: entry,
  });
  return { outcome: inserted ? 'accepted' : 'duplicate', status, delivery };
}

function vendorTypeOf(body: unknown): string {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const name = fields.action ?? fields.event ?? fields.type;
  return typeof name === 'string' ? name : 'unknown';
}
