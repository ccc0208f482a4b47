import { toHrError } from '../errors';
import type { OutboxEntry, OutboxScope } from '../store/types';
import { nextAttemptAt, type LeasedWorkerOptions } from './schedule';

export interface OutboxWorkerOptions<K, V> extends Pick<
  LeasedWorkerOptions,
  'store' | 'schedule' | 'leaseMs' | 'now' | 'random' | 'onError'
> {
  /** Only these entries are claimed: other workers share the outbox. */
  scope: OutboxScope;
  batchSize: number;
  /** Entries worked on at once (1: one after the other). */
  concurrency?: number;
  /** Which waiters an entry settles. */
  keyOf(entry: OutboxEntry): K;
  /** One attempt at a claimed entry: its outcome, or null when it has none yet (it waits, or stopped). */
  run(entry: OutboxEntry): Promise<V | null>;
  /** An outcome nobody waits for here: a later retry, or an entry resumed after a restart. */
  onUnclaimed(outcome: V): void;
  /** The code a store failure is reported with. */
  storeFailedCode: string;
}

export interface OutboxWorker<K, V, M> {
  /** Claims and runs every due entry of the scope, round after round, until none is due. */
  drain(): Promise<void>;
  /** Resolves with the entry's next outcome, or null when the worker stops first. */
  wait(key: K, meta: M): Promise<V | null>;
  settle(key: K, outcome: V | null): void;
  /** When an entry that failed for the `attempts`th time is tried again, or null to give it up. */
  retryAt(entry: OutboxEntry, attempts: number, retryAfterMs: number | undefined): Date | null;
  /** The keys someone waits for, with what the first waiter left. */
  waiting(): Array<[K, M]>;
  isWaiting(key: K): boolean;
  isRunning(key: K): boolean;
  isStopped(): boolean;
  /** Stops claiming and wakes every waiter with null. */
  stop(): void;
}

/**
 * The loop every outbox user shares (the HRIS writer, the forget node): claim due entries under a lease,
 * run each once at a time, and hand its outcome to whoever waits for it, or to onUnclaimed.
 */
export function createOutboxWorker<K, V, M = undefined>(options: OutboxWorkerOptions<K, V>): OutboxWorker<K, V, M> {
  const { store, scope, batchSize, leaseMs } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const waiters = new Map<K, { meta: M; resolves: Array<(outcome: V | null) => void> }>();
  const running = new Set<K>();
  let draining: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const settle = (key: K, outcome: V | null) => {
    const waiting = waiters.get(key);
    waiters.delete(key);
    if (waiting) waiting.resolves.forEach((resolve) => resolve(outcome));
    else if (outcome) options.onUnclaimed(outcome);
  };

  async function attempt(entry: OutboxEntry): Promise<void> {
    const key = options.keyOf(entry);
    if (running.has(key)) return;
    running.add(key);
    let outcome: V | null = null;
    try {
      outcome = await options.run(entry);
    } catch (err) {
      options.onError(toHrError(err, options.storeFailedCode));
    } finally {
      running.delete(key);
      settle(key, outcome);
    }
  }

  async function runBatch(entries: OutboxEntry[]): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < entries.length) await attempt(entries[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 1, entries.length) }, lane));
  }

  function drain(): Promise<void> {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      do {
        again = false;
        if (stopped) break;
        const claimed = await store.claimDue(new Date(now()), batchSize, leaseMs, scope);
        if (claimed.length === batchSize) again = true;
        await runBatch(claimed);
      } while (again && !stopped);
    })()
      .catch((err: unknown) => options.onError(toHrError(err, options.storeFailedCode)))
      .finally(() => {
        draining = null;
      });
    return draining;
  }

  return {
    drain,
    wait: (key, meta) =>
      new Promise<V | null>((resolve) => {
        const waiting = waiters.get(key) ?? { meta, resolves: [] };
        waiting.resolves.push(resolve);
        waiters.set(key, waiting);
      }),
    settle,
    retryAt: (entry, attempts, retryAfterMs) =>
      nextAttemptAt(attempts, entry.createdAt.getTime(), now(), retryAfterMs, options.schedule, random),
    waiting: () => [...waiters].map(([key, { meta }]) => [key, meta]),
    isWaiting: (key) => waiters.has(key),
    isRunning: (key) => running.has(key),
    isStopped: () => stopped,
    stop() {
      stopped = true;
      for (const key of [...waiters.keys()]) settle(key, null);
    },
  };
}
