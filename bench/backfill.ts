// Backfill: importing the employees already in the HRIS (BambooHR emulator) into the identity store,
// through lib/http with the client's rate limiter set to the vendor's limit. The directory lists names,
// work email and phone; the personal email and birth date that identity resolution needs when the same
// person later arrives from the ATS are per-employee reads, and those are what the rate limit paces.
// Baseline: the same requests through the same client, without the store (download only). The import
// writes the persons in batches (createPersons: one transaction per batch); with perPerson=1 it also
// imports them one transaction each (createPerson, as before the batch path existed), for comparison.
//   node dist/bench/backfill.js [full] [employees=N] [ratePerSecond=N] [concurrency=N] [batch=N] [perPerson=0|1]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { basicAuth, createHttpClient, type HttpClient } from '../lib/http';
import { openStore, type HrStore, type NewPerson } from '../lib/store';
import { BAMBOOHR_DEFAULTS } from '../sandbox/bamboohr';
import { bambooHrProcess } from './support/bambooHost';
import { addPerson, personInit } from './support/identityStore';
import type { SyntheticPerson } from './support/people';
import { benchOptions } from './support/options';
import { mib, perSecond, printHeader, printResult, printTable, ratio } from './support/report';

const sizes = benchOptions(
  { employees: 2_000, ratePerSecond: 500, concurrency: 8, batch: 500, perPerson: 1 },
  { employees: 50_000, ratePerSecond: 500, concurrency: 16, batch: 500, perPerson: 0 },
);
/** The fields identity resolution needs beyond the directory's. */
const DETAIL_FIELDS = 'homeEmail,dateOfBirth';

interface DirectoryRow {
  id: string;
  firstName: string;
  lastName: string;
  workEmail: string | null;
  mobilePhone: string | null;
}

interface Phase {
  name: string;
  imported: number;
  requests: number;
  throttled: number;
  seconds: number;
  requestsPerSecond: number;
  rateUse: number;
  peakRssBytes: number;
  peakHeapBytes: number;
}

function memoryPeaks() {
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  return () => (clearInterval(timer), sample(), peak);
}

/** Where an imported employee goes: nowhere (the download baseline), one transaction each, or batches. */
type Sink = { store: null } | { store: HrStore; batch: number };

async function runPhase(name: string, url: string, sink: Sink): Promise<Phase> {
  const statuses: number[] = [];
  const client: HttpClient = createHttpClient({
    baseUrl: `${url}/api/gateway.php/${BAMBOOHR_DEFAULTS.companyDomain}/v1`,
    auth: basicAuth(BAMBOOHR_DEFAULTS.apiKeys[0], 'x'),
    headers: { accept: 'application/json' },
    // The connection node's setting: the account's limit, small bursts.
    rateLimit: { ratePerSecond: sizes.ratePerSecond, burst: 2 },
    // The directory is one response for the whole company.
    maxResponseBytes: 512 * 2 ** 20,
    logger: (e) => void statuses.push(e.status ?? 0),
  });
  const peaks = memoryPeaks();
  const started = performance.now();
  let imported = 0;
  try {
    const directory = await client.request({ method: 'GET', url: '/employees/directory' });
    const rows = (directory.body as { employees: DirectoryRow[] }).employees;
    let next = 0;
    let pending: NewPerson[] = [];
    const flush = async () => {
      const batch = pending;
      pending = [];
      if (sink.store && batch.length > 0) imported += (await sink.store.createPersons(batch)).length;
    };
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        const detail = (
          await client.request({ method: 'GET', url: `/employees/${row.id}`, query: { fields: DETAIL_FIELDS } })
        ).body as { homeEmail: string | null; dateOfBirth: string | null };
        if (!sink.store) continue;
        const person: SyntheticPerson = {
          first: row.firstName,
          last: row.lastName,
          workEmail: row.workEmail ?? '',
          personalEmail: detail.homeEmail ?? '',
          mobile: row.mobilePhone ?? '',
          dateOfBirth: detail.dateOfBirth ?? '',
        };
        const links = [{ system: 'bamboohr', externalId: row.id }];
        if (sink.batch > 1) {
          pending.push(personInit(person, links));
          if (pending.length >= sink.batch) await flush();
        } else {
          await addPerson(sink.store, person, links);
          imported += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: sizes.concurrency }, worker));
    await flush();
  } finally {
    client.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const peak = peaks();
  const requests = statuses.length;
  return {
    name,
    imported,
    requests,
    throttled: statuses.filter((s) => s === 429 || s === 503).length,
    seconds,
    requestsPerSecond: requests / seconds,
    rateUse: requests / seconds / sizes.ratePerSecond,
    peakRssBytes: peak.rss,
    peakHeapBytes: peak.heap,
  };
}

async function main(): Promise<void> {
  printHeader(
    `Backfill: ${sizes.employees} BambooHR employees → identity store, through lib/http at ${sizes.ratePerSecond} requests/s`,
    sizes,
  );
  const bamboo = await bambooHrProcess({ employees: sizes.employees, ratePerSecond: sizes.ratePerSecond, seed: 11 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-bench-backfill-'));
  try {
    console.log(
      `   emulator seeded with ${sizes.employees} employees in ${bamboo.seedSeconds.toFixed(1)} s (separate process)`,
    );
    const download = await runPhase('download only (baseline)', bamboo.url, { store: null });
    const importInto = async (name: string, batch: number) => {
      const file = path.join(dir, `${batch > 1 ? 'batched' : 'one-by-one'}.db`);
      const store = await openStore({ file });
      try {
        return await runPhase(name, bamboo.url, { store, batch });
      } finally {
        await store.close();
      }
    };
    const imported = await importInto(`import into store, ${sizes.batch} per transaction`, sizes.batch);
    const onePerTransaction = sizes.perPerson ? await importInto('import into store, one per transaction', 1) : null;
    const storeBytes = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith('batched.db'))
      .reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    const phases = [download, imported, ...(onePerTransaction ? [onePerTransaction] : [])];
    printTable(
      phases.map((p) => ({
        phase: p.name,
        employees: String(p.imported || sizes.employees),
        requests: String(p.requests),
        throttled: String(p.throttled),
        seconds: p.seconds.toFixed(1),
        'requests/s': perSecond(p.requestsPerSecond),
        'of limit': `${(p.rateUse * 100).toFixed(0)} %`,
        'peak rss': mib(p.peakRssBytes),
        'peak heap': mib(p.peakHeapBytes),
      })),
    );
    console.log(
      `   import / download time: ${ratio(imported.seconds / download.seconds)}; store file ${mib(storeBytes)}; ${(imported.imported / imported.seconds).toFixed(0)} employees/s`,
    );
    if (onePerTransaction)
      console.log(
        `   one per transaction / batched import time: ${ratio(onePerTransaction.seconds / imported.seconds)}`,
      );
    const complete =
      imported.imported === sizes.employees && (!onePerTransaction || onePerTransaction.imported === sizes.employees);
    printResult('backfill', {
      sizes,
      seedSeconds: bamboo.seedSeconds,
      download,
      imported,
      onePerTransaction,
      storeBytes,
      ratio: imported.seconds / download.seconds,
      complete,
    });
    if (!complete) process.exitCode = 1;
  } finally {
    await bamboo.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
