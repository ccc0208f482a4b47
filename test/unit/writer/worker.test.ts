import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type HrStore, type StoreOptions } from '../../../lib/store';
import { HttpError } from '../../../lib/http';
import { defaultPolicy } from '../../../lib/dictionary/defaultPolicy';
import { classifyHttpFailure } from '../../../lib/vendors/hris/classify';
import type { HrisTarget } from '../../../lib/vendors/hris/types';
import type { HrisSystem } from '../../../lib/model/systems';
import type { Outcome } from '../../../lib/writer/job';
import type { WriteJob } from '../../../lib/writer/job';
import { DEFAULT_SCHEDULE } from '../../../lib/outbox/schedule';
import { createWriter, type WriterOptions } from '../../../lib/writer/worker';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-writer-worker-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshStore = (options: Omit<StoreOptions, 'file'> = {}) =>
  openStore({ file: path.join(dir, `s${(n += 1)}.db`), ...options });

/** An HRIS in memory that can be told to hang, to play a worker that dies mid-call. */
function memoryHris(options: { hang?: boolean; id?: HrisSystem } = {}) {
  const created: string[] = [];
  const target: HrisTarget = {
    id: options.id ?? 'bamboohr',
    searchesByEmail: true,
    createEmployee: async (record) => {
      if (options.hang) return new Promise(() => undefined);
      created.push(String(record.workEmail));
      return { employeeId: String(created.length) };
    },
    findByWorkEmail: async (email) =>
      created.includes(email) ? { employeeId: String(created.indexOf(email) + 1), status: 'active' } : null,
    employeeStatus: async () => 'active',
    updateEmployee: async () => undefined,
    workEmail: (r) => r.workEmail as string,
    classify: () => 'fatal',
  };
  return { target, created };
}

/** A writer node's worker; the same owner on two workers plays one flow running on two instances. */
function writerFor(store: WriterOptions['store'], target: HrisTarget, leaseMs = 60_000, owner = 'writer-1') {
  return createWriter({
    store,
    targets: { hris: { api: target, ctx: { send: async () => assert.fail('no HTTP here') } } },
    schedule: DEFAULT_SCHEDULE,
    leaseMs,
    batchSize: 10,
    concurrency: 2,
    actor: 'test',
    owner,
    policy: defaultPolicy,
    onOutcome: () => undefined,
    onError: (e) => assert.fail(e.message),
  });
}

const job = (guid: string, email: string): WriteJob => ({
  operation: 'create',
  target: 'bamboohr',
  key: `bamboohr:create:person:${guid}`,
  personGuid: guid,
  record: { workEmail: email },
});

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

/**
 * The store as an instance sees it that another instance always beats to the claim. `submitted`
 * resolves when a submit has queued its entry and read it back (its last step before waiting).
 */
function outpaced(store: HrStore): { store: HrStore; submitted: Promise<void> } {
  let onLookup!: () => void;
  const submitted = new Promise<void>((resolve) => {
    onLookup = resolve;
  });
  const seen = new Proxy(store, {
    get(target, prop) {
      if (prop === 'claimDue') return async () => [];
      if (prop === 'getByIdempotencyKey') {
        return async (key: string) => {
          const entry = await target.getByIdempotencyKey(key);
          onLookup();
          return entry;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: seen, submitted };
}

test('writers sharing a store each run only their own entries, with their own targets', async () => {
  const store = await freshStore();
  const [ana, bo] = [(await store.createPerson()).guid, (await store.createPerson()).guid];
  const bamboo = memoryHris();
  const hibob = memoryHris({ id: 'hibob' });
  const hibobJob: WriteJob = { ...job(bo, 'bo@example.com'), target: 'hibob', key: `hibob:create:person:${bo}` };
  const elsewhere = outpaced(store);
  const queued = writerFor(elsewhere.store, hibob.target, 60_000, 'writer-hibob');
  void queued.submit(hibobJob);
  await elsewhere.submitted;
  const bambooWriter = writerFor(store, bamboo.target, 60_000, 'writer-bamboo');
  assert.equal((await bambooWriter.submit(job(ana, 'ana@example.com')))?.kind, 'done');
  await bambooWriter.drain();
  assert.deepEqual(bamboo.created, ['ana@example.com'], 'the HiBob hire is not sent to BambooHR');
  assert.deepEqual(await bambooWriter.counts(), { pending: 0, done: 1, dead: 0, discarded: 0 });
  const hibobWriter = writerFor(store, hibob.target, 60_000, 'writer-hibob');
  await hibobWriter.drain();
  assert.deepEqual(hibob.created, ['bo@example.com']);
  assert.deepEqual(await hibobWriter.counts(), { pending: 0, done: 1, dead: 0, discarded: 0 });
  queued.stop();
  await store.close();
});

test('a message waiting for an entry that another instance ran is answered from its stored outcome', async () => {
  const store = await freshStore();
  const guid = (await store.createPerson()).guid;
  const outrun = outpaced(store);
  const here = writerFor(outrun.store, memoryHris().target);
  const waiting = here.submit(job(guid, 'ana@example.com'));
  await outrun.submitted;
  await here.settleWaiting();
  assert.equal(
    await Promise.race([waiting, Promise.resolve('still waiting')]),
    'still waiting',
    'not before the entry has an outcome',
  );
  const hris = memoryHris();
  await writerFor(store, hris.target).drain();
  assert.deepEqual(hris.created, ['ana@example.com']);
  await here.settleWaiting();
  const outcome = await waiting;
  assert.equal(outcome?.kind, 'done');
  assert.equal(outcome?.kind === 'done' && outcome.result.employeeId, '1');
  await store.close();
});

test('a discarded dead letter frees the operation for a corrected message', async () => {
  const store = await freshStore();
  const guid = (await store.createPerson()).guid;
  const { entry } = await store.enqueue({
    idempotencyKey: `bamboohr:create:person:${guid}`,
    operation: 'create',
    target: 'bamboohr',
    payload: job(guid, 'old@example.com'),
    personGuid: guid,
  });
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

/** A target with no way to look anyone up (a generic API without lookup URLs) whose first create fails as told. */
function blindHris(firstFailure: HttpError) {
  let calls = 0;
  const target: HrisTarget = {
    id: 'generic',
    searchesByEmail: false,
    createEmployee: async () => {
      calls += 1;
      if (calls === 1) throw firstFailure;
      return { employeeId: `E-${calls}` };
    },
    findByWorkEmail: async () => null,
    employeeStatus: async () => 'unknown',
    updateEmployee: async () => undefined,
    workEmail: () => undefined,
    classify: classifyHttpFailure,
  };
  return { target, calls: () => calls };
}

const failure = (maybeDelivered: boolean) =>
  new HttpError(maybeDelivered ? 'http.timeout' : 'http.rate_limited', 'POST /employees failed', {
    method: 'POST',
    url: '/employees',
    retryable: true,
    attempts: 1,
    maybeDelivered,
    status: maybeDelivered ? undefined : 429,
  });

async function twoAttempts(first: HttpError) {
  let clock = Date.now();
  // The store stamps entries by the writer's clock: were a millisecond to pass between the two, a new
  // entry would look scheduled for later and the submit would not wait for its first attempt.
  const store = await freshStore({ clock: () => new Date(clock) });
  const guid = (await store.createPerson()).guid;
  const hris = blindHris(first);
  const outcomes: Outcome[] = [];
  const writer = createWriter({
    store,
    targets: { hris: { api: hris.target, ctx: { send: async () => assert.fail('no HTTP here') } } },
    schedule: DEFAULT_SCHEDULE,
    leaseMs: 60_000,
    batchSize: 10,
    concurrency: 1,
    actor: 'test',
    owner: 'writer-1',
    policy: defaultPolicy,
    now: () => clock,
    onOutcome: (o) => outcomes.push(o),
    onError: (e) => assert.fail(e.message),
  });
  const firstOutcome = await writer.submit({
    ...job(guid, ''),
    target: 'generic',
    key: `generic:create:person:${guid}`,
    record: { name: 'Ana' },
  });
  assert.equal(firstOutcome?.kind === 'failed' && firstOutcome.retrying, true);
  clock += 2 * 3_600_000;
  await writer.drain();
  await store.close();
  return { second: outcomes[0], creates: hris.calls() };
}

test('a create that may have succeeded, on a target that cannot look it up, becomes a dead letter instead of a second attempt', async () => {
  const { second, creates } = await twoAttempts(failure(true));
  assert.equal(creates, 1, 'not sent again');
  assert.equal(second?.kind === 'failed' && second.dead, true);
  assert.equal(second?.kind === 'failed' && second.error.code, 'hris.outcome_unknown');
});

test('a create the vendor refused without acting on it (429) is sent again, even where nothing can be looked up', async () => {
  const { second, creates } = await twoAttempts(failure(false));
  assert.equal(creates, 2);
  assert.equal(second?.kind, 'done');
});
