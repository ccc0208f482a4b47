import type { Node, NodeAPI, NodeDef, NodeMessage } from 'node-red';
import { HrError, toHrError, explainError } from '../../lib/errors';
import type { SecretPolicy } from '../../lib/privacy/policy';
import type { HrStore } from '../../lib/store/types';
import { dryRunContext, preview } from '../../lib/writer/dryRun';
import { type Operation, type Outcome } from '../../lib/writer/job';
import { jobFromMessage } from '../../lib/writer/message';
import type { WriterTargets } from '../../lib/writer/operations';
import { DEFAULT_SCHEDULE } from '../../lib/outbox/schedule';
import { createWriter, type Writer } from '../../lib/writer/worker';
import { policyFrom } from '../common/dictionaryRef';
import { positiveOr, settingsReader } from '../common/runtimeSettings';
import { storeFrom } from '../common/storeRef';
import type { Channels, HrisConnectionNode } from '../common/hrisChannels';
import { createShell } from '../common/shell';
import { registerDeadLetterRoutes, type RegisteredWriter } from './deadLetterRoutes';
import { portsFor } from './outputs';

interface WriterDef extends NodeDef {
  connection: string;
  store: string;
  operation: Operation | 'msg';
  dryRun: boolean;
  writeBack: boolean;
  maxAttempts: number | string;
  maxAgeHours: number | string;
  checkPackage: string;
  /** The data dictionary whose secret policy masks outputs, errors and dead letters; none: the default one. */
  dictionary?: string;
}

/** Runtime settings (settings.js), for tuning and tests; the defaults suit production. */
const SETTINGS = {
  hrHrisWriterPollMs: { value: 5_000, exportable: false },
  hrHrisWriterRetryBaseMs: { value: DEFAULT_SCHEDULE.baseDelayMs, exportable: false },
  hrHrisWriterLeaseMs: { value: 120_000, exportable: false },
};

const BATCH_SIZE = 50;
const CONCURRENCY = 8;

function targetsOf(channels: Channels, dryRun: boolean): WriterTargets {
  const ctx = (c: {
    client: { request: Channels['hris']['client']['request'] };
    http: Channels['hris']['http'];
    authHeader: string;
  }) => (dryRun ? dryRunContext(c.http, c.authHeader) : { send: c.client.request });
  return {
    hris: { api: channels.hris.api, ctx: ctx(channels.hris) },
    ...(channels.writeBack ? { writeBack: { api: channels.writeBack.api, ctx: ctx(channels.writeBack) } } : {}),
    ...(channels.checkr ? { checkr: { api: channels.checkr.api, ctx: ctx(channels.checkr) } } : {}),
  };
}

export = (RED: NodeAPI) => {
  const writers = new Map<string, RegisteredWriter>();
  registerDeadLetterRoutes(RED, writers);
  const setting = settingsReader(RED, SETTINGS);

  function HrHrisWriter(this: Node, def: WriterDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const shell = createShell(RED, node);
    let writer: Writer | null = null;

    const showStatus = async (failure?: Outcome) => {
      if (!writer) return;
      const { pending, dead } = await writer.counts();
      if (failure?.kind === 'failed' && failure.error.code === 'hris.auth')
        return shell.status('error', 'hr-hris-writer.status.auth');
      shell.status(dead > 0 ? 'warn' : pending > 0 ? 'busy' : 'ok', 'hr-hris-writer.status.counts', { pending, dead });
    };
    const refreshStatus = (outcome?: Outcome) => void showStatus(outcome).catch(() => undefined);

    const ready = (async (): Promise<{ store: HrStore; channels: Channels; writer: Writer; policy: SecretPolicy }> => {
      const connection = RED.nodes.getNode(def.connection) as HrisConnectionNode | null;
      if (!connection || typeof connection.channels !== 'function') {
        throw new HrError(
          'hris.not_configured',
          'No HRIS connection is selected: open the node and choose or add one.',
        );
      }
      const channels = connection.channels();
      const policy = policyFrom(RED, def.dictionary);
      shell.usePolicy(policy);
      if (connection.sandboxParts.length > 0) shell.markSandbox();
      const store = await storeFrom(RED, def.store).acquire();
      const w = createWriter({
        store,
        targets: targetsOf(channels, false),
        schedule: {
          ...DEFAULT_SCHEDULE,
          baseDelayMs: setting('hrHrisWriterRetryBaseMs'),
          maxAttempts: positiveOr(def.maxAttempts, DEFAULT_SCHEDULE.maxAttempts),
          maxAgeMs: positiveOr(def.maxAgeHours, 24) * 3_600_000,
        },
        leaseMs: setting('hrHrisWriterLeaseMs'),
        batchSize: BATCH_SIZE,
        concurrency: CONCURRENCY,
        policy,
        actor: `hr-hris-writer:${node.id}`,
        owner: node.id,
        onOutcome(outcome) {
          node.send(portsFor(outcome, policy) as NodeMessage[]);
          refreshStatus(outcome);
        },
        onError(error) {
          node.warn(
            RED._('hr-hris-writer.errors.store', {
              code: error.code,
              reason: explainError(RED._, error),
              message: policy.text(error.message),
            }),
          );
        },
      });
      writer = w;
      writers.set(node.id, { nodeId: node.id, store, writer: w });
      return { store, channels, writer: w, policy };
    })();
    ready.then(
      ({ writer: w }) => {
        refreshStatus();
        // Entries left by an earlier run (a crash, a restart) resume here.
        void w.drain();
        const timer = setInterval(() => {
          void w.drain();
          // A message whose entry another instance ran is answered from the stored outcome.
          void w.settleWaiting();
        }, setting('hrHrisWriterPollMs'));
        shell.own(() => clearInterval(timer));
      },
      (err: unknown) => shell.refuse(toHrError(err, 'hris.not_configured')),
    );
    shell.own(() => {
      writers.delete(node.id);
    });
    // Messages waiting on a write stop waiting at once; the outbox keeps the write for the next start.
    node.on('close', () => writer?.stop());

    shell.onInput(async (msg) => {
      const { store, channels, writer: w, policy } = await ready;
      const job = await jobFromMessage(
        msg,
        {
          operation: def.operation === 'msg' || !def.operation ? 'create' : def.operation,
          hrisSystem: channels.hris.api.id,
          atsSystem: channels.writeBack?.api.id,
          writeBack: def.writeBack !== false && Boolean(channels.writeBack),
          checkPackage: def.checkPackage || undefined,
        },
        store,
      );
      if (def.dryRun)
        return portsFor(
          await preview(job, targetsOf(channels, true), store),
          policy,
          msg as NodeMessage & Record<string, unknown>,
        ) as NodeMessage[];
      const outcome = await w.submit(job);
      if (!outcome) return null;
      refreshStatus(outcome);
      return portsFor(outcome, policy, msg as NodeMessage & Record<string, unknown>) as NodeMessage[];
    });
  }

  RED.nodes.registerType('hr-hris-writer', HrHrisWriter, { settings: SETTINGS });
};
