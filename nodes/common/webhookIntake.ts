import { toHrError, type HrError } from '../../lib/errors';
import type { HrStore } from '../../lib/store';
import type { Delivery } from '../../lib/vendors/ats';
import { GroupCommit } from '../../lib/vendors/ats/groupCommit';
import { receive, type Intake, type IntakeConnection, type IntakeStore } from '../../lib/vendors/ats/intake';
import { pendingDeliveries } from '../../lib/vendors/ats/journal';
import { inFlightWork } from './inFlight';
import { inOrder } from './inOrder';
import { triggerCounts } from './triggerCounts';
import type { RawRequest, WebhookResponse } from './webhookRoute';

/** Where a trigger records what its web hook receives: its store and its journal's batched write. */
export interface IntakeSink {
  readonly nodeId: string;
  store(): Promise<HrStore>;
  readonly recordEvent: IntakeStore['recordEvent'];
}

/**
 * What a trigger keeps while it runs, alike for the ATS and the HRIS trigger: its counts, its work in
 * flight (awaited on close), and one journal every accepted delivery goes through, web hooks and polls
 * alike, so they are recorded in groups and emitted in the order they were accepted.
 */
export function triggerIntake(nodeId: string, storeRef: { acquire(): Promise<HrStore> }) {
  const work = inFlightWork();
  const journal = new GroupCommit(() => storeRef.acquire());
  const sink: IntakeSink = { nodeId, store: () => storeRef.acquire(), recordEvent: journal.recordEvent };
  return { counts: triggerCounts(), work, track: work.track, journal, inAcceptanceOrder: inOrder(), sink };
}

/**
 * Runs one delivery through the intake (size, signature, tombstones, journal). When it cannot be
 * recorded, the sender gets a 503 and no acknowledgement, so its retry keeps the event from being
 * lost: `notRecorded` is told why and the result is null.
 */
export async function receiveDelivery(
  req: RawRequest,
  res: WebhookResponse,
  webhook: IntakeConnection,
  sink: IntakeSink,
  notRecorded: (error: HrError) => void,
): Promise<{ store: HrStore; intake: Intake } | null> {
  try {
    const store = await sink.store();
    const inbound = {
      rawBody: req.rawBody ?? Buffer.alloc(0),
      headers: req.headers,
      receivedAt: new Date(),
      tooLarge: req.rawBodyTooLarge === true,
    };
    const intakeStore: IntakeStore = {
      isTombstoned: (probe) => store.isTombstoned(probe),
      audit: (entry) => store.audit(entry),
      recordEvent: sink.recordEvent,
    };
    return { store, intake: await receive(webhook, intakeStore, sink.nodeId, inbound) };
  } catch (err) {
    notRecorded(toHrError(err));
    res.status(503).end();
    return null;
  }
}

export interface ResumeOptions {
  readonly nodeId: string;
  readonly vendor: string;
  /** When this run started: deliveries accepted before it and not finished are another run's leftovers. */
  readonly startedAt: Date;
  readonly graceMs: number;
  store(): Promise<HrStore>;
  /** Whether a node of that id is deployed (its deliveries are its own to finish). */
  isDeployed(nodeId: string): boolean;
  track(work: Promise<void>): void;
  emit(delivery: Delivery): Promise<void>;
  failed(error: HrError): void;
}

/**
 * Deliveries a previous run accepted but nobody finished are emitted again, once the grace period has
 * let any other instance still holding them finish (design: an accepted delivery is never lost).
 * Returns the function that cancels the sweep.
 */
export function resumeUnfinished(o: ResumeOptions): () => void {
  const sweep = setTimeout(() => {
    o.track(
      (async () => {
        const store = await o.store();
        const pending = await pendingDeliveries(store, o.vendor, o.nodeId, o.startedAt, (id) => o.isDeployed(id));
        for (const delivery of pending) await o.emit(delivery);
      })().catch((err: unknown) => o.failed(toHrError(err))),
    );
  }, o.graceMs);
  return () => clearTimeout(sweep);
}
