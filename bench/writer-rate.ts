// The HRIS writer's sustained create rate against the BambooHR emulator limited to R requests/s,
// as a fraction of R (target ≥ 0.95), with every hire checked: zero duplicates, zero losses.
//   node dist/bench/writer-rate.js [R=20] [hires=300] [store=sqlite|postgres]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHttpClient } from '../lib/http';
import { openStore } from '../lib/store';
import { bamboohr, bamboohrHttpOptions, type BambooConnection } from '../lib/vendors/bamboohr/target';
import { idempotencyKeys } from '../lib/writer/keys';
import { DEFAULT_SCHEDULE } from '../lib/outbox/schedule';
import { createWriter } from '../lib/writer/worker';
import { BAMBOOHR_DEFAULTS, startBambooHr } from '../sandbox/bamboohr';
import { chosenStore, postgresForBench } from './support/benchStore';
import { defaultPolicy } from '../lib/dictionary/defaultPolicy';

const STORE = chosenStore();
const RATE = Number(STORE.argv[0] ?? 20);
const HIRES = Number(STORE.argv[1] ?? 300);

async function main() {
  const sandbox = await startBambooHr({ rateLimit: { perSecond: RATE, burst: Math.max(1, Math.ceil(RATE)) } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-writer-bench-'));
  const postgres = STORE.kind === 'postgres' ? await postgresForBench() : undefined;
  const store = await openStore({ file: path.join(dir, 'bench.db'), url: postgres?.url });
  const conn: BambooConnection = {
    system: 'bamboohr',
    companyDomain: 'acme',
    baseUrl: `${sandbox.url}/api/gateway.php/acme`,
    auth: { kind: 'apiKey', apiKey: BAMBOOHR_DEFAULTS.apiKeys[0] },
  };
  // Configured as the connection node does it: the HR team's rate limit set to the vendor's limit.
  const client = createHttpClient({
    ...bamboohrHttpOptions(conn),
    rateLimit: { ratePerSecond: RATE, burst: 2 },
    retry: { maxAttempts: 2, maxTotalMs: 5_000 },
  });
  const failures: string[] = [];
  const writer = createWriter({
    store,
    targets: { hris: { api: bamboohr(conn), ctx: { send: (r) => client.request(r) } } },
    schedule: { ...DEFAULT_SCHEDULE, baseDelayMs: 500 },
    policy: defaultPolicy,
    leaseMs: 120_000,
    batchSize: 50,
    concurrency: 8,
    actor: 'bench',
    owner: 'bench',
    onOutcome: (o) => void (o.kind === 'failed' && failures.push(o.error.code)),
    onError: (e) => failures.push(e.code),
  });

  const guids = await Promise.all(Array.from({ length: HIRES }, async () => (await store.createPerson()).guid));
  const started = Date.now();
  const outcomes = await Promise.all(
    guids.map((guid, i) =>
      writer.submit({
        operation: 'create',
        target: 'bamboohr',
        key: idempotencyKeys.create('bamboohr', `person:${guid}`),
        personGuid: guid,
        record: { firstName: 'Bench', lastName: `Hire${i}`, workEmail: `hire${i}@example.com`, hireDate: '2026-12-01' },
      }),
    ),
  );
  // Hires that hit a throttle finish later, from the worker's own retries.
  while (
    (await Promise.all(guids.map((g) => store.getPerson(g)))).some(
      (p) => !p?.links.some((l) => l.system === 'bamboohr'),
    )
  ) {
    if (Date.now() - started > (HIRES * 10_000) / RATE) break;
    await writer.drain();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const elapsedS = (Date.now() - started) / 1000;

  const employees = sandbox.employees();
  const emails = employees.map((e) => e.fields.workEmail);
  const duplicates = emails.length - new Set(emails).size;
  const linked = (await Promise.all(guids.map((g) => store.getPerson(g)))).filter((p) =>
    p?.links.some((l) => l.system === 'bamboohr'),
  ).length;
  const losses = HIRES - new Set(emails).size;
  const rate = employees.length / elapsedS;
  const result = {
    store: STORE.kind,
    postgres: postgres?.durability ?? null,
    limitPerSecond: RATE,
    hires: HIRES,
    created: employees.length,
    linked,
    duplicates,
    losses,
    firstAnswers: {
      done: outcomes.filter((o) => o?.kind === 'done').length,
      retrying: outcomes.filter((o) => o?.kind === 'failed').length,
    },
    throttled: sandbox.requests().length - employees.length - 1,
    failures: failures.length,
    elapsedSeconds: Number(elapsedS.toFixed(2)),
    createsPerSecond: Number(rate.toFixed(2)),
    fractionOfLimit: Number((rate / RATE).toFixed(3)),
    pass: duplicates === 0 && losses === 0 && linked === HIRES && rate / RATE >= 0.95,
  };
  console.log(JSON.stringify(result, null, 2));
  writer.stop();
  client.close();
  await store.close();
  await postgres?.dispose();
  await sandbox.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exitCode = result.pass ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
