import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type HrStore, type OutboxEntry } from '../../../lib/store';
import type { HrError } from '../../../lib/errors';
import { createOutboxWorker, DEFAULT_SCHEDULE, type OutboxWorkerOptions } from '../../../lib/outbox';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-outbox-worker-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshStore = () => openStore({ file: path.join(dir, `s${(n += 1)}.db`) });

/** A worker whose one attempt completes the entry with its key, unless told otherwise. */
function workerFor(store: HrStore, overrides: Partial<OutboxWorkerOptions<string, string>> = {}) {
  const unclaimed: string[] = [];
  const errors: HrError[] = [];
  const attempts: string[] = [];
  const worker = createOutboxWorker<string, string>({
    store,
    scope: { operations: ['test'], owner: 'node-1' },
    batchSize: 2,
    leaseMs: 60_000,
    schedule: DEFAULT_SCHEDULE,
    now: Date.now,
    random: () => 0.5,
    keyOf: (entry) => entry.idempotencyKey,
    run: async (entry: OutboxEntry) => {
      attempts.push(entry.idempotencyKey);
      await store.complete(entry.id, { done: entry.idempotencyKey });
      return `done ${entry.idempotencyKey}`;
    },
    onUnclaimed: (outcome) => unclaimed.push(outcome),
    onError: (error) => errors.push(error),
    storeFailedCode: 'test.store_failed',
    ...overrides,
  });
  return { worker, unclaimed, errors, attempts };
}

const enqueue = (store: HrStore, key: string, owner = 'node-1', operation = 'test') =>
  store.enqueue({ idempotencyKey: key, operation, target: 'x', payload: {}, personGuid: null, owner });

test("a waiter gets its entry's outcome; an outcome nobody waits for goes to onUnclaimed", async () => {
  const store = await freshStore();
  await enqueue(store, 'a');
  await enqueue(store, 'b');
  const { worker, unclaimed } = workerFor(store);
  const waited = worker.wait('a', undefined);
  await worker.drain();
  assert.equal(await waited, 'done a');
  assert.deepEqual(unclaimed, ['done b']);
});

test('every due entry is worked, over several rounds when there are more than a batch', async () => {
  const store = await freshStore();
  for (const key of ['a', 'b', 'c', 'd', 'e']) await enqueue(store, key);
  const { worker, attempts } = workerFor(store);
  await worker.drain();
  assert.deepEqual([...attempts].sort(), ['a', 'b', 'c', 'd', 'e']);
  assert.equal((await store.countOutbox({ operations: ['test'], owner: 'node-1' })).done, 5);
});

test('two drains at once work each entry once', async () => {
  const store = await freshStore();
  for (const key of ['a', 'b', 'c']) await enqueue(store, key);
  const { worker, attempts } = workerFor(store);
  await Promise.all([worker.drain(), worker.drain(), worker.drain()]);
  assert.deepEqual([...attempts].sort(), ['a', 'b', 'c']);
});

test('entries of another node or another operation are left alone', async () => {
  const store = await freshStore();
  await enqueue(store, 'mine');
  await enqueue(store, 'theirs', 'node-2');
  await enqueue(store, 'deletion', 'node-1', 'other');
  const { worker, attempts } = workerFor(store);
  await worker.drain();
  assert.deepEqual(attempts, ['mine']);
});

test('an entry leased by a worker that died is taken over once the lease runs out', async () => {
  const store = await freshStore();
  await enqueue(store, 'a');
  const hung = workerFor(store, { leaseMs: 100, run: () => new Promise(() => undefined) });
  void hung.worker.drain();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const early = workerFor(store);
  await early.worker.drain();
  assert.deepEqual(early.attempts, [], 'the lease still holds');
  await new Promise((resolve) => setTimeout(resolve, 120));
  const late = workerFor(store);
  await late.worker.drain();
  assert.deepEqual(late.attempts, ['a']);
});

test("a store failure during an attempt is reported with the worker's code, and the waiter gets null", async () => {
  const store = await freshStore();
  await enqueue(store, 'a');
  const { worker, errors } = workerFor(store, {
    run: async () => {
      throw new Error('disk full');
    },
  });
  const waited = worker.wait('a', undefined);
  await worker.drain();
  assert.equal(await waited, null);
  assert.deepEqual(
    errors.map((e) => e.code),
    ['test.store_failed'],
  );
});

test('stopping wakes every waiter with null and claims nothing more', async () => {
  const store = await freshStore();
  await enqueue(store, 'a');
  const { worker, attempts } = workerFor(store);
  const waited = worker.wait('a', undefined);
  worker.stop();
  assert.equal(await waited, null);
  await worker.drain();
  assert.deepEqual(attempts, []);
  assert.ok(worker.isStopped());
});

test("a failed entry is tried again on the schedule, not before the vendor's Retry-After, and given up after the last attempt", async () => {
  const store = await freshStore();
  const { entry } = await enqueue(store, 'a');
  const { worker } = workerFor(store);
  const before = Date.now();
  const first = worker.retryAt(entry, 1, undefined)!.getTime() - before;
  assert.ok(
    first >= DEFAULT_SCHEDULE.baseDelayMs * 0.75 - 50 && first <= DEFAULT_SCHEDULE.baseDelayMs * 0.75 + 1_000,
    `waited ${first} ms`,
  );
  assert.ok(worker.retryAt(entry, 1, 600_000)!.getTime() - before >= 600_000);
  assert.equal(worker.retryAt(entry, DEFAULT_SCHEDULE.maxAttempts, undefined), null);
});
