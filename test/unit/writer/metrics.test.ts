import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writerMetrics } from '../../../lib/writer/metrics';
import { METRICS } from '../../../lib/health/metrics';
import type { WriteJob } from '../../../lib/writer/job';

function recorder() {
  const counted: Array<{ name: string; labels?: Record<string, string>; n?: number }> = [];
  return {
    counted,
    store: {
      count: async (name: string, labels?: Record<string, string>, n?: number) =>
        void counted.push({ name, labels, n }),
    },
  };
}

const create = { operation: 'create', target: 'bamboohr', key: 'k' } as WriteJob;

test('a new employee counts as a successful write and as a hire, which the volume rule watches', () => {
  const { counted, store } = recorder();
  writerMetrics(store).succeeded(create, { employeeId: '101' });
  assert.deepEqual(
    counted.map((c) => c.name),
    [METRICS.writesOk, METRICS.hiresCreated],
  );
  assert.deepEqual(counted[0].labels, { target: 'bamboohr', operation: 'create_employee' });
});

test('an employee that already existed is a successful write but not a new hire', () => {
  const { counted, store } = recorder();
  writerMetrics(store).succeeded(create, { employeeId: '101', existing: true });
  assert.deepEqual(
    counted.map((c) => c.name),
    [METRICS.writesOk],
  );
});

test('a retry, a dead letter and refused credentials each count where the health rules look', () => {
  const { counted, store } = recorder();
  const metrics = writerMetrics(store);
  metrics.failed(
    {
      kind: 'failed',
      job: create,
      error: { code: 'http.status', message: '' },
      attempts: 1,
      retrying: true,
      dead: false,
    },
    { code: 'http.status', message: '' },
  );
  metrics.failed(
    {
      kind: 'failed',
      job: create,
      error: { code: 'hris.auth', message: '' },
      attempts: 1,
      retrying: false,
      dead: true,
    },
    { code: 'hris.auth', message: '' },
  );
  assert.deepEqual(
    counted.map((c) => c.name),
    [METRICS.retries, METRICS.authErrors, METRICS.writesFailed, METRICS.deadLetters],
  );
});

test('a vendor call counts its duration next to a call count, so the average can be computed', () => {
  const { counted, store } = recorder();
  writerMetrics(store).call(create, 412.6);
  assert.deepEqual(counted, [
    { name: METRICS.vendorCalls, labels: { target: 'bamboohr', operation: 'create_employee' }, n: 1 },
    { name: METRICS.vendorLatencyMs, labels: { target: 'bamboohr', operation: 'create_employee' }, n: 413 },
  ]);
});

test('a counter that cannot be written does not fail the write', async () => {
  const metrics = writerMetrics({ count: () => Promise.reject(new Error('disk full')) });
  assert.doesNotThrow(() => metrics.succeeded(create, { employeeId: '1' }));
  await new Promise((r) => setImmediate(r));
});
