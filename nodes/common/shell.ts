/**
 * The one place where a node meets Node-RED's input, status and close protocol, so every node of the
 * package behaves the same: async work is awaited inside a guard (a rejected promise in an input
 * handler would otherwise take the runtime down), errors reach Catch nodes through done(err) with a
 * stable code, status dots use i18n keys, and everything a node owns is released on close. Errors and
 * status texts pass the node's secret policy (lib/privacy) first: an error echoing a value of the
 * message ("987654321 is not a valid SSN") reaches neither the log nor a Catch node with it.
 */
import type { Node, NodeAPI, NodeMessage, NodeMessageInFlow, NodeStatus } from 'node-red';
import { HrError, toHrError, explainError } from '../../lib/errors';
import type { SecretPolicy } from '../../lib/privacy/policy';
import { defaultPolicy } from '../../lib/dictionary/defaultPolicy';

export type Outputs = Array<NodeMessage | NodeMessage[] | null> | NodeMessage | null | undefined;

export type StatusKind = 'ok' | 'busy' | 'warn' | 'error' | 'idle';

const look: Record<StatusKind, Pick<NodeStatus, 'fill' | 'shape'>> = {
  ok: { fill: 'green', shape: 'dot' },
  busy: { fill: 'blue', shape: 'dot' },
  warn: { fill: 'yellow', shape: 'ring' },
  error: { fill: 'red', shape: 'ring' },
  idle: { fill: 'grey', shape: 'ring' },
};

export interface Shell {
  /** Registers the node's single input handler. Its return value is sent; a throw goes to done(err). */
  onInput(handler: (msg: NodeMessageInFlow) => Promise<Outputs>): void;
  /** Registers something to release on close (a timer, a route, a connection); released last-first. */
  own(dispose: () => void | Promise<void>): void;
  /** Shows a status dot whose text is an i18n key of the node's catalogue, with optional parameters. */
  status(kind: StatusKind, key: string, params?: Record<string, string | number>): void;
  /** Marks the node as working against the built-in sandbox: every later status says so. */
  markSandbox(): void;
  /** Marks the node as unable to run (e.g. a missing config node): shown on its status, and every message is refused with this error. */
  refuse(error: HrError): void;
  /** The secret policy of the node's dictionary, once known; until then the default dictionary's. */
  usePolicy(policy: SecretPolicy): void;
}

/** How long close waits for messages still being processed before releasing resources. */
const CLOSE_GRACE_MS = 10_000;

export function createShell(RED: NodeAPI, node: Node): Shell {
  const disposers: Array<() => void | Promise<void>> = [];
  const inFlight = new Set<Promise<void>>();
  let refusal: HrError | null = null;
  let sandbox = false;
  let policy = defaultPolicy;

  /** The error as the log and Catch nodes see it: its message and details masked, echoes of `msg` included. */
  const shown = (err: HrError, msg?: unknown): HrError => {
    const message = policy.text(err.message, { echoesOf: msg });
    const details = err.details && policy.mask(err.details, { echoesOf: msg });
    return message === err.message && JSON.stringify(details) === JSON.stringify(err.details)
      ? err
      : new HrError(err.code, message, details);
  };

  const status: Shell['status'] = (kind, key, params) => {
    const masked =
      params &&
      Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? policy.text(v) : v]));
    const text = RED._(key, masked);
    node.status({ ...look[kind], text: sandbox ? RED._('common.status.sandbox', { status: text }) : text });
  };

  const shell: Shell = {
    onInput(handler) {
      node.on('input', (msg, send, done) => {
        const work = (async () => {
          try {
            if (refusal) throw refusal;
            const outputs = await handler(msg);
            if (outputs !== null && outputs !== undefined) send(outputs as NodeMessage);
            done();
          } catch (thrown) {
            const err = shown(toHrError(thrown), msg);
            status('error', 'common.status.failed', { code: err.code, reason: explainError(RED._, err) });
            done(err);
          }
        })();
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      });
    },
    own(dispose) {
      disposers.push(dispose);
    },
    status,
    markSandbox() {
      sandbox = true;
    },
    refuse(error) {
      refusal = shown(error);
      status('error', 'common.status.notReady');
      node.error(
        RED._('common.errors.notReady', {
          code: refusal.code,
          reason: explainError(RED._, refusal),
          message: refusal.message,
        }),
      );
    },
    usePolicy(next) {
      policy = next;
    },
  };

  node.on('close', (_removed: boolean, done: () => void) => {
    void (async () => {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_GRACE_MS);
      });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      for (const dispose of disposers.reverse()) {
        try {
          await dispose();
        } catch (err) {
          node.warn(RED._('common.errors.closeFailed', { message: toHrError(err).message }));
        }
      }
      node.status({});
      done();
    })();
  });

  return shell;
}
