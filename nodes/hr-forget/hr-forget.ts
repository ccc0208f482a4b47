import type { Node, NodeAPI, NodeDef, NodeMessage } from 'node-red';
import { toHrError, explainError } from '../../lib/errors';
import { requestFrom } from '../../lib/forget/request';
import { rememberNotHeld, resolvePerson, unknownPerson } from '../../lib/forget/resolve';
import { createForgetWorker, type ForgetWorker } from '../../lib/forget/worker';
import type { ForgetSummary } from '../../lib/forget/types';
import { DEFAULT_SCHEDULE } from '../../lib/outbox/schedule';
import { createShell } from '../common/shell';
import { storeFrom } from '../common/storeRef';
import { settingsReader } from '../common/runtimeSettings';
import { erasureChannels } from './channels';
import { handOverPorts, summaryPorts } from './outputs';

interface ForgetDef extends NodeDef {
  store: string;
  ats: string;
  hris: string;
  greenhouseMode: 'anonymize' | 'delete';
}

/** Runtime settings (settings.js), for tuning and tests; the defaults suit production. */
const SETTINGS = {
  hrForgetPollMs: { value: 30_000, exportable: false },
  hrForgetRetryBaseMs: { value: DEFAULT_SCHEDULE.baseDelayMs, exportable: false },
  hrForgetLeaseMs: { value: 120_000, exportable: false },
};

export = (RED: NodeAPI) => {
  const setting = settingsReader(RED, SETTINGS);

  function HrForget(this: Node, def: ForgetDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const shell = createShell(RED, node);
    const t = (key: string, params?: Record<string, string | number>) => RED._(key, params);
    let worker: ForgetWorker | null = null;

    const showStatus = () => {
      const pending = worker?.pendingCount() ?? 0;
      shell.status(pending > 0 ? 'busy' : 'ok', 'hr-forget.status.pending', { pending });
    };
    const showSummary = (summary: ForgetSummary) => {
      const count = (outcome: string) => summary.steps.filter((s) => s.outcome === outcome).length;
      const failed = count('failed');
      const manual = count('manual');
      shell.status(failed > 0 ? 'error' : manual > 0 ? 'warn' : 'ok', 'hr-forget.status.done', { manual, failed });
    };

    const ready = (async () => {
      const channels = erasureChannels(RED, def.ats || undefined, def.hris || undefined);
      const store = await storeFrom(RED, def.store).acquire();
      const w = createForgetWorker({
        store,
        channels,
        settings: { greenhouseMode: def.greenhouseMode === 'delete' ? 'delete' : 'anonymize' },
        schedule: { ...DEFAULT_SCHEDULE, baseDelayMs: setting('hrForgetRetryBaseMs') },
        leaseMs: setting('hrForgetLeaseMs'),
        actor: `hr-forget:${node.id}`,
        owner: node.id,
        onHandOver: (item) => node.send(handOverPorts(item, t) as NodeMessage[]),
        onFinished: (summary) => {
          node.send(summaryPorts(summary) as NodeMessage[]);
          showSummary(summary);
        },
        onError: (error) =>
          node.warn(
            t('hr-forget.errors.store', {
              code: error.code,
              reason: explainError(RED._, error),
              message: error.message,
            }),
          ),
      });
      worker = w;
      return { store, worker: w };
    })();
    ready.then(
      ({ worker: w }) => {
        showStatus();
        // Plans a crash or a restart left unfinished resume here.
        void w.drain().then(showStatus);
        const timer = setInterval(() => void w.drain().then(showStatus), setting('hrForgetPollMs'));
        shell.own(() => clearInterval(timer));
      },
      (err: unknown) => shell.refuse(toHrError(err, 'forget.not_configured')),
    );
    node.on('close', () => worker?.stop());

    shell.onInput(async (msg) => {
      const { store, worker: w } = await ready;
      const request = requestFrom(msg as { payload?: unknown; event?: unknown });
      shell.status('busy', 'hr-forget.status.working');
      const found = await resolvePerson(store, request.by);
      if (found.kind === 'unknown' && !request.deletedAt) throw unknownPerson(request.by);
      if (found.kind === 'unknown' && request.deletedAt)
        await rememberNotHeld(store, { ...request, deletedAt: request.deletedAt }, `hr-forget:${node.id}`);
      if (found.kind !== 'found') {
        // An ATS deletion of someone never held (or already forgotten) is finished: the trigger must not emit it again.
        if (request.event)
          await store.markEvent(request.event.source, request.event.eventId, 'done').catch(() => undefined);
        const now = new Date().toISOString();
        showStatus();
        const personGuid = 'guid' in request.by ? request.by.guid : null;
        const status = found.kind === 'unknown' ? 'not_held' : 'already_forgotten';
        return summaryPorts(
          { personGuid, status, via: request.via, steps: [], requestedAt: now, finishedAt: now },
          msg,
        ) as NodeMessage[];
      }
      const summary = await w.submit(found.person, request);
      if (!summary) {
        showStatus();
        return null;
      }
      showSummary(summary);
      return summaryPorts(summary, msg) as NodeMessage[];
    });
  }

  RED.nodes.registerType('hr-forget', HrForget, { settings: SETTINGS });
};
