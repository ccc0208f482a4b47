// Dedupe lookup latency: the store's blocking index plus scoring (what the dedupe node does per message)
// against a linear scan scoring every stored person, over the same synthetic persons in the same run.
//   node dist/bench/dedupe-lookup.js [N ...]     default: 10000 100000 (1000000 works, but takes minutes to fill)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { blockingKeys, type MatchablePerson } from '../lib/match';
import { prepare } from '../lib/match/prepare';
import { scorePrepared } from '../lib/match/score';
import { openStore, type HrStore, type JsonObject } from '../lib/store';
import { lookupCandidates } from '../lib/dedupe/identityResolution';
import { matchableFrom, namesOf } from '../lib/dedupe/matchable';
import { parseConfig } from '../nodes/hr-dedupe/settings';

const QUERIES = 200;
// The scan is slow by design; this many scored pairs per size keeps a 100k run to seconds, not minutes.
const SCAN_PAIR_BUDGET = 600_000;
// The benchmark measures lookups, not durability: on a RAM disk the fill is not bound by one fsync per person.
const WORK_DIR = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const FIRST = 'James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Susan Joseph Jessica Thomas Sarah Ana Jon Maria Wei Priya Fatima Lars Chidi Aoife Jose Siobhan Yuki Omar Lena'.split(' ');
const SYLLABLES = 'ka lo ven dor mi sa tre bel ro nak fi gu har wen os li zan per qui tor ba del mon rik sel'.split(' ');
const COMMON_LAST = 'Smith Johnson Williams Brown Jones Garcia Miller Davis Silva Costa Nguyen Kim Müller Schmidt Rossi'.split(' ');
const surname = () => (random() < 0.4 ? pick(COMMON_LAST) : [pick(SYLLABLES), pick(SYLLABLES), pick(SYLLABLES)].join('').replace(/^./, (c) => c.toUpperCase()));
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

function syntheticRecord(i: number): JsonObject {
  const first = pick(FIRST);
  const last = surname();
  return {
    legalName: { first, last },
    emails: [{ address: `${first}.${last}.${i}@example.com`.toLowerCase(), type: 'personal' }],
    phones: [{ number: `+1202${digits(7)}`, type: 'mobile' }],
    dateOfBirth: `${1960 + Math.floor(random() * 45)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
  };
}

/** A stored person seen again with a new email and the name in other case; or somebody new. */
function query(stored: MatchablePerson[], i: number): MatchablePerson {
  if (i % 2 === 1) return matchableFrom(syntheticRecord(10_000_000 + i), []);
  const p = pick(stored);
  return { ...p, guid: undefined, firstName: p.firstName?.toUpperCase(), emails: [`someone${i}@elsewhere.example`] };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function fill(store: HrStore, n: number): Promise<MatchablePerson[]> {
  const people: MatchablePerson[] = [];
  for (let i = 0; i < n; i++) {
    const record = syntheticRecord(i);
    const matchable = matchableFrom(record, []);
    const { guid } = await store.createPerson({ record, blockingKeys: blockingKeys(matchable), names: namesOf(matchable) });
    people.push({ ...matchable, guid });
  }
  return people;
}

async function run(n: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(WORK_DIR, 'hr-dedupe-bench-'));
  const store = await openStore({ file: path.join(dir, 'bench.db') });
  try {
    const started = performance.now();
    const stored = await fill(store, n);
    const fillSeconds = (performance.now() - started) / 1000;
    const { settings } = parseConfig({}, 'bench');
    const queries = Array.from({ length: QUERIES }, (_, i) => query(stored, i));

    const blocked: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      await lookupCandidates(store, q, settings);
      blocked.push(performance.now() - t);
    }

    // The best a scan can do: every stored person prepared once in memory, the same model and term
    // frequencies, so only the candidate search differs.
    const heapBefore = process.memoryUsage().heapUsed;
    const prepared = stored.map((p) => prepare(p));
    const scanHeap = process.memoryUsage().heapUsed - heapBefore;
    const counts = new Map<string, number>();
    for (const p of stored) for (const [kind, v] of Object.entries(namesOf(p))) if (v) counts.set(`${kind}:${v}`, (counts.get(`${kind}:${v}`) ?? 0) + 1);
    const nameFrequency = (kind: 'first' | 'last', v: string) => (counts.get(`${kind}:${v}`) ?? 0) / n;
    const scanned: number[] = [];
    let decisions = 0;
    for (const q of queries.slice(0, Math.max(5, Math.min(QUERIES, Math.floor(SCAN_PAIR_BUDGET / n))))) {
      const t = performance.now();
      const incoming = prepare(q);
      let best = -Infinity;
      for (const candidate of prepared) best = Math.max(best, scorePrepared(incoming, candidate, { model: settings.model, nameFrequency }).matchWeight);
      decisions += best > 0 ? 1 : 0;
      scanned.push(performance.now() - t);
    }

    const memory = process.memoryUsage();
    const row = (name: string, xs: number[]) => `  ${name.padEnd(22)} median ${quantile(xs, 0.5).toFixed(2).padStart(9)} ms   p99 ${quantile(xs, 0.99).toFixed(2).padStart(9)} ms   (${xs.length} lookups)`;
    console.log(`\n${n.toLocaleString('en-US')} persons (filled in ${fillSeconds.toFixed(1)} s; store file ${mb(fs.statSync(path.join(dir, 'bench.db')).size)}; rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)})`);
    console.log(row('blocking + scoring', blocked));
    console.log(row('linear scan', scanned));
    console.log(`  scan keeps ${mb(scanHeap)} of prepared persons in memory; ${decisions} of its lookups found a likely match`);
    console.log(`  linear scan / blocked lookup, median: ${(quantile(scanned, 0.5) / quantile(blocked, 0.5)).toFixed(0)}×`);
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
