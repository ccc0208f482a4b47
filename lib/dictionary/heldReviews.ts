/**
 * A message whose pay needs review is held in the store's review queue (encrypted there with the
 * store's key, as every open payload is) until a person decides; the decision sends it on once.
 *
 * Exactly once: a decision is first journaled as an event of its own (source RELEASE_SOURCE, one per
 * review id, so a second approval finds it taken), then the review is decided (audited with the
 * person's name), the held message sent, and the journal entry marked done. A restart in between
 * finishes what the journal says. Only a crash in the instant between sending and marking done sends
 * it again, and the writer's outbox key (person + operation) makes that repeat create nothing.
 */
import { HrError } from '../errors';
import type { HrStore, Review } from '../store';
import type { ReviewItem, ValidationReport } from './validator';

/** A message as a flow carries it; only its JSON-serialisable properties are held. */
type NodeMessage = Record<string, unknown> & { _msgid?: string };

export const RELEASE_SOURCE = 'hr-validator.review';
/** The store lists open reviews oldest first with no lookup by content, so a hold checks one page. */
const REVIEW_PAGE = 1000;

export type Decision = 'approved' | 'rejected';

export interface HeldPayload {
  node: string;
  /** The delivery the message came from, so the same hire emitted again after a restart is held once. */
  holdKey: string | null;
  eventId: string | null;
  review: ReviewItem[];
  /** The message as it arrived, sent on when the review is decided. */
  message: Record<string, unknown>;
}

interface Intent {
  node: string;
  decision: Decision;
  actor: string;
}

export interface Settled {
  review: Review;
  held: HeldPayload;
  decision: Decision;
  actor: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The trigger's `msg.event` ({ vendor, id }) or the store's names for it ({ source, eventId }). */
function eventOf(msg: Record<string, unknown>): { source: string; eventId: string } | null {
  const e = msg.event;
  if (!isObject(e)) return null;
  const source = text(e.source) ?? text(e.vendor);
  const eventId = text(e.eventId) ?? text(e.id);
  return source && eventId ? { source, eventId } : null;
}

export const ownedBy = (node: string) => (review: Review) =>
  review.kind === 'compensation_variance' && isObject(review.payload) && review.payload.node === node;

/** What can be stored and sent again: every property but the message id and what is not JSON (an HTTP request). */
function heldCopy(msg: NodeMessage): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(msg)) {
    if (key === '_msgid') continue;
    try {
      copy[key] = JSON.parse(JSON.stringify(value)) as unknown;
    } catch {
      // Circular or otherwise not serialisable: it cannot outlive this process anyway.
    }
  }
  return copy;
}

/** Holds the message for review, or finds it already held (the same delivery emitted again after a restart). */
export async function hold(
  store: HrStore,
  node: string,
  msg: NodeMessage,
  report: ValidationReport,
  canonical: unknown,
): Promise<{ review: Review; already: boolean }> {
  const m = msg;
  const event = eventOf(m);
  const eventId = text(isObject(canonical) ? canonical.eventId : undefined);
  const holdKey = event ? `${event.source}:${event.eventId}` : eventId;
  const add = async () => {
    if (holdKey) {
      const open = (await store.listReviews('open', REVIEW_PAGE)).find(
        (r) => ownedBy(node)(r) && (r.payload as HeldPayload).holdKey === holdKey,
      );
      if (open) return { review: open, already: true };
    }
    const person = isObject(m.person) ? text(m.person.guid) : null;
    const payload: HeldPayload = { node, holdKey, eventId, review: report.review, message: heldCopy(msg) };
    const review = await store.addReview({
      kind: 'compensation_variance',
      personGuid: person,
      explanation: report.review.map((r) => r.message).join('\n'),
      payload,
    });
    return { review, already: false };
  };
  // The store's keyed lock, so two copies of one delivery arriving together are held once.
  return holdKey ? store.resolveIdentity([`hr-validator:hold:${holdKey}`], add) : add();
}

/**
 * Decides the review and hands the held message to `send`, in the order that keeps it exactly once.
 * Returns null when the journal entry can no longer be honoured (the review vanished with a forgotten
 * person, or was decided otherwise in the store).
 */
async function finish(
  store: HrStore,
  id: number,
  intent: Intent,
  send: (settled: Settled) => void,
): Promise<Settled | null> {
  const journal = String(id);
  let review = await store.getReview(id);
  if (review?.status === 'open') review = await store.decideReview(id, intent.decision, intent.actor);
  if (!review || review.status !== intent.decision) {
    await store.markEvent(
      RELEASE_SOURCE,
      journal,
      'failed',
      review ? `review ${id} was ${review.status} by ${review.decidedBy ?? 'someone'}` : `review ${id} is gone`,
    );
    return null;
  }
  const held = review.payload as HeldPayload;
  const settled = { review, held, decision: intent.decision, actor: intent.actor };
  send(settled);
  const event = eventOf(held.message);
  // A rejected hire will not be written: its delivery is finished, so the trigger does not bring it back after a restart.
  if (intent.decision === 'rejected' && event) {
    await store
      .markEvent(event.source, event.eventId, 'failed', `compensation review ${id} rejected by ${intent.actor}`)
      .catch(() => undefined);
  }
  await store.markEvent(RELEASE_SOURCE, journal, 'done');
  return settled;
}

/** A person's decision, through the admin endpoint. */
export async function decide(
  store: HrStore,
  node: string,
  id: number,
  decision: Decision,
  actor: string,
  send: (settled: Settled) => void,
): Promise<Settled> {
  const review = await store.getReview(id);
  if (!review || !ownedBy(node)(review)) {
    throw new HrError('validator.review_not_found', `No compensation review ${id} is held by this validator.`, { id });
  }
  if (review.status !== 'open') {
    throw new HrError(
      'validator.review_decided',
      `Review ${id} was already ${review.status} by ${review.decidedBy ?? 'someone'}.`,
      { id, status: review.status },
    );
  }
  const intent: Intent = { node, decision, actor };
  const { inserted } = await store.recordEvent({
    source: RELEASE_SOURCE,
    eventId: String(id),
    type: `review.${decision}`,
    receivedAt: new Date(),
    payload: { ...intent },
  });
  if (!inserted) throw new HrError('validator.review_decided', `Review ${id} is already being decided.`, { id });
  const settled = await finish(store, id, intent, send);
  if (!settled)
    throw new HrError('validator.review_decided', `Review ${id} was decided elsewhere in the meantime.`, { id });
  return settled;
}

/** Decisions a previous run journaled but did not finish: sent now, once. */
export async function finishInterrupted(
  store: HrStore,
  node: string,
  send: (settled: Settled) => void,
): Promise<number> {
  const pending = (await store.pendingEvents(REVIEW_PAGE)).filter(
    (e) => e.source === RELEASE_SOURCE && isObject(e.payload) && e.payload.node === node,
  );
  let finished = 0;
  for (const entry of pending) {
    if (await finish(store, Number(entry.eventId), entry.payload as Intent, send)) finished += 1;
  }
  return finished;
}

/** The message a decision sends on: approved by the valid output, rejected by the invalid one. */
export function decidedMessage({ review, held, decision, actor }: Settled): { output: 0 | 1; msg: NodeMessage } {
  const about = {
    id: review.id,
    kind: review.kind,
    decision,
    decidedBy: actor,
    decidedAt: (review.decidedAt ?? new Date()).toISOString(),
  };
  const validation: ValidationReport =
    decision === 'approved'
      ? { status: 'valid', errors: [], review: held.review }
      : {
          status: 'invalid',
          errors: held.review.map((item) => ({
            field: item.field,
            rule: 'reviewRejected',
            message: `${actor} rejected this in review ${review.id}: ${item.message}`,
          })),
          review: held.review,
        };
  return {
    output: decision === 'approved' ? 0 : 1,
    msg: { ...held.message, validation, review: about } as NodeMessage,
  };
}
