import type { Request, Response } from 'express';
import type { Node, NodeAPI, NodeDef, NodeMessage } from 'node-red';
import { z } from 'zod';
import type { Alert } from '../../lib/alert/alert';
import { HrError, toHrError, explainError } from '../../lib/errors';
import { credentialRegistry, parseManualExpiries } from '../../lib/health/credentials';
import { PROMETHEUS_CONTENT_TYPE, readMetrics, toPrometheus } from '../../lib/health/metricsReport';
import { createMonitor, type HealthMonitor } from '../../lib/health/monitor';
import { defaultRules } from '../../lib/health/rules';
import type { HrStore } from '../../lib/store';
import { describeIssues, MISSING_IS_REQUIRED } from '../../lib/zodIssues';
import { createShell, type Outputs, type Shell } from '../common/shell';
import { storeFrom } from '../common/storeRef';
import { HealthConfig, ruleSettings } from '../common/healthConfig';

/** `msg.credential` records an expiry learnt in a flow, e.g. from an OAuth answer. */
const CredentialInput = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  expiresAt: z.coerce.date(),
  source: z.enum(['oauth', 'manual']).default('manual'),
});

interface Running {
  store(): Promise<HrStore>;
  monitor: HealthMonitor;
}

type Handler = (msg: { credential?: unknown }) => Promise<Outputs>;

const MINUTE_MS = 60_000;

export = (RED: NodeAPI) => {
  /** Deployed monitors by node id, for the metrics endpoint. */
  const running = new Map<string, Running>();
  const t = (key: string, params?: Record<string, string | number>) => RED._(`hr-health.${key}`, params);
  const toMessages = (alerts: Alert[]): NodeMessage[] =>
    alerts.map((alert) => ({ topic: alert.code, payload: alert.title, alert }) as NodeMessage);

  /** The monitor's own failure, reported once like a rule: the store cannot be read. */
  const evaluationFailed = (node: Node, error: HrError): Alert => {
    const at = new Date().toISOString();
    return {
      severity: 'error',
      category: 'health',
      code: 'health.evaluation_failed',
      title: t('errors.evaluationFailed', {
        code: error.code,
        reason: explainError(RED._, error),
        message: error.message,
      }),
      source: { nodeId: node.id, nodeType: node.type },
      people: [],
      peopleCount: 0,
      links: {},
      facts: [],
      firstAt: at,
      lastAt: at,
      count: 1,
    };
  };

  /** Reads the settings, starts the schedule and returns the input handler; throws what keeps the node from running. */
  function start(node: Node, shell: Shell, def: NodeDef): Handler {
    const parsed = HealthConfig.safeParse(def);
    if (!parsed.success) throw new HrError('health.config_invalid', describeIssues(parsed.error));
    const config = parsed.data;
    const manual = parseManualExpiries(config.expiries);
    if (!manual.ok) throw manual.error;
    const storeNode = storeFrom(RED, config.store);
    const store = () => storeNode.acquire();

    const monitor = createMonitor({
      rules: defaultRules(ruleSettings(config)),
      cleanPeriodMs: config.cleanPeriod * MINUTE_MS,
      t,
      source: { nodeId: node.id, nodeType: node.type, ...(node.name ? { nodeName: node.name } : {}) },
      credentials: () => [...manual.value, ...credentialRegistry.list()],
    });
    running.set(node.id, { store, monitor });
    shell.own(() => void running.delete(node.id));

    let evaluating: Promise<NodeMessage[]> | null = null;
    let broken = false;
    // Which checks are failing survives a restart or redeploy (kept in the store under the node's id).
    const stateName = `health:${node.id}`;
    let saved: string | undefined;
    /** One evaluation at a time; concurrent callers share it. */
    const evaluate = (): Promise<NodeMessage[]> => {
      evaluating ??= (async () => {
        try {
          const hrStore = await store();
          if (saved === undefined) {
            saved = (await hrStore.getNodeState(stateName)) ?? '[]';
            monitor.restore(saved);
          }
          const alerts = await monitor.evaluate(hrStore, new Date());
          const now = monitor.save();
          if (now !== saved) {
            // Alerts already decided are sent even when their state cannot be kept.
            await hrStore.setNodeState(stateName, now).then(
              () => void (saved = now),
              (err: unknown) => {
                const error = toHrError(err, 'health.state_not_saved');
                node.warn(
                  t('errors.stateNotSaved', {
                    code: error.code,
                    reason: explainError(RED._, error),
                    message: error.message,
                  }),
                );
              },
            );
          }
          broken = false;
          const failing = monitor.states().filter((s) => s.failing).length;
          shell.status(failing ? 'warn' : 'ok', failing ? 'hr-health.status.failing' : 'hr-health.status.healthy', {
            count: failing,
          });
          return toMessages(alerts);
        } catch (err) {
          const error = toHrError(err, 'health.evaluation_failed');
          node.error(
            t('errors.evaluationFailed', {
              code: error.code,
              reason: explainError(RED._, error),
              message: error.message,
            }),
          );
          shell.status('error', 'common.status.failed', { code: error.code, reason: explainError(RED._, error) });
          if (broken) return [];
          broken = true;
          return toMessages([evaluationFailed(node, error)]);
        } finally {
          evaluating = null;
        }
      })();
      return evaluating;
    };

    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const schedule = (ms: number) => {
      timer = setTimeout(() => {
        void evaluate().then((msgs) => {
          if (msgs.length) node.send([msgs]);
          if (!stopped) schedule(config.interval * MINUTE_MS);
        });
      }, ms);
    };
    // The first look right after deploy, so a problem that is already there shows at once.
    schedule(0);
    shell.own(() => {
      stopped = true;
      clearTimeout(timer);
    });
    shell.status('idle', 'hr-health.status.starting');

    return async (msg) => {
      if (msg.credential !== undefined) {
        const c = CredentialInput.safeParse(msg.credential, MISSING_IS_REQUIRED);
        if (!c.success)
          throw new HrError('health.credential_invalid', `msg.credential ${describeIssues(c.error, 'credential')}`);
        credentialRegistry.record(c.data);
      }
      const msgs = await evaluate();
      return msgs.length ? [msgs] : null;
    };
  }

  function HrHealth(this: Node, def: NodeDef) {
    RED.nodes.createNode(this, def);
    const shell = createShell(RED, this);
    let handle: Handler | null = null;
    try {
      handle = start(this, shell, def);
    } catch (err) {
      shell.refuse(toHrError(err));
    }
    // A refused node never gets here: the shell answers with the refusal first.
    shell.onInput((msg) => handle!(msg as { credential?: unknown }));
  }

  RED.nodes.registerType('hr-health', HrHealth);

  const withMonitor = (handler: (r: Running, res: Response) => Promise<void>) => (req: Request, res: Response) => {
    const r = running.get(String(req.params.id));
    if (!r) return void res.status(404).json({ error: 'no deployed hr-health node with this id' });
    handler(r, res).catch((err: unknown) => {
      const e = toHrError(err);
      res.status(503).json({ error: { code: e.code, message: e.message } });
    });
  };

  RED.httpAdmin.get(
    '/hr-health/:id/metrics',
    RED.auth.needsPermission('hr-health.read'),
    withMonitor(async (r, res) => {
      const report = await readMetrics(await r.store(), new Date());
      res.json({ ...report, checks: r.monitor.states() });
    }),
  );

  RED.httpAdmin.get(
    '/hr-health/:id/metrics/prometheus',
    RED.auth.needsPermission('hr-health.read'),
    withMonitor(async (r, res) => {
      const report = await readMetrics(await r.store(), new Date());
      res.setHeader('Content-Type', PROMETHEUS_CONTENT_TYPE);
      res.send(toPrometheus(report));
    }),
  );
};
