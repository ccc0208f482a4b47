// Per-event latency of the hire pipeline's nodes (validate → dedupe → survivorship → map) in a real
// Node-RED runtime, with an identity store of N persons, against a chain of as many core `change`
// nodes in the same runtime: median, p99 and the overhead. Each node sits where it reads what it
// expects: the validator and dedupe read the canonical hire, survivorship the dedupe's person, the
// mapper the resolved hire (its output, the target record, is what the HRIS writer takes).
// Stages whose node set package.json does not declare yet are left out, and the report says so.
// With store=postgres the store is PostgreSQL (bench/support/benchStore.ts), filled by migrating the
// filled SQLite file into it.
//   node dist/bench/pipeline.js [full] [storeSize=N] [events=N] [store=sqlite|postgres]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dictionaryToJson } from '../lib/dictionary/jsonDictionary';
import { defaultDictionary } from '../lib/dictionary/defaultDictionary';
import { startingMappings } from '../lib/mapping/startingMappings';
import { migrateSqliteToPostgres } from '../lib/store/migrate';
import { greenhouseHire } from '../lib/vendors/greenhouse/source';
import { hireCandidatePayload } from '../sandbox/senders';
import { chosenStore, postgresForBench, type BenchPostgres } from './support/benchStore';
import { startEmbeddedNodeRed, type FlowNode } from './support/embeddedNodeRed';
import { filledStore } from './support/identityStore';
import { benchOptions } from './support/options';
import { syntheticPerson, type SyntheticPerson } from './support/people';
import { summarize, type Summary } from './support/percentiles';
import { ms, printHeader, printResult, printTable, ratio } from './support/report';
import { seededRandom } from './support/random';

const store = chosenStore();
const sizes = benchOptions({ storeSize: 2_000, events: 200 }, { storeSize: 100_000, events: 500 }, store.argv);
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const WARM_UP = 20;

interface Stage {
  set: string;
  /** Config node sets it needs. */
  needs: string[];
  /** The node, wired to `next` on the outputs that carry the hire on, and to named sinks on the others. */
  node(id: string, next: string): FlowNode;
}

const sink = (counter: string) => `sink-${counter}`;
const STAGES: Stage[] = [
  {
    set: 'hr-validator',
    needs: ['hr-dictionary'],
    node: (id, next) => ({
      id,
      type: 'hr-validator',
      dictionary: 'dictionary',
      threshold: '2',
      store: '',
      wires: [[next], [sink('invalid')], [sink('review')]],
    }),
  },
  {
    set: 'hr-dedupe',
    needs: ['hr-store'],
    node: (id, next) => ({
      id,
      type: 'hr-dedupe',
      store: 'store',
      mergeThreshold: '',
      reviewThreshold: '',
      defaultCountry: 'US',
      model: '',
      wires: [[next], [next], [sink('review')]],
    }),
  },
  {
    set: 'hr-survivorship',
    needs: ['hr-store', 'hr-dictionary'],
    node: (id, next) => ({
      id,
      type: 'hr-survivorship',
      store: 'store',
      dictionary: 'dictionary',
      wires: [[next], []],
    }),
  },
  {
    set: 'hr-mapper',
    needs: [],
    node: (id, next) => ({
      id,
      type: 'hr-mapper',
      target: 'bamboohr',
      expression: startingMappings.bamboohr,
      wires: [[next]],
    }),
  },
];

function declaredSets(): Set<string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    'node-red': { nodes: Record<string, string> };
  };
  return new Set(Object.keys(pkg['node-red'].nodes));
}

function chain(prefix: string, nodes: Array<(id: string, next: string) => FlowNode>, end: string): FlowNode[] {
  return nodes.map((make, i) => ({
    ...make(`${prefix}-${i}`, i + 1 < nodes.length ? `${prefix}-${i + 1}` : end),
    z: 'tab',
  }));
}

function flowFor(stages: Stage[]): FlowNode[] {
  const configs: FlowNode[] = [
    { id: 'store', type: 'hr-store', backend: store.kind, file: 'pipeline-bench.db', secretFields: '', keyEnv: '' },
    { id: 'dictionary', type: 'hr-dictionary', dictionary: dictionaryToJson(defaultDictionary) },
  ].filter((c) => stages.some((s) => s.needs.includes(c.type)));
  const changes = stages.map(() => (id: string, next: string): FlowNode => ({
    id,
    type: 'change',
    rules: [{ t: 'set', p: `passed.${id}`, pt: 'msg', to: 'true', tot: 'bool' }],
    wires: [[next]],
  }));
  return [
    { id: 'tab', type: 'tab', label: 'bench' },
    ...configs,
    ...chain(
      'stage',
      stages.map((s) => s.node),
      sink('done'),
    ),
    ...chain('change', changes, sink('baseline')),
    ...['done', 'baseline', 'invalid', 'review', 'error'].map((counter) => ({
      id: sink(counter),
      type: 'bench-sink',
      z: 'tab',
      counter,
    })),
    { id: 'catch-all', type: 'catch', z: 'tab', scope: null, uncaught: false, wires: [[sink('error')]] },
  ];
}

/** Half of the hires are stored persons seen again (same personal email, a new application); half are new. */
function hires(stored: SyntheticPerson[], n: number): unknown[] {
  const random = seededRandom(7);
  return Array.from({ length: n }, (_, i) => {
    const returning = i % 2 === 0;
    const p = returning ? random.pick(stored) : syntheticPerson(random, 10_000_000 + i);
    const id = 50_000_000 + i;
    const raw = hireCandidatePayload({
      applicationId: id,
      candidateId: id,
      offerId: id,
      firstName: returning ? p.first.toUpperCase() : p.first,
      lastName: p.last,
      email: p.personalEmail,
      phone: p.mobile,
    }) as { payload: { application: unknown } };
    return {
      payload: greenhouseHire(raw.payload.application, `bench-${id}`, new Date().toISOString(), {
        timeZone: 'UTC',
        defaultCountry: 'US',
        offerFields: { declaredPayPeriod: 'year' },
      }).event,
    };
  });
}

async function main(): Promise<void> {
  const declared = declaredSets();
  const stages = STAGES.filter(
    (s) => declared.has(s.set) && fs.existsSync(path.join(__dirname, '..', 'nodes', s.set, `${s.set}.js`)),
  );
  const missing = STAGES.filter((s) => !stages.includes(s)).map((s) => s.set);
  printHeader(
    `Pipeline latency: ${stages.map((s) => s.set).join(' → ')} vs ${stages.length} core change nodes, store ${store.kind}`,
    sizes,
  );
  if (missing.length) console.log(`   not measured (not declared in package.json yet): ${missing.join(', ')}`);

  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-bench-pipeline-'));
  let postgres: BenchPostgres | undefined;
  try {
    const uses = (set: string) => stages.some((s) => s.needs.includes(set));
    const file = path.join(userDir, 'pipeline-bench.db');
    const fill = uses('hr-store') ? await filledStore(file, sizes.storeSize, 42) : null;
    if (fill) console.log(`   identity store: ${sizes.storeSize} persons filled in ${fill.seconds.toFixed(1)} s`);
    if (store.kind === 'postgres') {
      postgres = await postgresForBench();
      console.log(`   PostgreSQL server: ${postgres.durability}`);
      if (fill) await migrateSqliteToPostgres({ file, url: postgres.url });
    }
    const stored = fill?.people ?? Array.from({ length: 100 }, (_, i) => syntheticPerson(seededRandom(42), i));
    const sets = [...new Set([...stages.flatMap((s) => [s.set, ...s.needs])])];
    const credentials: Record<string, Record<string, string>> = postgres ? { store: { url: postgres.url } } : {};
    const red = await startEmbeddedNodeRed({ sets, flow: flowFor(stages), credentials, userDir });
    try {
      const messages = hires(stored, WARM_UP + sizes.events);
      await red.timeEach('change-0', messages.slice(0, WARM_UP));
      await red.timeEach('stage-0', messages.slice(0, WARM_UP));
      const baseline = await red.timeEach('change-0', messages.slice(WARM_UP));
      const pipeline = await red.timeEach('stage-0', messages.slice(WARM_UP));
      const b = summarize(baseline.samplesMs);
      const p = summarize(pipeline.samplesMs);
      const row = (name: string, s: Summary, outcomes: Record<string, number>) => ({
        chain: name,
        events: String(s.count),
        median: ms(s.median),
        p90: ms(s.p90),
        p99: ms(s.p99),
        max: ms(s.max),
        outcomes: Object.entries(outcomes)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
      });
      printTable([
        row(`${stages.length} change nodes`, b, baseline.outcomes),
        row(stages.map((s) => s.set.replace('hr-', '')).join('→'), p, pipeline.outcomes),
      ]);
      console.log(
        `   overhead per event: median +${ms(p.median - b.median)} (${ratio(p.median / b.median)} the baseline), p99 +${ms(p.p99 - b.p99)}`,
      );
      if (pipeline.errors.length) console.log(`   errors caught: ${pipeline.errors.slice(0, 3).join('; ')}`);
      const complete = (pipeline.outcomes.lost ?? 0) === 0 && (pipeline.outcomes.error ?? 0) === 0;
      printResult('pipeline', {
        sizes,
        store: store.kind,
        postgres: postgres?.durability ?? null,
        stages: stages.map((s) => s.set),
        notMeasured: missing,
        fillSeconds: fill?.seconds ?? null,
        baselineMs: b,
        pipelineMs: p,
        overheadMedianMs: p.median - b.median,
        overheadP99Ms: p.p99 - b.p99,
        ratioMedian: p.median / b.median,
        outcomes: pipeline.outcomes,
        errors: pipeline.errors,
        complete,
        // For the latency plot (bench/support/latencyPlot.ts).
        samplesMs: { baseline: baseline.samplesMs, pipeline: pipeline.samplesMs },
      });
      if (!complete) process.exitCode = 1;
    } finally {
      await red.stop();
    }
  } finally {
    await postgres?.dispose();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
