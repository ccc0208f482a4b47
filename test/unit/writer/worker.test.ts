import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../../lib/store';
import type { HrisTarget } from '../../../lib/vendors/hris/types';
import type { WriteJob } from '../../../lib/writer/job';
import { DEFAULT_SCHEDULE } from '../../../lib/writer/schedule';
import { createWriter, type WriterOptions } from '../../../lib/writer/worker';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-writer-worker-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshStore = () => openStore({ file: path.join(dir, `s${(n += 1)}.db`) });

/** An HRIS in memory that can be told to hang, to play a worker that dies mid-call. */
function memoryHris(options: { hang?: boolean } = {}) {
  const created: string[] = [];
  const target: HrisTarget = {
    id: 'bamboohr',
    createEmployee: async (record) => {
      if (options.hang) return new Promise(() => undefined);
      created.push(String(record.workEmail));
      return { employeeId: String(created.length) };
    },
    findByWorkEmail: async (email) => (created.includes(email) ? { employeeId: String(created.indexOf(email) + 1), status: 'active' } : null),
    employeeStatus: async () => 'active',
    updateEmployee: async () => undefined,
    workEmail: (r) => r.workEmail as string,
    classify: () => 'fatal',
  };
  return { target, created };
}

function writerFor(store: WriterOptions['store'], target: HrisTarget, leaseMs = 60_000) {
  return createWriter({
    store, targets: { hris: { api: target, ctx: { send: async () => assert.fail('no HTTP here') } } }, schedule: DEFAULT_SCHEDULE, leaseMs,
    batchSize: 10, concurrency: 2, actor: 'test', onOutcome: () => undefined, onError: (e) => assert.fail(e.message),
  });
}

const job = (guid: string, email: string): WriteJob => ({ operation: 'create', target: 'bamboohr', key: `bamboohr:create:person:${guid}`, personGuid: guid, record: { workEmail: email } });

test('an entry held by a worker that died is taken over when its lease runs out, and created once', async () => {
  const store = await freshStore();
  const guid = (await store.createPerson()).guid;
  const dead = writerFor(store, memoryHris({ hang: true }).target, 200);
  void dead.submit(job(guid, 'ana@example.com'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const hris = memoryHris();
  const alive = writerFor(store, hris.target);
  await alive.drain();
  assert.deepEqual(hris.created, [], 'not while the lease holds');
  await new Promise((resolve) => setTimeout(resolve, 250));
  await alive.drain();
  assert.deepEqual(hris.created, ['ana@example.com']);
  assert.equal((await store.getPerson(guid))?.links.find((l) => l.system === 'bamboohr')?.externalId, '1');
  dead.stop();
  await store.close();
});

test('a discarded dead letter frees the operation for a corrected message', async () => {
  const store = await freshStore();
  const guid = (await store.createPerson()).guid;
  const { entry } = await store.enqueue({ idempotencyKey: `bamboohr:create:person:${guid}`, operation: 'create', target: 'bamboohr', payload: job(guid, 'old@example.com'), personGuid: guid });
  await store.claimDue(new Date(), 10, 1);
  await store.deadLetter(entry.id, 'hris.invalid: bad department');
  const hris = memoryHris();
  const writer = writerFor(store, hris.target);
  const stillDead = await writer.submit(job(guid, 'new@example.com'));
  assert.equal(stillDead?.kind === 'failed' && stillDead.dead, true, 'a dead letter is not silently replaced');
  await writer.discardDeadLetter(entry.id, 'hr-ops');
  const outcome = await writer.submit(job(guid, 'new@example.com'));
  assert.equal(outcome?.kind, 'done');
  assert.deepEqual(hris.created, ['new@example.com']);
  await store.close();
});
