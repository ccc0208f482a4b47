import { test, afterEach, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { helper, nextMessage, type FlowNode } from '../support/nodeRed';
import { METRICS, OPERATIONS } from '../../lib/health/metrics';
import type { StoreConfigNode } from '../../nodes/common/storeRef';
import storeNode = require('../../nodes/hr-store/hr-store');
import healthNode = require('../../nodes/hr-health/hr-health');

let dir: string;
let files = 0;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-health-node-'));
  await helper.startServer();
});
after(async () => {
  await helper.stopServer();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => helper.unload());

function flow(settings: Record<string, unknown> = {}): FlowNode[] {
  return [
    { id: 'store', type: 'hr-store', file: path.join(dir, `health-${++files}.db`), secretFields: '' },
    { id: 'h', type: 'hr-health', store: 'store', interval: 60, ...settings, wires: [['out']] },
    { id: 'out', type: 'helper' },
    { id: 'c', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
}

async function load(settings: Record<string, unknown> = {}) {
  await helper.load([storeNode, healthNode], flow(settings));
  return (helper.getNode('store') as StoreConfigNode).acquire();
}

test('failing writes in the store come out as one alert ready for the alert node', async () => {
  const store = await load();
  const labels = { target: 'bamboohr', operation: OPERATIONS.createEmployee };
  await store.count(METRICS.writesFailed, labels, 5);
  await store.count(METRICS.writesOk, labels, 1);
  const out = nextMessage(helper.getNode('out'));
  helper.getNode('h').receive({} as never);
  const msg = await out;
  assert.equal(msg.topic, 'health.writes_failing');
  const alert = msg.alert as { severity: string; subject: string; source: { nodeId: string } };
  assert.equal(alert.severity, 'error');
  assert.equal(alert.subject, OPERATIONS.createEmployee);
  assert.equal(alert.source.nodeId, 'h');
});

test('a credential recorded 20 days from expiry raises a security alert', async () => {
  await load();
  const out = nextMessage(helper.getNode('out'));
  const expiresAt = new Date(Date.now() + 20 * 86_400_000 + 3_600_000).toISOString();
  helper.getNode('h').receive({ credential: { id: 'test-conn', label: 'Lever OAuth app', expiresAt } } as never);
  const alert = (await out).alert as { code: string; category: string; subject: string };
  assert.equal(alert.code, 'health.credentials_expiring');
  assert.equal(alert.category, 'security');
  assert.equal(alert.subject, 'test-conn');
});

test('the counters can be read as JSON and as Prometheus text through the admin API', async () => {
  const store = await load();
  await store.count(METRICS.eventsIn, { vendor: 'greenhouse' }, 3);
  const json = await helper.request().get('/hr-health/h/metrics').expect(200);
  const events = (json.body.metrics as Array<{ name: string; total: number }>).find((m) => m.name === METRICS.eventsIn);
  assert.equal(events?.total, 3);
  const text = await helper.request().get('/hr-health/h/metrics/prometheus').expect(200);
  assert.match(String(text.headers['content-type']), /^text\/plain;.*version=0\.0\.4/);
  assert.match(text.text, /^hr_events_in_total\{vendor="greenhouse"\} 3$/m);
  await helper.request().get('/hr-health/nope/metrics').expect(404);
});

test('hand-entered expiry dates that cannot be read stop the monitor from starting', async () => {
  await helper.load([storeNode, healthNode], flow({ expiries: 'Checkr key = next year' }));
  const caught = nextMessage(helper.getNode('caught'));
  helper.getNode('h').receive({} as never);
  assert.equal(((await caught).error as { code: string }).code, 'health.expiry_invalid');
});

test('a check still failing after a redeploy on the same store is not announced again', async () => {
  const file = path.join(dir, `health-restart-${++files}.db`);
  const flowOn = () => flow().map((n) => (n.id === 'store' ? { ...n, file } : n));
  await helper.load([storeNode, healthNode], flowOn());
  const store = await (helper.getNode('store') as StoreConfigNode).acquire();
  const labels = { target: 'bamboohr', operation: OPERATIONS.createEmployee };
  await store.count(METRICS.writesFailed, labels, 5);
  const first = nextMessage(helper.getNode('out'));
  helper.getNode('h').receive({} as never);
  assert.equal((await first).topic, 'health.writes_failing');
  await helper.unload();

  await helper.load([storeNode, healthNode], flowOn());
  const sent: unknown[] = [];
  helper.getNode('out').on('input', (msg: unknown) => sent.push(msg));
  const statuses = helper.getNode('h') as unknown as { status: { getCalls(): Array<{ args: [{ text?: string }] }> } };
  helper.getNode('h').receive({} as never);
  // The evaluation is over once the node shows how many checks fail.
  const end = Date.now() + 10_000;
  while (!statuses.status.getCalls().some((c) => c.args[0]?.text === 'hr-health.status.failing') && Date.now() < end)
    await new Promise((r) => setTimeout(r, 20));
  assert.ok(
    statuses.status.getCalls().some((c) => c.args[0]?.text === 'hr-health.status.failing'),
    'the check is still failing',
  );
  // An alert would be sent right after that status; give it the time to arrive.
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(sent, []);
});
