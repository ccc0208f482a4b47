import { test } from 'node:test';
import assert from 'node:assert/strict';
import { METRICS, OPERATIONS } from '../../../lib/health/metrics';
import { readMetrics, toPrometheus } from '../../../lib/health/metricsReport';
import { parseManualExpiries, refreshTokenExpiry } from '../../../lib/health/credentials';
import { HOUR, NOW, tempStore } from './support';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict reader of the Prometheus text format 0.0.4: throws on any line it does not understand. */
function parsePrometheus(text: string): { types: Map<string, string>; samples: Sample[] } {
  assert.ok(text.endsWith('\n'), 'ends with a newline');
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  for (const line of text.slice(0, -1).split('\n')) {
    if (new RegExp(`^# HELP (${name}) (.*)$`).test(line)) continue;
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`).exec(line))) {
      assert.ok(!types.has(m[1]), `one TYPE line for ${m[1]}`);
      types.set(m[1], m[2]);
      continue;
    }
    m = new RegExp(
      `^(${name})(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*",?)*)\\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$`,
    ).exec(line);
    if (!m) throw new Error(`not a Prometheus line: ${JSON.stringify(line)}`);
    assert.ok(types.has(m[1]), `TYPE of ${m[1]} comes before its samples`);
    const labels: Record<string, string> = {};
    for (const pair of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[pair[1]] = pair[2];
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return { types, samples };
}

test('the metrics read as Prometheus text that parses, and each metric’s series add up to its total', async (t) => {
  const store = await tempStore(t);
  const at = new Date(NOW - HOUR);
  await store.count(METRICS.writesOk, { target: 'bamboohr', operation: OPERATIONS.createEmployee }, 7, at);
  await store.count(METRICS.writesOk, { target: 'bamboohr', operation: OPERATIONS.writeBack }, 2, at);
  await store.count(METRICS.writesOk, { target: 'bamboohr' }, 1, at);
  await store.count(METRICS.eventsIn, { vendor: 'greenhouse' }, 12, at);
  await store.count(METRICS.eventsRejected, { vendor: 'lever' }, 1, at);

  const report = await readMetrics(store, new Date(NOW));
  const { types, samples } = parsePrometheus(toPrometheus(report));
  assert.equal(types.get('hr_writes_ok_total'), 'counter');
  const writes = samples.filter((s) => s.name === 'hr_writes_ok_total');
  assert.deepEqual(
    writes.map((s) => [s.labels.operation ?? '', s.value]),
    [
      ['create_employee', 7],
      ['write_back', 2],
      ['', 1],
    ],
  );
  assert.equal(samples.find((s) => s.name === 'hr_events_in_total')?.labels.vendor, 'greenhouse');
  assert.equal(
    samples.find((s) => s.name === 'hr_review_items_total')?.value,
    0,
    'metrics nobody counted yet still show',
  );
  const json = report.metrics.find((m) => m.name === METRICS.writesOk);
  assert.equal(json?.total, 10);
  assert.equal(json?.last24h, 10);
});

test('hand-entered credential expiries are read line by line, and a bad line is named', () => {
  const ok = parseManualExpiries('# keys\nGreenhouse Harvest key = 2026-08-31\n\nCheckr = 2027-01-15');
  assert.ok(ok.ok);
  assert.deepEqual(
    ok.value.map((e) => [e.label, e.expiresAt.toISOString().slice(0, 10)]),
    [
      ['Greenhouse Harvest key', '2026-08-31'],
      ['Checkr', '2027-01-15'],
    ],
  );
  const bad = parseManualExpiries('Checkr = 2027-02-30');
  assert.ok(!bad.ok);
  assert.match(bad.error.message, /Line 1/);
});

test('an OAuth answer with a refresh-token lifetime gives its expiry; one without gives none', () => {
  const now = new Date(NOW);
  assert.equal(
    refreshTokenExpiry({ access_token: 'x', expires_in: 3600, refresh_token_expires_in: 86_400 }, now)?.getTime(),
    NOW + 86_400_000,
  );
  assert.equal(refreshTokenExpiry({ access_token: 'x', expires_in: 3600 }, now), null);
});
