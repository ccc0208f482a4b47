import { test, before, after, afterEach, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Node } from 'node-red';
import { helper, nextMessage, collect, settle } from '../support/nodeRed';
import { BAMBOOHR_DEFAULTS, startBambooHr } from '../../sandbox/bamboohr';
import { CHECKR_DEFAULTS, startCheckr } from '../../sandbox/checkr';
import { GREENHOUSE_DEFAULTS, startGreenhouse } from '../../sandbox/greenhouse';
import type { StoreConfigNode } from '../../nodes/common/storeRef';
import type { HrStore } from '../../lib/store/types';
import storeNode = require('../../nodes/hr-store/hr-store');
import atsConnectionNode = require('../../nodes/hr-ats-connection/hr-ats-connection');
import hrisConnectionNode = require('../../nodes/hr-hris-connection/hr-hris-connection');
import forgetNode = require('../../nodes/hr-forget/hr-forget');

const greenhouse = startGreenhouse();
const bamboo = startBambooHr();
const checkr = startCheckr();
const nodes = [storeNode, atsConnectionNode, hrisConnectionNode, forgetNode];
let userDir: string;
let dbFile: string;
let dbCount = 0;

before(async () => {
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-forget-'));
  // A fast worker timer, short backoff and lease, so retries and a resumed plan take moments.
  const settings = { userDir, hrForgetPollMs: 50, hrForgetRetryBaseMs: 100, hrForgetLeaseMs: 300 };
  helper.settings(settings);
  await helper.startServer();
});
after(async () => {
  helper.settings({});
  await helper.stopServer();
  await Promise.all([(await greenhouse).stop(), (await bamboo).stop(), (await checkr).stop()]);
  fs.rmSync(userDir, { recursive: true, force: true });
});
beforeEach(async () => {
  for (const emulator of [await greenhouse, await bamboo, await checkr]) emulator.reset();
  dbFile = `forget-${(dbCount += 1)}.db`;
});
afterEach(() => helper.unload());

async function flow(forget: Record<string, unknown> = {}) {
  return [
    { id: 'store', type: 'hr-store', file: dbFile, secretFields: '', keyEnv: '' },
    {
      id: 'ats',
      type: 'hr-ats-connection',
      vendor: 'greenhouse',
      baseUrl: (await greenhouse).url,
      tokenUrl: `${(await greenhouse).url}/token`,
    },
    {
      id: 'hris',
      type: 'hr-hris-connection',
      system: 'bamboohr',
      companyDomain: 'acme',
      bambooAuth: 'apiKey',
      baseUrl: `${(await bamboo).url}/api/gateway.php/acme`,
      checkrEnabled: true,
      checkrBaseUrl: (await checkr).url,
      checkrPackage: CHECKR_DEFAULTS.packages[0],
    },
    {
      id: 'f',
      type: 'hr-forget',
      store: 'store',
      ats: 'ats',
      hris: 'hris',
      greenhouseMode: 'anonymize',
      wires: [['done'], ['manual'], ['failed']],
      ...forget,
    },
    { id: 'done', type: 'helper' },
    { id: 'manual', type: 'helper' },
    { id: 'failed', type: 'helper' },
    { id: 'c', type: 'catch', scope: ['f'], uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
}

const CREDENTIALS = {
  ats: { ...GREENHOUSE_DEFAULTS.oauthClients[0] } as Record<string, string>,
  hris: { secret: BAMBOOHR_DEFAULTS.apiKeys[0], checkrApiKey: CHECKR_DEFAULTS.apiKeys[0] },
};

async function loadFlow(forget: Record<string, unknown> = {}, ats: Record<string, string> = CREDENTIALS.ats) {
  await helper.load(nodes, await flow(forget), { ...CREDENTIALS, ats });
  const store = await (helper.getNode('store') as StoreConfigNode).acquire();
  const get = (id: string) => helper.getNode(id) as Node;
  return {
    store,
    forget: get('f'),
    done: get('done'),
    manual: get('manual'),
    failed: get('failed'),
    caught: get('caught'),
  };
}

async function checkrCandidate(email: string): Promise<string> {
  const c = await checkr;
  const res = await fetch(`${c.url}/v1/candidates`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${CHECKR_DEFAULTS.apiKeys[0]}:`).toString('base64')}`,
    },
    body: JSON.stringify({
      first_name: 'Ana',
      last_name: 'Silva',
      email,
      work_locations: [{ country: 'US', state: 'NY' }],
    }),
  });
  return ((await res.json()) as { id: string }).id;
}

/** A hired person as the hire flow leaves them: in Greenhouse, an employee in BambooHR, a Checkr candidate. */
async function hiredPerson(store: HrStore, email = 'ana.silva@example.com') {
  const { candidateId } = (await greenhouse).addHire({ firstName: 'Ana', lastName: 'Silva', email });
  const employeeId = (await bamboo).addEmployee({ firstName: 'Ana', lastName: 'Silva', homeEmail: email });
  const checkrId = await checkrCandidate(email);
  const person = await store.createPerson({
    record: { legalName: { first: 'Ana', last: 'Silva' }, emails: [{ address: email, type: 'personal' }] },
    links: [
      { system: 'greenhouse', externalId: String(candidateId) },
      { system: 'bamboohr', externalId: employeeId },
      { system: 'checkr', externalId: checkrId },
    ],
    blockingKeys: [`e:${email}`],
  });
  return { guid: person.guid, candidateId, employeeId, checkrId, email };
}

const erasureCalls = async () =>
  (await greenhouse).requests().filter((r) => r.method === 'DELETE' || r.path.includes('/anonymize'));
const caughtCode = (msg: Record<string, unknown>) => (msg.error as { code?: string } | undefined)?.code;

async function until(check: () => boolean | Promise<boolean>, what: string, limitMs = 10_000) {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await settle(20);
  }
}

test('a data-subject request tombstones the person and erases them in every connected system, BambooHR as a manual step', async () => {
  const { store, forget, done, manual } = await loadFlow();
  const p = await hiredPerson(store);
  const handedOver = nextMessage(manual);
  const finished = nextMessage(done);
  forget.receive({ payload: { guid: p.guid } } as never);
  const summary = (await finished).payload as Record<string, any>;

  assert.equal(summary.status, 'forgotten');
  assert.deepEqual(summary.steps, [
    { system: 'bamboohr', outcome: 'manual', reason: summary.steps[0].reason },
    { system: 'checkr', outcome: 'erased', action: 'removal_requested' },
    { system: 'greenhouse', outcome: 'erased', action: 'anonymized' },
  ]);
  assert.match(summary.steps[0].reason, /BambooHR/);
  const candidate = (await greenhouse).candidate(p.candidateId);
  assert.equal(candidate?.first_name, 'Anonymized', 'Greenhouse anonymised the candidate');
  assert.deepEqual(candidate?.email_addresses, []);
  assert.equal(
    (await checkr).candidates().some((c) => c.id === p.checkrId),
    false,
    'Checkr was asked to remove the candidate',
  );
  assert.equal((await bamboo).employees().length, 1, 'the employee record stays: BambooHR has no deletion');

  const item = await handedOver;
  assert.deepEqual(item.payload, {
    personGuid: p.guid,
    system: 'bamboohr',
    externalId: p.employeeId,
    outcome: summary.steps[0],
  });
  assert.equal((item.alert as Record<string, unknown>).code, 'forget.manual');

  assert.equal(await store.getPerson(p.guid), null);
  assert.equal(await store.isTombstoned({ system: 'greenhouse', externalId: String(p.candidateId) }), true);
  assert.equal(await store.isTombstoned({ email: p.email }), true);
  const audit = JSON.stringify(await store.auditEntries({ personGuid: p.guid }));
  for (const action of ['person.forgotten', 'forget.requested', 'forget.erased', 'forget.manual', 'forget.finished'])
    assert.ok(audit.includes(action), `audited: ${action}`);
  for (const personal of [p.email, String(p.candidateId), p.checkrId, 'Silva'])
    assert.ok(!audit.includes(personal), `the audit log holds no ${personal}`);
  assert.equal(
    (await store.getByIdempotencyKey(`forget:${p.guid}`))?.payload,
    null,
    'the plan with the external ids is erased once done',
  );
});

test("a candidate.deleted event from Greenhouse is not sent back to Greenhouse, and the trigger's event is marked done", async () => {
  const { store, forget, done } = await loadFlow();
  const p = await hiredPerson(store);
  await store.recordEvent({
    eventId: 'del-1',
    source: 'greenhouse',
    type: 'candidate.deleted',
    receivedAt: new Date(),
    payload: {},
  });
  const finished = nextMessage(done);
  forget.receive({
    payload: {
      type: 'candidate.deleted',
      system: 'greenhouse',
      candidateId: String(p.candidateId),
      eventId: 'del-1',
      occurredAt: new Date().toISOString(),
    },
    event: { id: 'del-1', vendor: 'greenhouse', type: 'candidate.deleted' },
  } as never);
  const summary = (await finished).payload as Record<string, any>;
  assert.deepEqual(
    summary.steps.find((s: { system: string }) => s.system === 'greenhouse'),
    { system: 'greenhouse', outcome: 'deleted_at_source' },
  );
  assert.deepEqual(await erasureCalls(), [], 'nothing was sent to Greenhouse');
  assert.deepEqual(await store.pendingEvents(), [], 'the trigger will not emit the event again after a restart');
});

test('the same request delivered again propagates nothing a second time', async () => {
  const { store, forget, done } = await loadFlow({ greenhouseMode: 'delete' });
  const p = await hiredPerson(store);
  const seen = collect(done);
  forget.receive({ payload: { system: 'greenhouse', externalId: String(p.candidateId) } } as never);
  await until(() => seen.length === 1, 'the first summary');
  forget.receive({ payload: { system: 'greenhouse', externalId: String(p.candidateId) } } as never);
  forget.receive({ payload: { guid: p.guid } } as never);
  await until(() => seen.length === 3, 'the answers to the repeats');
  assert.deepEqual(
    seen.slice(1).map((m) => (m.payload as Record<string, unknown>).status),
    ['already_forgotten', 'already_forgotten'],
  );
  assert.equal((await erasureCalls()).length, 1, 'Greenhouse got one deletion');
  assert.equal((await greenhouse).candidate(p.candidateId), undefined, 'deleted in Greenhouse');
  assert.equal((await checkr).requests().filter((r) => r.method === 'DELETE').length, 1);
});

test('Node-RED stopping during a deletion call, and starting again, completes the deletion once', async () => {
  let loaded = await loadFlow();
  const p = await hiredPerson(loaded.store);
  // Greenhouse carries the anonymisation out but holds its answer while the flow is stopped.
  (await greenhouse).injectFault({ kind: 'delay', delayMs: 3_000, path: '/anonymize' });
  const stranded = collect(loaded.done);
  loaded.forget.receive({ payload: { guid: p.guid } } as never);
  await until(
    async () => (await greenhouse).candidate(p.candidateId)?.first_name === 'Anonymized',
    'Greenhouse to receive the call',
  );
  await helper.unload();
  assert.deepEqual(stranded, []);

  loaded = await loadFlow();
  const seen = collect(loaded.done);
  await until(() => seen.length === 1, 'the resumed deletion to finish');
  const summary = seen[0].payload as Record<string, any>;
  assert.equal(summary.status, 'forgotten');
  assert.deepEqual(
    summary.steps.map((s: { system: string; outcome: string }) => `${s.system}:${s.outcome}`),
    ['bamboohr:manual', 'checkr:erased', 'greenhouse:erased'],
  );
  await settle(300);
  assert.equal(seen.length, 1, 'one summary');
  assert.equal(
    (await checkr).requests().filter((r) => r.method === 'DELETE').length,
    1,
    'Checkr, done before the stop, is not called again',
  );
  const calls = (await erasureCalls()).length;
  assert.ok(
    calls >= 1 && calls <= 2,
    `Greenhouse is called at most once more, for the answer it never gave (${calls} calls)`,
  );
  assert.equal(await loaded.store.getPerson(p.guid), null);
});

test('a deletion Greenhouse cannot take now is retried later, then reported once', async () => {
  const { store, forget, done } = await loadFlow();
  const p = await hiredPerson(store);
  (await greenhouse).injectFault({ kind: 'unavailable', retryAfterSeconds: 0, times: 2, path: '/anonymize' });
  const seen = collect(done);
  forget.receive({ payload: { guid: p.guid } } as never);
  await until(() => seen.length === 1, 'the summary after the retries');
  assert.equal((seen[0].payload as Record<string, any>).steps[2].outcome, 'erased');
  assert.equal((await greenhouse).candidate(p.candidateId)?.first_name, 'Anonymized');
  await settle(300);
  assert.equal(seen.length, 1);
});

test('a refused deletion goes to the failure output with the record to erase by hand', async () => {
  const { store, forget, failed } = await loadFlow({}, { ...CREDENTIALS.ats, clientSecret: 'not-the-secret' });
  const p = await hiredPerson(store);
  const seen = collect(failed);
  forget.receive({ payload: { guid: p.guid } } as never);
  await until(() => seen.length === 2, 'the failed step and the summary');
  const [step, summary] = seen;
  assert.equal((step.payload as Record<string, any>).externalId, String(p.candidateId));
  assert.equal((step.payload as Record<string, any>).outcome.code, 'forget.auth');
  assert.equal((step.alert as Record<string, unknown>).severity, 'error');
  assert.equal((summary.payload as Record<string, any>).personGuid, p.guid);
});

test('an ATS connection with a retired Harvest v1 key sends nothing to Greenhouse and hands the erasure to a person', async () => {
  const { store, forget, failed } = await loadFlow({}, { apiKey: 'a-harvest-v1-key' });
  const p = await hiredPerson(store);
  const before = (await erasureCalls()).length;
  const seen = collect(failed);
  forget.receive({ payload: { guid: p.guid } } as never);
  await until(() => seen.length === 2, 'the failed step and the summary');
  assert.equal((seen[0].payload as Record<string, any>).outcome.code, 'greenhouse.v1_retired');
  assert.equal((await erasureCalls()).length, before, 'no call reached Greenhouse');
  assert.notEqual((await greenhouse).candidate(p.candidateId)?.first_name, 'Anonymized');
});

test('a person found by e-mail address is forgotten; an unknown person is a clear error and nothing is sent', async () => {
  const { store, forget, done, caught } = await loadFlow();
  const p = await hiredPerson(store, 'dora.d@example.com');
  const finished = nextMessage(done);
  forget.receive({ payload: { email: 'Dora.D@example.com' } } as never);
  assert.equal(((await finished).payload as Record<string, unknown>).personGuid, p.guid);

  const before = (await greenhouse).requests().length;
  const error = nextMessage(caught);
  forget.receive({ payload: { system: 'greenhouse', externalId: '424242' } } as never);
  assert.equal(caughtCode(await error), 'forget.person_unknown');
  const wrong = nextMessage(caught);
  forget.receive({ payload: 'Ana Silva' } as never);
  assert.equal(caughtCode(await wrong), 'forget.request_invalid');
  assert.equal((await greenhouse).requests().length, before);
});

test('Greenhouse deleting a candidate the store never held is finished quietly, and stays deleted: a later hire for them is refused', async () => {
  const { store, forget, done, caught } = await loadFlow();
  const errors = collect(caught);
  await store.recordEvent({
    eventId: 'del-9',
    source: 'greenhouse',
    type: 'candidate.deleted',
    receivedAt: new Date(),
    payload: {},
  });
  const finished = nextMessage(done);
  forget.receive({
    payload: {
      type: 'candidate.deleted',
      system: 'greenhouse',
      candidateId: '999',
      eventId: 'del-9',
      occurredAt: new Date().toISOString(),
      person: { emails: [{ address: 'Nia.Okafor@example.com', type: 'personal' }] },
    },
    event: { id: 'del-9', vendor: 'greenhouse', type: 'candidate.deleted' },
  } as never);
  assert.equal(((await finished).payload as Record<string, unknown>).status, 'not_held');
  assert.deepEqual(await store.pendingEvents(), []);
  assert.deepEqual(errors, []);
  assert.deepEqual((await greenhouse).requests(), []);
  assert.equal(await store.isTombstoned({ system: 'greenhouse', externalId: '999' }), true);
  assert.equal(await store.isTombstoned({ email: 'nia.okafor@example.com' }), true);
  await assert.rejects(
    store.createPerson({ links: [{ system: 'greenhouse', externalId: '999' }] }),
    /forgotten|tombstone/i,
  );
});
