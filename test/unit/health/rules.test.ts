import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Alert } from '../../../lib/alert/alert';
import { CredentialRegistry } from '../../../lib/health/credentials';
import { METRICS, OPERATIONS } from '../../../lib/health/metrics';
import { createMonitor } from '../../../lib/health/monitor';
import { defaultRules } from '../../../lib/health/rules';
import type { HrStore } from '../../../lib/store';
import { translator } from '../alert/support';
import { DAY, HOUR, NOW, WEEK, tempStore } from './support';

const CLEAN_PERIOD = HOUR;

function monitorWith(registry = new CredentialRegistry()) {
  return createMonitor({
    rules: defaultRules(),
    cleanPeriodMs: CLEAN_PERIOD,
    t: translator('hr-health'),
    source: { nodeId: 'health-1', nodeType: 'hr-health' },
    credentials: () => registry.list(),
  });
}

/** Evaluates at each time and returns every alert, in order. */
async function evaluateAt(monitor: ReturnType<typeof monitorWith>, store: HrStore, times: number[]): Promise<Alert[]> {
  const alerts: Alert[] = [];
  for (const at of times) alerts.push(...(await monitor.evaluate(store, new Date(at))));
  return alerts;
}

/** Failing now and ten minutes later, then clean from 25 h on (past every window) through the clean period. */
const TIMELINE = [NOW, NOW + 10 * 60_000, NOW + 25 * HOUR, NOW + 25 * HOUR + CLEAN_PERIOD, NOW + 27 * HOUR];

async function firesOnceAndRecoversOnce(
  t: TestContext,
  ruleId: string,
  counts: Array<[string, Record<string, string>, number]>,
) {
  const store = await tempStore(t);
  for (const [metric, labels, n] of counts) await store.count(metric, labels, n, new Date(NOW - 30 * 60_000));
  const alerts = await evaluateAt(monitorWith(), store, TIMELINE);
  assert.deepEqual(
    alerts.map((a) => a.code),
    [`health.${ruleId}`, `health.${ruleId}.recovered`],
  );
  return alerts;
}

test('an operation failing at least half of at least 5 calls in 24 h fires once and recovers once', async (t) => {
  const labels = { target: 'bamboohr', operation: OPERATIONS.createEmployee };
  const [firing, recovered] = await firesOnceAndRecoversOnce(t, 'writes_failing', [
    [METRICS.writesFailed, labels, 4],
    [METRICS.writesOk, labels, 2],
  ]);
  assert.equal(firing.severity, 'error');
  assert.equal(firing.subject, OPERATIONS.createEmployee);
  assert.equal(firing.title, 'create_employee is failing: 4 of 6 calls failed in the last 24 h (67 %)');
  assert.equal(recovered.severity, 'info');
});

test('fewer than 5 calls do not make an operation failing, however many failed', async (t) => {
  const store = await tempStore(t);
  await store.count(METRICS.writesFailed, { operation: OPERATIONS.writeBack }, 4, new Date(NOW - HOUR));
  assert.deepEqual(await evaluateAt(monitorWith(), store, [NOW]), []);
});

test('inbound webhooks refused half the time in 6 h fire once and recover once', async (t) => {
  await firesOnceAndRecoversOnce(t, 'webhooks_failing', [
    [METRICS.eventsRejected, { vendor: 'greenhouse', reason: 'signature' }, 3],
    [METRICS.eventsIn, { vendor: 'greenhouse' }, 3],
  ]);
});

test('a vendor slower than the limit on average fires once and recovers once', async (t) => {
  const [firing] = await firesOnceAndRecoversOnce(t, 'vendor_slow', [
    [METRICS.vendorCalls, { target: 'bamboohr' }, 10],
    [METRICS.vendorLatencyMs, { target: 'bamboohr' }, 80_000],
  ]);
  assert.match(firing.title, /bamboohr is slow: 8000 ms on average/);
});

test('validation failures above the threshold fire once and recover once', async (t) => {
  await firesOnceAndRecoversOnce(t, 'validation_failures', [[METRICS.validationFailed, { target: 'bamboohr' }, 11]]);
});

test('a dead letter fires once and recovers once', async (t) => {
  await firesOnceAndRecoversOnce(t, 'dead_letters', [[METRICS.deadLetters, { target: 'hibob' }, 1]]);
});

test('refused credentials fire a security alert once and recover once', async (t) => {
  const [firing] = await firesOnceAndRecoversOnce(t, 'auth_errors', [[METRICS.authErrors, { target: 'personio' }, 1]]);
  assert.equal(firing.category, 'security');
});

test('a credential 20 days from expiry fires a security alert once, and recovers once renewed', async (t) => {
  const store = await tempStore(t);
  const registry = new CredentialRegistry();
  registry.record({
    id: 'conn-1',
    label: 'BambooHR connection',
    expiresAt: new Date(NOW + 20 * DAY),
    source: 'manual',
  });
  const monitor = monitorWith(registry);
  const firing = await evaluateAt(monitor, store, [NOW, NOW + HOUR]);
  assert.equal(firing.length, 1);
  assert.equal(firing[0].code, 'health.credentials_expiring');
  assert.equal(firing[0].category, 'security');
  assert.equal(firing[0].title, 'The credential "BambooHR connection" expires on 2026-10-06, in 20 days: renew it now');
  registry.record({
    id: 'conn-1',
    label: 'BambooHR connection',
    expiresAt: new Date(NOW + 400 * DAY),
    source: 'manual',
  });
  const after = await evaluateAt(monitor, store, [NOW + 2 * HOUR, NOW + 3 * HOUR, NOW + 4 * HOUR]);
  assert.deepEqual(
    after.map((a) => a.code),
    ['health.credentials_expiring.recovered'],
  );
});

test('hires falling from 10 a week to 2 fire the volume rule even when every call succeeds, and recover when they come back', async (t) => {
  const store = await tempStore(t);
  for (let week = 1; week <= 8; week++) {
    await store.count(METRICS.hiresCreated, { target: 'bamboohr' }, 10, new Date(NOW - week * WEEK - 3 * DAY));
    await store.count(
      METRICS.writesOk,
      { target: 'bamboohr', operation: OPERATIONS.createEmployee },
      10,
      new Date(NOW - week * WEEK - 3 * DAY),
    );
  }
  await store.count(METRICS.hiresCreated, { target: 'bamboohr' }, 2, new Date(NOW - 2 * DAY));
  const monitor = monitorWith();
  const firing = await evaluateAt(monitor, store, [NOW, NOW + DAY]);
  assert.deepEqual(
    firing.map((a) => a.code),
    ['health.hires_low'],
  );
  assert.equal(firing[0].title, 'Hires far below their usual level: 2 (last 7 days) against usually 10');
  await store.count(METRICS.hiresCreated, { target: 'bamboohr' }, 10, new Date(NOW + 6 * DAY));
  const back = await evaluateAt(monitor, store, [NOW + WEEK, NOW + WEEK + CLEAN_PERIOD, NOW + WEEK + 2 * CLEAN_PERIOD]);
  assert.deepEqual(
    back.map((a) => a.code),
    ['health.hires_low.recovered'],
  );
});

test('a store with little history does not cry wolf about volume', async (t) => {
  const store = await tempStore(t);
  await store.count(METRICS.hiresCreated, {}, 10, new Date(NOW - WEEK - DAY));
  assert.deepEqual(await evaluateAt(monitorWith(), store, [NOW]), []);
});

test('what a monitor saves lets the next one (after a restart) stay quiet while a check still fails, and announce its recovery', async (t) => {
  const store = await tempStore(t);
  const labels = { target: 'bamboohr', operation: OPERATIONS.createEmployee };
  await store.count(METRICS.writesFailed, labels, 4, new Date(NOW - 30 * 60_000));
  await store.count(METRICS.writesOk, labels, 2, new Date(NOW - 30 * 60_000));
  const before = monitorWith();
  assert.deepEqual(
    (await evaluateAt(before, store, [NOW])).map((a) => a.code),
    ['health.writes_failing'],
  );

  const restarted = monitorWith();
  restarted.restore(before.save());
  assert.deepEqual(await evaluateAt(restarted, store, [NOW + 10 * 60_000]), [], 'still failing: not announced again');
  assert.deepEqual(
    (await evaluateAt(restarted, store, [NOW + 25 * HOUR, NOW + 25 * HOUR + CLEAN_PERIOD])).map((a) => a.code),
    ['health.writes_failing.recovered'],
  );

  const forgetful = monitorWith();
  assert.deepEqual(
    (await evaluateAt(forgetful, store, [NOW + 10 * 60_000])).map((a) => a.code),
    ['health.writes_failing'],
    'without it the alert repeats',
  );
});

test('saved monitor state that cannot be read, or names a rule no longer configured, is left out', async (t) => {
  const store = await tempStore(t);
  const monitor = monitorWith();
  monitor.restore('not json');
  monitor.restore(JSON.stringify([{ ruleId: 'retired_rule', subject: 'x', since: NOW, params: {} }]));
  monitor.restore(null);
  assert.deepEqual(monitor.states(), []);
  assert.deepEqual(await evaluateAt(monitor, store, [NOW]), []);
});
