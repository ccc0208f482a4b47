/**
 * The one place where a node meets Node-RED's input, status and close protocol, so every node of the
 * package behaves the same: async work is awaited inside a guard (a rejected promise in an input
 * handler would otherwise take the runtime down), errors reach Catch nodes through done(err) with a
 * stable code, status dots use i18n keys, and everything a node owns is released on close.
 */
import type { Node, NodeAPI, NodeMessage, NodeMessageInFlow, NodeStatus } from 'node-red';
import { HrError, toHrError } from '../../lib/errors';

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
}

/** How long close waits for messages still being processed before releasing resources. */
const CLOSE_GRACE_MS = 10_000;

export function createShell(RED: NodeAPI, node: Node): Shell {
  const disposers: Array<() => void | Promise<void>> = [];
  const inFlight = new Set<Promise<void>>();
  let refusal: HrError | null = null;
  let sandbox = false;

  const status: Shell['status'] = (kind, key, params) => {
    const text = RED._(key, params);
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
            const err = toHrError(thrown);
            status('error', 'common.status.failed', { code: err.code });
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
      refusal = error;
      status('error', 'common.status.notReady');
      node.error(RED._('common.errors.notReady', { code: error.code, message: error.message }));
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
