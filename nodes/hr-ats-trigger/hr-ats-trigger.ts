import type { Node, NodeAPI, NodeDef, NodeMessage } from 'node-red';
import { HrError, toHrError, explainError } from '../../lib/errors';
import type { Delivery } from '../../lib/vendors/ats';
import type { HrStore } from '../../lib/store';
import { record, type Intake } from '../../lib/vendors/ats/intake';
import { admitPolled, startPolling } from '../common/polling';
import { summarizePayload } from '../../lib/privacy/payloadSummary';
import { METRICS } from '../../lib/health/metrics';
import { countMetric } from '../common/metrics';
import { settingsReader } from '../common/runtimeSettings';
import { processDelivery, type Processed } from '../../lib/vendors/ats/journal';
import { connectionFrom, type AtsConnectionNode } from '../common/atsConnectionRef';
import { createShell } from '../common/shell';
import type { TriggerWebhook } from '../common/atsTriggerRef';
import { storeFrom, type StoreConfigNode } from '../common/storeRef';
import { receiveDelivery, resumeUnfinished, triggerIntake } from '../common/webhookIntake';
import {
  registerWebhookRoute,
  type RawRequest,
  type WebhookResponse,
  type WebhookRouteOptions,
} from '../common/webhookRoute';
import { coalescedCount } from './coalescedCount';
import { refusalTally } from './refusalTally';
import { hirePoller } from './hirePoll';

interface TriggerDef extends NodeDef {
  connection: string;
  store: string;
  path: string;
  maxBodyKb: string;
  pollMinutes: string;
  pollLookbackHours: string;
  graceSeconds: string;
  /** What Catch nodes get of the vendor's body: 'summary' (masked, the default) or 'full'. */
  catchPayload?: string;
}

type Via = 'webhook' | 'poll' | 'restart';

const ACTOR = 'hr-ats-trigger';

/** Runtime settings (settings.js), for tuning and tests; 0 keeps each vendor's own limit of list pages per poll. */
const SETTINGS = {
  hrAtsTriggerPollMaxPages: { value: 0, exportable: false },
  hrAtsTriggerRefusalWindowMs: { value: 60_000, exportable: false },
};

/** What a refused caller is told: the status's generic name, never which check failed. */
const REFUSAL_BODY: Record<number, string> = { 400: 'bad_request', 401: 'unauthorized', 413: 'payload_too_large' };

const number = (text: string | undefined, fallback: number) =>
  text === undefined || text === '' || !Number.isFinite(Number(text)) ? fallback : Number(text);

export = (RED: NodeAPI) => {
  function HrAtsTrigger(this: Node, def: TriggerDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const shell = createShell(RED, this);
    let conn: AtsConnectionNode;
    let storeRef: StoreConfigNode;
    try {
      conn = connectionFrom(RED, def.connection);
      storeRef = storeFrom(RED, def.store);
      if (conn.configError) throw conn.configError;
      if ((RED.settings as { httpNodeRoot?: unknown }).httpNodeRoot === false) {
        throw new HrError(
          'ats.http_disabled',
          'httpNodeRoot is false in settings.js, so no webhook endpoint can be served.',
        );
      }
    } catch (err) {
      shell.refuse(toHrError(err));
      return;
    }
    const vendor = conn.vendor;
    const ctx = conn.atsContext();
    const { counts, work, track, journal, inAcceptanceOrder, sink: intakeSink } = triggerIntake(node.id, storeRef);
    const eventsIn = coalescedCount(
      (n) =>
        void storeRef.acquire().then(
          (store) => countMetric(node, store, METRICS.eventsIn, { vendor }, n),
          () => undefined,
        ),
    );
    if (conn.sandbox) shell.markSandbox();
    const showCounts = () =>
      shell.status(counts.refused > 0 ? 'warn' : 'ok', 'hr-ats-trigger.status.counts', counts.status());
    shell.status('idle', 'hr-ats-trigger.status.waiting');
    if (conn.apiRetired) {
      shell.status('warn', 'hr-ats-trigger.status.apiRetired');
      node.warn(RED._('hr-ats-trigger.warn.apiRetired', { vendor }));
    }

    const notice = (outcome: string, payload: Record<string, unknown>): NodeMessage => ({
      topic: `${ACTOR}/${outcome}`,
      payload: { outcome, vendor, ...payload },
    });
    const windowMs = settingsReader(RED, SETTINGS)('hrAtsTriggerRefusalWindowMs');
    // The store the requests were checked with: counting a refusal never opens one (on close, the store may be closing too).
    let intakeStoreInUse: HrStore | null = null;
    // Refusals cost no durable write, log line or message each: one of each per reason and window.
    const refusals = refusalTally(windowMs, ({ reason, status, detail, count, since }) => {
      node.warn(
        RED._('hr-ats-trigger.warn.refused', {
          vendor,
          count,
          status,
          reason,
          detail,
          seconds: Math.round(windowMs / 1000),
        }),
      );
      if (intakeStoreInUse) countMetric(node, intakeStoreInUse, METRICS.eventsRejected, { vendor, reason }, count);
      node.send([null, notice('refused', { status, reason, count, since: since.toISOString() })]);
      showCounts();
    });

    const claimHire = (hire: Delivery) =>
      record(journal, node.id, hire, 200).then((recorded) => recorded.outcome === 'accepted');

    function emit(delivery: Delivery, via: Via): Promise<void> {
      const built = storeRef
        .acquire()
        .then((store) => processDelivery(conn.source, delivery, ctx, store, ACTOR, claimHire));
      return inAcceptanceOrder(built, (result) => output(delivery, via, result));
    }

    function output(received: Delivery, via: Via, result: Processed): void {
      // A thin event that turned out to be a hire is emitted under the hire's key (see processDelivery).
      const delivery = result.outcome === 'emit' || result.outcome === 'duplicate' ? result.delivery : received;
      const event = { id: delivery.key, vendor, type: delivery.type, receivedAt: delivery.receivedAt, via };
      if (result.outcome === 'duplicate') {
        counts.add('duplicates');
        node.debug(RED._('hr-ats-trigger.debug.duplicate', { vendor, id: delivery.key }));
      } else if (result.outcome === 'tombstoned') {
        counts.add('dropped');
        node.send([null, notice('dropped', { reason: 'tombstoned', eventId: delivery.key, type: delivery.type })]);
      } else if (result.outcome === 'failed') {
        counts.add('failed');
        // A Debug node on a Catch shows whatever is here: by default the body's shape, its values masked.
        const body =
          def.catchPayload === 'full'
            ? { vendorPayload: delivery.body }
            : { vendorSummary: summarizePayload(delivery.body) };
        node.error(result.error, { event: { ...event, kept: result.kept }, ...body } as NodeMessage);
      } else {
        counts.add('emitted');
        const warnings = result.canonical.warnings;
        const msg = {
          topic: `${vendor}/${result.canonical.event.type}`,
          payload: result.canonical.event,
          event: { ...event, type: result.canonical.event.type, ...(warnings.length ? { warnings } : {}) },
          vendorPayload: delivery.body,
        };
        node.send([msg as NodeMessage, null]);
      }
      showCounts();
    }

    function answer(res: WebhookResponse, intake: Intake) {
      if (intake.outcome === 'handshake')
        for (const [name, value] of Object.entries(intake.headers)) res.setHeader(name, value);
      if (intake.outcome === 'refused') return res.status(intake.status).json({ error: REFUSAL_BODY[intake.status] });
      res.status(intake.status).end();
    }

    async function handle(req: RawRequest, res: WebhookResponse): Promise<void> {
      const received = await receiveDelivery(req, res, conn.intake, intakeSink, (e) =>
        node.error(
          RED._('hr-ats-trigger.errors.notRecorded', {
            code: e.code,
            reason: explainError(RED._, e),
            message: e.message,
          }),
        ),
      );
      if (!received) return;
      const { store, intake } = received;
      intakeStoreInUse = store;
      answer(res, intake);
      if (intake.outcome === 'accepted') eventsIn.add();
      switch (intake.outcome) {
        case 'refused':
          counts.add('refused');
          return refusals.add(intake.reason, intake.status, intake.detail);
        case 'ignored':
          return node.debug(RED._('hr-ats-trigger.debug.ignored', { vendor, type: intake.vendorType }));
        case 'duplicate':
          counts.add('duplicates');
          node.debug(RED._('hr-ats-trigger.debug.duplicate', { vendor, id: intake.delivery.key }));
          return showCounts();
        case 'tombstoned':
          counts.add('dropped');
          node.send([
            null,
            notice('dropped', { reason: 'tombstoned', eventId: intake.delivery.key, type: intake.delivery.type }),
          ]);
          return showCounts();
        case 'accepted':
          return emit(intake.delivery, 'webhook');
      }
    }

    shell.own(() => {
      refusals.close();
      journal.close();
      return work.settled().then(() => eventsIn.flush());
    });

    const path = def.path?.trim() || `/hr/${vendor}`;
    const limitBytes = number(def.maxBodyKb, 1024) * 1024;
    const handler: WebhookRouteOptions['handler'] = (req, res) =>
      track(handle(req, res).catch((err: unknown) => node.error(toHrError(err).message)));

    const startedAt = new Date();
    shell.own(
      resumeUnfinished({
        nodeId: node.id,
        vendor,
        startedAt,
        graceMs: number(def.graceSeconds, 60) * 1000,
        store: () => storeRef.acquire(),
        track,
        isDeployed: (id) => RED.nodes.getNode(id) !== null,
        emit: (delivery) => emit(delivery, 'restart'),
        failed: (e) => node.error(RED._('hr-ats-trigger.errors.sweep', { message: e.message })),
      }),
    );

    const pollMs = number(def.pollMinutes, 0) * 60_000;
    // Where a resumable poll got to belongs to the connection (one ATS account), so a redeployed or new trigger on it continues there.
    const maxPages = Number((RED.settings as unknown as Record<string, unknown>).hrAtsTriggerPollMaxPages);
    const pollHires = hirePoller(conn.source, `poll:${vendor}:${def.connection}`, maxPages > 0 ? maxPages : undefined);
    if (pollMs > 0 && pollHires && ctx.auth) {
      const lookbackMs = number(def.pollLookbackHours, 24) * 3_600_000;
      let since = new Date(startedAt.getTime() - lookbackMs);
      startPolling(
        shell,
        track,
        pollMs,
        async () => {
          const started = new Date();
          const store = await storeRef.acquire();
          const run = await pollHires(since, ctx, store);
          await admitPolled(store, journal, node.id, run.hires, (delivery) => emit(delivery, 'poll'), ACTOR);
          await run.done();
          if (run.capped) {
            node.warn(RED._('hr-ats-trigger.warn.pollCapped', { vendor }));
            shell.status('warn', 'hr-ats-trigger.status.pollCapped');
          }
          // The next poll overlaps this one by its own duration; the journal absorbs the repeats.
          since = new Date(started.getTime() - (Date.now() - started.getTime()));
        },
        (e) => {
          node.warn(
            RED._('hr-ats-trigger.warn.pollFailed', {
              vendor,
              code: e.code,
              reason: explainError(RED._, e),
              message: e.message,
            }),
          );
          shell.status('warn', 'hr-ats-trigger.status.pollFailed', { code: e.code, reason: explainError(RED._, e) });
        },
      );
    }

    shell.own(registerWebhookRoute(RED, { path, limitBytes, handler }));
    // What the "send a test hire" node needs to deliver a sandbox hire here: never a secret.
    (node as Node & { webhook?: TriggerWebhook }).webhook = { path, connection: conn };
  }

  RED.nodes.registerType('hr-ats-trigger', HrAtsTrigger, { settings: SETTINGS });
};
