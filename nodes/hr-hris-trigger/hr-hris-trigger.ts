/**
 * The HRIS trigger: the way back of two-way sync. Verifies the HRIS's signed change webhooks over the
 * raw body, journals each delivery durably before answering (the ATS trigger's intake, journal and
 * group commit), drops repeats, and emits one canonical employee.updated per delivery.
 */
import type { Node, NodeAPI, NodeDef, NodeMessage } from 'node-red';
import { HrError, toHrError, explainError } from '../../lib/errors';
import { METRICS } from '../../lib/health/metrics';
import type { AtsContext, Delivery } from '../../lib/vendors/ats';
import type { Intake, IntakeConnection } from '../../lib/vendors/ats/intake';
import { admitPolled, startPolling } from '../common/polling';
import { processDelivery, type Processed } from '../../lib/vendors/ats/journal';
import { hrisChangeSourceFor, type HrisChangeSource } from '../../lib/vendors/changeSources';
import type { HrisConnectionNode } from '../common/hrisChannels';
import { countMetric } from '../common/metrics';
import { createShell } from '../common/shell';
import { storeFrom, type StoreConfigNode } from '../common/storeRef';
import { receiveDelivery, resumeUnfinished, triggerIntake } from '../common/webhookIntake';
import {
  registerWebhookRoute,
  type RawRequest,
  type WebhookResponse,
  type WebhookRouteOptions,
} from '../common/webhookRoute';
import { given, unsetVariable } from '../common/sandboxMode';
import { runtimeSandbox } from '../common/runtimeSandbox';
import { sandboxHrisWebhookSecret, type SandboxHrisSystem } from '../../sandbox/connectionValues';
import type { HrisSandboxBinding, HrisTriggerWebhook } from '../common/hrisTriggerRef';

interface TriggerDef extends NodeDef {
  connection: string;
  store: string;
  path: string;
  maxBodyKb: string;
  graceSeconds: string;
  pollMinutes?: string;
  pollLookbackHours?: string;
}

type Via = 'webhook' | 'restart' | 'poll';

const ACTOR = 'hr-hris-trigger';

const number = (text: string | undefined, fallback: number) =>
  text === undefined || text === '' || !Number.isFinite(Number(text)) ? fallback : Number(text);

export = (RED: NodeAPI) => {
  function HrHrisTrigger(this: Node<{ secret: unknown }>, def: TriggerDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const shell = createShell(RED, this);
    let storeRef: StoreConfigNode;
    let source: HrisChangeSource['source'];
    /** The webhook intake; null for an HRIS whose changes only the poll reads (no endpoint is served). */
    let intake: IntakeConnection | null;
    let ctx: AtsContext;
    let pollChanges: HrisChangeSource['poll'];
    let sandbox: HrisSandboxBinding | null = null;
    try {
      const connection = RED.nodes.getNode(def.connection) as HrisConnectionNode | null;
      if (!connection || typeof connection.channels !== 'function')
        throw new HrError('hris-trigger.no_connection', 'Choose an HRIS connection.');
      storeRef = storeFrom(RED, def.store);
      const channels = connection.channels();
      const change = hrisChangeSourceFor(channels.settings.hris.system);
      if (!change)
        throw new HrError(
          'hris-trigger.vendor_unsupported',
          `Changes from ${channels.settings.hris.system} are not received yet; BambooHR and Personio are.`,
        );
      if (!change.verify && !(number(def.pollMinutes, 0) > 0)) {
        throw new HrError(
          'hris-trigger.poll_required',
          `${channels.settings.hris.system} sends no change webhooks: set "Poll every (min)" so its changes are read.`,
        );
      }
      if (change.verify && (RED.settings as { httpNodeRoot?: unknown }).httpNodeRoot === false) {
        throw new HrError(
          'ats.http_disabled',
          'httpNodeRoot is false in settings.js, so no webhook endpoint can be served.',
        );
      }
      const typed = typeof node.credentials?.secret === 'string' ? node.credentials.secret : undefined;
      const system = channels.settings.hris.system;
      let secret = typed;
      if (connection.sandboxParts.includes(system)) {
        // The connection's HRIS is the built-in sandbox: so is the webhook, signed with the sandbox's key unless one is set.
        shell.markSandbox();
        if (!given(typed)) secret = sandboxHrisWebhookSecret(system as SandboxHrisSystem);
        sandbox = { sandbox: runtimeSandbox(RED), system: system as SandboxHrisSystem, webhookSecret: secret! };
      } else if (change.verify && unsetVariable(typed)) {
        throw new HrError(
          'hris-trigger.variable_unset',
          `The webhook secret uses the environment variable ${unsetVariable(typed)}, which is not set.`,
        );
      }
      const verify = change.verify;
      source = change.source;
      intake = verify
        ? { source, verify: (req) => verify(req, secret), handshake: () => null, eventId: () => null }
        : null;
      pollChanges = change.poll;
      // Event-based webhooks name the changed fields only: their values are read through the connection.
      ctx = { send: channels.hris.client.request, settings: { timeZone: 'UTC' }, auth: 'apiKey' };
    } catch (err) {
      shell.refuse(toHrError(err));
      return;
    }
    const vendor = source.vendor;
    const { counts, work, track, journal, inAcceptanceOrder, sink: intakeSink } = triggerIntake(node.id, storeRef);
    const showCounts = () =>
      shell.status(counts.refused > 0 ? 'warn' : 'ok', 'hr-hris-trigger.status.counts', counts.status());
    shell.status('idle', 'hr-hris-trigger.status.waiting');
    const notice = (outcome: string, payload: Record<string, unknown>): NodeMessage => ({
      topic: `${ACTOR}/${outcome}`,
      payload: { outcome, vendor, ...payload },
    });

    // A change is never re-journalled under another key, so there is no hire to claim.
    const noClaim = async () => false;

    function emit(delivery: Delivery, via: Via): Promise<void> {
      const built = storeRef.acquire().then((store) => processDelivery(source, delivery, ctx, store, ACTOR, noClaim));
      return inAcceptanceOrder(built, (result) => output(delivery, via, result));
    }

    function output(delivery: Delivery, via: Via, result: Processed): void {
      const event = { id: delivery.key, vendor, type: delivery.type, receivedAt: delivery.receivedAt, via };
      if (result.outcome === 'tombstoned') {
        counts.add('dropped');
        node.send([null, notice('dropped', { reason: 'tombstoned', eventId: delivery.key })]);
      } else if (result.outcome === 'failed') {
        counts.add('failed');
        node.error(result.error, { event: { ...event, kept: result.kept } } as NodeMessage);
      } else if (result.outcome === 'emit') {
        counts.add('emitted');
        const warnings = result.canonical.warnings;
        node.send([
          {
            topic: `${vendor}/employee.updated`,
            payload: result.canonical.event,
            event: { ...event, ...(warnings.length ? { warnings } : {}) },
          } as NodeMessage,
          null,
        ]);
      }
      showCounts();
    }

    function answer(res: WebhookResponse, result: Intake) {
      if (result.outcome === 'refused') return res.status(result.status).json({ error: result.reason });
      res.status(result.status).end();
    }

    async function handle(webhook: IntakeConnection, req: RawRequest, res: WebhookResponse): Promise<void> {
      const received = await receiveDelivery(req, res, webhook, intakeSink, (e) =>
        node.error(
          RED._('hr-hris-trigger.errors.notRecorded', {
            code: e.code,
            reason: explainError(RED._, e),
            message: e.message,
          }),
        ),
      );
      if (!received) return;
      const { store, intake: result } = received;
      answer(res, result);
      switch (result.outcome) {
        case 'refused':
          counts.add('refused');
          countMetric(node, store, METRICS.eventsRejected, { vendor, reason: result.reason });
          node.warn(
            RED._('hr-hris-trigger.warn.refused', {
              vendor,
              status: result.status,
              reason: result.reason,
              detail: result.detail,
            }),
          );
          node.send([null, notice('refused', { status: result.status, reason: result.reason })]);
          return showCounts();
        case 'duplicate':
          counts.add('duplicates');
          return showCounts();
        case 'tombstoned':
          counts.add('dropped');
          node.send([null, notice('dropped', { reason: 'tombstoned', eventId: result.delivery.key })]);
          return showCounts();
        case 'accepted':
          countMetric(node, store, METRICS.eventsIn, { vendor, direction: 'hris_to_ats' });
          return emit(result.delivery, 'webhook');
        default:
          return;
      }
    }

    shell.own(() => {
      journal.close();
      return work.settled();
    });

    shell.own(
      resumeUnfinished({
        nodeId: node.id,
        vendor,
        startedAt: new Date(),
        graceMs: number(def.graceSeconds, 60) * 1000,
        store: () => storeRef.acquire(),
        track,
        isDeployed: (id) => RED.nodes.getNode(id) !== null,
        emit: (delivery) => emit(delivery, 'restart'),
        failed: (e) => node.error(RED._('hr-hris-trigger.errors.sweep', { message: e.message })),
      }),
    );

    const pollMs = number(def.pollMinutes, 0) * 60_000;
    if (pollMs > 0 && pollChanges) {
      const poll = pollChanges;
      // Where the poll got to belongs to the HRIS account (the connection), so a redeployed trigger continues there.
      const stateKey = `poll:${vendor}:${def.connection}:changes`;
      const lookbackMs = number(def.pollLookbackHours, 24) * 3_600_000;
      startPolling(
        shell,
        track,
        pollMs,
        async () => {
          const store = await storeRef.acquire();
          const saved = await store.getNodeState(stateKey);
          const started = new Date();
          const since = saved ? new Date(saved) : new Date(started.getTime() - lookbackMs);
          const found = await poll(since, ctx, started);
          // A polled change counts as one in, like a webhook's: the sidebar's "changes from the HRIS" reads it.
          const admit = (delivery: Delivery) => {
            countMetric(node, store, METRICS.eventsIn, { vendor, direction: 'hris_to_ats' });
            return emit(delivery, 'poll');
          };
          await admitPolled(store, journal, node.id, found.deliveries, admit, ACTOR);
          // The next poll overlaps this one by a minute; the journal absorbs the repeats.
          await store.setNodeState(stateKey, new Date(started.getTime() - 60_000).toISOString());
        },
        (e) => {
          node.warn(
            RED._('hr-hris-trigger.warn.pollFailed', {
              vendor,
              code: e.code,
              reason: explainError(RED._, e),
              message: e.message,
            }),
          );
          shell.status('warn', 'hr-hris-trigger.status.pollFailed', { code: e.code, reason: explainError(RED._, e) });
        },
      );
    }

    if (intake) {
      const webhook = intake;
      const path = def.path?.trim() || `/hr/${vendor}/changes`;
      const limitBytes = number(def.maxBodyKb, 1024) * 1024;
      const handler: WebhookRouteOptions['handler'] = (req, res) =>
        track(handle(webhook, req, res).catch((err: unknown) => node.error(toHrError(err).message)));
      shell.own(registerWebhookRoute(RED, { path, limitBytes, handler }));
      // What the "change a job title in the sandbox" button needs to deliver a sandbox change here.
      const served: HrisTriggerWebhook = { path, system: vendor, sandbox };
      (node as Node & { changeWebhook?: HrisTriggerWebhook }).changeWebhook = served;
    }
  }

  RED.nodes.registerType('hr-hris-trigger', HrHrisTrigger, { credentials: { secret: { type: 'password' } } });
};
