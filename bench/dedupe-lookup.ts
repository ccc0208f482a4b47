// Dedupe lookup latency: the store's blocking index plus scoring (what the dedupe node does per message)
// against a linear scan scoring every stored person, over the same synthetic persons in the same run.
//   node dist/bench/dedupe-lookup.js [N ...]     default: 10000 100000 (1000000: about ten minutes)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { matchWeightPrepared, prepare, type MatchablePerson, type PreparedPerson } from '../lib/match';
import { openStore, type HrStore, type JsonObject, type NewPerson } from '../lib/store';
import { lookupCandidates } from '../lib/dedupe/identityResolution';
import { matchIndexOf, matchableFrom, namesOf } from '../lib/dedupe/matchable';
import { parseConfig } from '../nodes/hr-dedupe/settings';
import { seededRandom } from './support/random';
import { mib, printResult } from './support/report';

const LOOKUPS = 1_000;
// The scan is slow by design: this many scored pairs per size keeps it to a minute; at a million
// persons that is a sample of the lookups, which the report says.
const SCAN_PAIR_BUDGET = 5_000_000;
const MIN_SCAN_LOOKUPS = 5;
const WARM_UP = 20;
const FILL_BATCH = 1_000;
// The benchmark measures lookups, not durability: on a RAM disk the fill is not bound by fsync.
const WORK_DIR = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
// A collection before each heap reading, so the scan's memory is what it keeps, not what was not yet collected.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

// mulberry32. The linear congruential generator this bench used before computed seed × 1103515245 in
// floating point, lost precision and cycled after ~10,000 draws: its "100,000 persons" were some 800
// persons repeated, so its earlier figures came from stores full of identical duplicates.
type Random = () => number;
const generator = (seed: number): Random => seededRandom(seed).next;
const FIRST =
  'James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Susan Joseph Jessica Thomas Sarah Ana Jon Maria Wei Priya Fatima Lars Chidi Aoife Jose Siobhan Yuki Omar Lena'.split(
    ' ',
  );
const SYLLABLES = 'ka lo ven dor mi sa tre bel ro nak fi gu har wen os li zan per qui tor ba del mon rik sel'.split(
  ' ',
);
// 40 % of persons share 15 surnames and everybody one of 30 forenames: far more namesakes than a real
// company has, so the blocks of common names are as large as they get.
const COMMON_LAST =
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Silva Costa Nguyen Kim Müller Schmidt Rossi'.split(' ');

/** The i-th synthetic person of a store; the same i gives the same person in every run. */
function syntheticRecords(random: Random) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const surname = () =>
    random() < 0.4
      ? pick(COMMON_LAST)
      : [pick(SYLLABLES), pick(SYLLABLES), pick(SYLLABLES)].join('').replace(/^./, (c) => c.toUpperCase());
  return (i: number): JsonObject => {
    const first = pick(FIRST);
    const last = surname();
    return {
      legalName: { first, last },
      emails: [{ address: `${first}.${last}.${i}@example.com`.toLowerCase(), type: 'personal' }],
      phones: [{ number: `+1202${digits(7)}`, type: 'mobile' }],
      dateOfBirth: `${1960 + Math.floor(random() * 45)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    };
  };
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const stats = (xs: number[]) => ({ median: quantile(xs, 0.5), p99: quantile(xs, 0.99), count: xs.length });
const fixed = (x: number) => x.toFixed(2).padStart(9);

/** Fills the store through createPersons, a batch per transaction, as a backfill would; keeps the persons asked for. */
async function fill(store: HrStore, n: number, keep: ReadonlySet<number>): Promise<Map<number, MatchablePerson>> {
  const record = syntheticRecords(generator(42));
  const kept = new Map<number, MatchablePerson>();
  for (let start = 0; start < n; start += FILL_BATCH) {
    const batch: NewPerson[] = [];
    for (let i = start; i < Math.min(n, start + FILL_BATCH); i++) {
      const r = record(i);
      const person = matchableFrom(r, []);
      if (keep.has(i)) kept.set(i, person);
      batch.push({ record: r, ...matchIndexOf(person) });
    }
    const guids = await store.createPersons(batch);
    guids.forEach((guid, j) => {
      const p = kept.get(start + j);
      if (p) p.guid = guid;
    });
  }
  return kept;
}

/** Half the lookups are stored persons seen again with a new email and their forename in capitals; half are somebody new. */
function lookups(n: number) {
  const random = generator(7);
  const newcomer = syntheticRecords(generator(99));
  return Array.from({ length: LOOKUPS }, (_, i) =>
    i % 2 === 0
      ? { returning: Math.floor(random() * n) }
      : { returning: undefined, person: matchableFrom(newcomer(10_000_000 + i), []) },
  );
}

async function run(n: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(WORK_DIR, 'hr-dedupe-bench-'));
  const file = path.join(dir, 'bench.db');
  const store = await openStore({ file });
  try {
    const plan = lookups(n);
    const keep = new Set(plan.flatMap((q) => (q.returning === undefined ? [] : [q.returning])));
    let started = performance.now();
    const kept = await fill(store, n, keep);
    const fillSeconds = (performance.now() - started) / 1000;
    const queries = plan.map((q, i) => {
      if (q.returning === undefined) return { person: q.person!, truth: undefined };
      const p = kept.get(q.returning)!;
      return {
        person: {
          ...p,
          guid: undefined,
          firstName: p.firstName?.toUpperCase(),
          emails: [`someone${i}@elsewhere.example`],
        },
        truth: p.guid,
      };
    });
    const { settings } = parseConfig({}, 'bench');

    // The first lookups compile the code paths; they are not timed (a running node has long done so).
    for (const q of queries.slice(0, WARM_UP)) await lookupCandidates(store, q.person, settings);
    const blocked: number[] = [];
    let found = 0;
    let scored = 0;
    let withOversized = 0;
    for (const q of queries) {
      const t = performance.now();
      const outcome = await lookupCandidates(store, q.person, settings);
      blocked.push(performance.now() - t);
      if (q.truth && outcome.candidate?.guid === q.truth && outcome.decision !== 'new') found++;
      scored += outcome.candidatesScored;
      if (outcome.oversizedKeys.length) withOversized++;
    }
    const afterLookups = process.memoryUsage();

    // The best a scan can do: every stored person prepared once in memory, the same model and term
    // frequencies, ranked by match weight alone, as the blocked lookup ranks its candidates.
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const record = syntheticRecords(generator(42));
    const prepared: PreparedPerson[] = [];
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const p = matchableFrom(record(i), []);
      prepared.push(prepare(p));
      for (const [kind, v] of Object.entries(namesOf(p)))
        if (v) counts.set(`${kind}:${v}`, (counts.get(`${kind}:${v}`) ?? 0) + 1);
    }
    collectGarbage();
    const scanHeap = process.memoryUsage().heapUsed - heapBefore;
    const nameFrequency = (kind: 'first' | 'last', v: string) => (counts.get(`${kind}:${v}`) ?? 0) / n;
    const scanned: number[] = [];
    const sample = Math.max(MIN_SCAN_LOOKUPS, Math.min(queries.length, Math.floor(SCAN_PAIR_BUDGET / n)));
    for (const q of queries.slice(0, sample)) {
      started = performance.now();
      const incoming = prepare(q.person);
      let best = -Infinity;
      for (const candidate of prepared)
        best = Math.max(best, matchWeightPrepared(incoming, candidate, { model: settings.model, nameFrequency }));
      scanned.push(performance.now() - started);
    }

    const storeBytes = fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
    const returning = queries.filter((q) => q.truth).length;
    const b = stats(blocked);
    const s = stats(scanned);
    const row = (name: string, x: { median: number; p99: number; count: number }, note = '') =>
      `  ${name.padEnd(22)} median ${fixed(x.median)} ms   p99 ${fixed(x.p99)} ms   (${x.count} lookups${note})`;
    console.log(
      `\n${n.toLocaleString('en-US')} persons (filled in ${fillSeconds.toFixed(1)} s, ${FILL_BATCH} per transaction; store ${mib(storeBytes)}; after the lookups rss ${mib(afterLookups.rss)}, heap ${mib(afterLookups.heapUsed)}; load average ${os.loadavg()[0]?.toFixed(2)})`,
    );
    console.log(row('blocking + scoring', b, `, after ${WARM_UP} untimed; max ${Math.max(...blocked).toFixed(2)} ms`));
    console.log(row('linear scan', s, sample < queries.length ? `, a sample of the ${queries.length}` : ''));
    console.log(
      `  ${(scored / queries.length).toFixed(1)} candidates scored per lookup; ${withOversized} lookups skipped a key held by more than ${settings.maxBlockSize} persons; ${found} of ${returning} returning persons found`,
    );
    console.log(`  the scan keeps ${mib(scanHeap)} of prepared persons in memory`);
    console.log(`  linear scan / blocked lookup, median: ${(s.median / b.median).toFixed(0)}×`);
    printResult('dedupe-lookup', {
      persons: n,
      fillSeconds,
      fillBatch: FILL_BATCH,
      storeBytes,
      blockedMs: b,
      scanMs: s,
      scanSampled: sample < queries.length,
      candidatesPerLookup: scored / queries.length,
      lookupsWithOversizedKeys: withOversized,
      maxBlockSize: settings.maxBlockSize,
      returning,
      found,
      rssBytes: afterLookups.rss,
      heapBytes: afterLookups.heapUsed,
      scanHeapBytes: scanHeap,
      ratio: s.median / b.median,
    });
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  for (const n of sizes.length ? sizes : [10_000, 100_000]) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`not a store size: ${n}`);
    await run(n);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
