// Signed webhooks per second through hr-ats-trigger (signature checked, each delivery recorded durably
// in a store file on disk before the 2xx — grouped with the deliveries that arrive during the previous
// commit, one fsync per group — then emitted) into a counting sink, against a core
// `http in` → `http response` flow with the same sink, in one real Node-RED runtime, under the same
// keep-alive load. Target: at least half the baseline's rate.
//   node dist/bench/trigger-throughput.js [full] [requests=N] [connections=N] [rounds=N] [seconds=N] [ramDisk=1]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { greenhouseSender, type SignedDelivery } from '../sandbox/senders';
import { startEmbeddedNodeRed, type EmbeddedNodeRed, type FlowNode } from './support/embeddedNodeRed';
import { runLoad, type LoadResult } from './support/loadGenerator';
import { benchOptions } from './support/options';
import { ms, perSecond, printHeader, printResult, printTable, ratio } from './support/report';

const TARGET_RATIO = 0.5;
const SECRET = 'bench-greenhouse-secret';
const TRIGGER_PATH = '/hr/greenhouse';
const BASELINE_PATH = '/bench/baseline';

const sizes = benchOptions(
  // ramDisk=1 puts the store on /dev/shm: not what users run, but it shows how much of the gap is fsync.
  { requests: 1_000, connections: 8, rounds: 1, seconds: 60, ramDisk: 0 },
  { requests: 3_000, connections: 16, rounds: 2, seconds: 300, ramDisk: 0 },
);
const STORE_FILE = sizes.ramDisk
  ? path.join(fs.mkdtempSync('/dev/shm/hr-bench-trigger-'), 'trigger-bench.db')
  : 'trigger-bench.db';

const flow: FlowNode[] = [
  { id: 'tab', type: 'tab', label: 'bench' },
  // On disk in the temp directory by default: the trigger's promise is that a 2xx means recorded.
  { id: 'store', type: 'hr-store', file: STORE_FILE, secretFields: '', keyEnv: '' },
  { id: 'conn', type: 'hr-ats-connection', vendor: 'greenhouse', defaultCountry: 'US', timeZone: 'UTC' },
  // graceSeconds: the restart sweep must not run during the measurement.
  {
    id: 'trigger',
    type: 'hr-ats-trigger',
    z: 'tab',
    connection: 'conn',
    store: 'store',
    path: TRIGGER_PATH,
    maxBodyKb: '1024',
    pollMinutes: '0',
    graceSeconds: '3600',
    wires: [['sink-emitted'], []],
  },
  { id: 'sink-emitted', type: 'bench-sink', z: 'tab', counter: 'emitted' },
  {
    id: 'in',
    type: 'http in',
    z: 'tab',
    url: BASELINE_PATH,
    method: 'post',
    upload: false,
    swaggerDoc: '',
    wires: [['response', 'sink-baseline']],
  },
  { id: 'response', type: 'http response', z: 'tab', statusCode: '', headers: {} },
  { id: 'sink-baseline', type: 'bench-sink', z: 'tab', counter: 'baseline' },
  { id: 'catch-all', type: 'catch', z: 'tab', scope: null, uncaught: false, wires: [['sink-error']] },
  { id: 'sink-error', type: 'bench-sink', z: 'tab', counter: 'error' },
];

interface Run {
  flow: 'baseline' | 'trigger';
  load: LoadResult;
  ok: number;
  reachedSink: number;
  seconds: number;
  perSecond: number;
}

let nextApplication = 10_000_000;
/** Distinct hires: the trigger's idempotency key is the application, so a repeat would be a duplicate. */
function signedHires(n: number): SignedDelivery[] {
  const sender = greenhouseSender({ secret: SECRET });
  return Array.from({ length: n }, () => {
    const id = nextApplication++;
    return sender.hire({
      applicationId: id,
      candidateId: id,
      offerId: id,
      firstName: 'Bench',
      lastName: `Hire${id}`,
      email: `hire${id}@mail.example`,
    });
  });
}

async function measure(red: EmbeddedNodeRed, which: Run['flow'], count: number): Promise<Run> {
  const path = which === 'trigger' ? TRIGGER_PATH : BASELINE_PATH;
  const label = which === 'trigger' ? 'emitted' : 'baseline';
  const deliveries = signedHires(count);
  const before = (await red.counts()).counts[label] ?? 0;
  const started = performance.now();
  const load = await runLoad({
    baseUrl: red.url,
    request: (i) => ({ path, headers: deliveries[i]!.headers, body: deliveries[i]!.rawBody }),
    count,
    connections: sizes.connections,
    timeLimitMs: sizes.seconds * 1000,
  });
  const ok = Object.entries(load.statuses)
    .filter(([s]) => s.startsWith('2'))
    .reduce((n, [, c]) => n + c, 0);
  // Done when every accepted delivery has come out of the flow, not merely been answered.
  const reachedSink = (await red.waitForCount(label, before + ok, 30_000)) - before;
  const seconds = (performance.now() - started) / 1000;
  return { flow: which, load, ok, reachedSink, seconds, perSecond: reachedSink / seconds };
}

async function main(): Promise<void> {
  printHeader(
    'ATS trigger throughput: signed Greenhouse hires → hr-ats-trigger (durable) → sink, vs http in → http response',
    sizes,
  );
  const red = await startEmbeddedNodeRed({
    sets: ['hr-store', 'hr-ats-connection', 'hr-ats-trigger'],
    flow,
    credentials: { conn: { webhookSecret: SECRET } },
  });
  try {
    // Warm-up: JIT, the store's first open, keep-alive sockets; not reported.
    const warm = Math.min(200, sizes.requests);
    await measure(red, 'baseline', warm);
    await measure(red, 'trigger', warm);
    const runs: Run[] = [];
    for (let round = 0; round < sizes.rounds; round++) {
      runs.push(await measure(red, 'baseline', sizes.requests));
      runs.push(await measure(red, 'trigger', sizes.requests));
    }
    const { errors } = await red.counts();

    printTable(
      runs.map((r) => ({
        flow: r.flow,
        requests: String(r.load.sent),
        '2xx': String(r.ok),
        'reached sink': String(r.reachedSink),
        seconds: r.seconds.toFixed(2),
        rate: perSecond(r.perSecond),
        'median latency': ms(r.load.latencyMs.median),
        'p99 latency': ms(r.load.latencyMs.p99),
      })),
    );
    // Over all rounds: everything that came out of the flow over all the time it took.
    const rate = (which: Run['flow']) => {
      const mine = runs.filter((r) => r.flow === which);
      return mine.reduce((n, r) => n + r.reachedSink, 0) / mine.reduce((t, r) => t + r.seconds, 0);
    };
    const achieved = rate('trigger') / rate('baseline');
    const complete = runs.every((r) => r.ok === r.load.sent && r.reachedSink === r.ok);
    console.log(
      `   trigger / baseline: ${ratio(achieved)} (target ≥ ${TARGET_RATIO}) — ${achieved >= TARGET_RATIO ? 'met' : 'NOT met'}`,
    );
    if (!complete) console.log('   some requests were not answered 2xx or did not reach the sink; see the table');
    if (errors.length) console.log(`   errors caught: ${errors.slice(0, 3).join('; ')}`);
    printResult('trigger-throughput', {
      sizes,
      storeDir: sizes.ramDisk ? path.dirname(STORE_FILE) : os.tmpdir(),
      baselinePerSecond: rate('baseline'),
      triggerPerSecond: rate('trigger'),
      ratio: achieved,
      target: TARGET_RATIO,
      met: achieved >= TARGET_RATIO,
      complete,
      errors,
      runs: runs.map((r) => ({
        flow: r.flow,
        sent: r.load.sent,
        ok: r.ok,
        reachedSink: r.reachedSink,
        seconds: r.seconds,
        perSecond: r.perSecond,
        latencyMs: r.load.latencyMs,
      })),
    });
    if (!complete) process.exitCode = 1;
  } finally {
    await red.stop();
    if (sizes.ramDisk) fs.rmSync(path.dirname(STORE_FILE), { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
