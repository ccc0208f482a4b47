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
import { PERSONIO_DEFAULTS, startPersonio } from '../../sandbox/personio';
import type { StoreConfigNode } from '../../nodes/common/storeRef';
import storeNode = require('../../nodes/hr-store/hr-store');
import connectionNode = require('../../nodes/hr-hris-connection/hr-hris-connection');
import writerNode = require('../../nodes/hr-hris-writer/hr-hris-writer');
import dictionaryNode = require('../../nodes/hr-dictionary/hr-dictionary');
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';

const API_KEY = BAMBOOHR_DEFAULTS.apiKeys[0];
const ATS_CLIENT = GREENHOUSE_DEFAULTS.oauthClients[0];
const ATS_KEY = ATS_CLIENT.clientSecret;
const SSN = '123-45-6789';
const bamboo = startBambooHr();
const greenhouse = startGreenhouse();
const personio = startPersonio();
const checkr = startCheckr();
const nodes = [storeNode, connectionNode, writerNode];
let userDir: string;
let dbFile: string;

before(async () => {
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-hris-writer-'));
  // Fast worker timer, short backoff and lease, so retries and crash recovery take moments.
  const settings = { userDir, hrHrisWriterPollMs: 50, hrHrisWriterRetryBaseMs: 200, hrHrisWriterLeaseMs: 500 };
  helper.settings(settings);
  await helper.startServer();
});
after(async () => {
  helper.settings({});
  await helper.stopServer();
  await Promise.all([(await bamboo).stop(), (await greenhouse).stop(), (await personio).stop(), (await checkr).stop()]);
  fs.rmSync(userDir, { recursive: true, force: true });
});
let dbCount = 0;
beforeEach(async () => {
  (await bamboo).reset();
  dbFile = `writer-${(dbCount += 1)}.db`;
});
afterEach(() => helper.unload());

interface Options {
  writer?: Record<string, unknown>;
  apiKey?: string;
  writeBack?: boolean;
  /** Fields replacing the BambooHR connection's, e.g. another HRIS. */
  connection?: Record<string, unknown>;
  credentials?: Record<string, string>;
  /** A data dictionary deployed beside the writer (id 'dict'). */
  dictionary?: unknown;
}

async function loadFlow(options: Options = {}) {
  const connection = {
    id: 'conn',
    type: 'hr-hris-connection',
    system: 'bamboohr',
    companyDomain: 'acme',
    bambooAuth: 'apiKey',
    baseUrl: `${(await bamboo).url}/api/gateway.php/acme`,
    rateLimit: 50,
    atsSystem: options.writeBack === false ? 'none' : 'greenhouse',
    atsBaseUrl: (await greenhouse).url,
    atsTokenUrl: `${(await greenhouse).url}/token`,
    atsActAs: String(GREENHOUSE_DEFAULTS.userIds[0]),
    atsField: 'employee_id',
    ...options.connection,
  };
  const flow = [
    ...(options.dictionary ? [{ id: 'dict', type: 'hr-dictionary', dictionary: options.dictionary }] : []),
    { id: 'store', type: 'hr-store', file: dbFile, secretFields: '', keyEnv: '' },
    connection,
    {
      id: 'w',
      type: 'hr-hris-writer',
      connection: 'conn',
      store: 'store',
      operation: 'create',
      writeBack: true,
      dryRun: false,
      maxAttempts: 10,
      maxAgeHours: 24,
      wires: [['ok'], ['failed'], ['rehire']],
      ...options.writer,
    },
    { id: 'ok', type: 'helper' },
    { id: 'failed', type: 'helper' },
    { id: 'rehire', type: 'helper' },
    { id: 'c', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
  await helper.load(options.dictionary ? [dictionaryNode, ...nodes] : nodes, flow as never, {
    conn: {
      secret: options.apiKey ?? API_KEY,
      atsClientId: ATS_CLIENT.clientId,
      atsClientSecret: ATS_KEY,
      ...options.credentials,
    },
  });
  return {
    writer: helper.getNode('w'),
    ok: helper.getNode('ok'),
    failed: helper.getNode('failed'),
    rehire: helper.getNode('rehire'),
  };
}

let hireCount = 0;
async function hire(overrides: Record<string, unknown> = {}) {
  hireCount += 1;
  const { candidateId, applicationId } = (await greenhouse).addHire({
    firstName: 'Ana',
    lastName: `Silva${hireCount}`,
  });
  return {
    payload: {
      firstName: 'Ana',
      lastName: `Silva${hireCount}`,
      workEmail: `ana${hireCount}@example.com`,
      hireDate: '2026-01-05',
      ssn: SSN,
      ...overrides,
    },
    sourceIds: { system: 'greenhouse', candidateId: String(candidateId), applicationId: String(applicationId) },
    candidateId,
  };
}

type Spied = Node &
  Record<
    'log' | 'warn' | 'error' | 'status',
    { getCalls(): Array<{ args: unknown[] }>; lastCall: { args: [{ fill: string; text: string }] } }
  >;

/** Nothing the node said or sent carries a key, a Basic credential or an SSN. */
function assertNoSecrets(writer: Node, ...messages: unknown[]) {
  const spied = writer as Spied;
  const said = (['log', 'warn', 'error', 'status'] as const).flatMap((m) => spied[m].getCalls().map((c) => c.args));
  const text = JSON.stringify([said, messages]);
  for (const secret of [API_KEY, ATS_KEY, Buffer.from(`${API_KEY}:x`).toString('base64'), SSN])
    assert.ok(!text.includes(secret), `a secret leaked: ${secret}`);
}

const employees = async () => (await bamboo).employees();
const hrisOf = (msg: Record<string, unknown>) => msg.hris as Record<string, any>;

async function until(check: () => boolean | Promise<boolean>, what: string, limitMs = 10_000) {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await settle(20);
  }
}

test('one hire becomes one employee, and the employee id is written back to the Greenhouse candidate', async () => {
  const { writer, ok } = await loadFlow();
  const h = await hire();
  const out = nextMessage(ok);
  writer.receive({ payload: h.payload, sourceIds: h.sourceIds, topic: 'hire' } as never);
  const msg = await out;
  const [created] = await employees();
  assert.equal((await employees()).length, 1);
  assert.deepEqual(
    { ...hrisOf(msg) },
    { system: 'bamboohr', operation: 'create', attempts: 1, employeeId: created.id },
  );
  assert.equal(msg.topic, 'hire', 'the message is passed on');
  const ats = await greenhouse;
  await until(() => ats.candidate(h.candidateId)?.custom_fields.employee_id === created.id, 'the write-back');
  assertNoSecrets(writer, msg);
});

test('the same hire delivered three times at once, and once more later, creates one employee', async () => {
  const { writer, ok } = await loadFlow({ writeBack: false });
  const h = await hire();
  const seen = collect(ok);
  for (let i = 0; i < 3; i += 1)
    writer.receive({
      payload: h.payload,
      sourceIds: h.sourceIds,
      event: { source: 'greenhouse', eventId: `delivery-${i}` },
    } as never);
  await until(() => seen.length === 3, 'three answers');
  writer.receive({ payload: h.payload, sourceIds: h.sourceIds } as never);
  await until(() => seen.length === 4, 'the fourth answer');
  assert.equal((await employees()).length, 1);
  assert.deepEqual(new Set(seen.map((m) => hrisOf(m).employeeId)), new Set([(await employees())[0].id]));
});

test('while BambooHR throttles (429 with Retry-After) the hire waits in the outbox and is created once, later', async () => {
  const { writer, ok, failed } = await loadFlow({ writeBack: false });
  (await bamboo).injectFault({
    kind: 'throttle',
    retryAfterSeconds: 1,
    method: 'POST',
    path: '/v1/employees',
    times: 3,
  });
  const h = await hire();
  const retrying = nextMessage(failed);
  const created = nextMessage(ok, 15_000);
  writer.receive({ payload: h.payload, sourceIds: h.sourceIds } as never);
  const first = hrisOf(await retrying);
  assert.equal(first.retrying, true);
  assert.equal(first.error.code, 'hris.unavailable');
  assert.ok(Date.parse(first.nextAttemptAt) - Date.now() >= 0);
  const done = hrisOf(await created);
  assert.equal(done.attempts, 2);
  assert.equal((await employees()).length, 1);
});

test('an employee created whose answer was lost is found on the retry: still one employee', async () => {
  const { writer, ok } = await loadFlow({ writeBack: false });
  (await bamboo).injectFault({ kind: 'lost_response', method: 'POST', path: '/v1/employees' });
  const h = await hire();
  const created = nextMessage(ok, 15_000);
  writer.receive({ payload: h.payload, sourceIds: h.sourceIds } as never);
  const msg = hrisOf(await created);
  assert.equal(msg.recovered, true);
  assert.equal((await employees()).length, 1);
  assert.equal(msg.employeeId, (await employees())[0].id);
});

test('a flow stopped while the create is in flight completes the write once after it starts again', async () => {
  (await bamboo).injectFault({ kind: 'delay', delayMs: 2_000, method: 'POST', path: '/v1/employees' });
  const { writer } = await loadFlow({ writeBack: false });
  const h = await hire();
  writer.receive({ payload: h.payload, sourceIds: h.sourceIds } as never);
  await until(async () => (await bamboo).requests().some((r) => r.method === 'POST'), 'the create to reach BambooHR');
  await helper.unload();
  const { ok } = await loadFlow({ writeBack: false });
  const msg = hrisOf(await nextMessage(ok, 15_000));
  assert.equal(msg.recovered, true);
  assert.equal((await employees()).length, 1);
  assert.equal(
    (await bamboo).requests().filter((r) => r.method === 'POST' && r.path.endsWith('/v1/employees')).length,
    1,
    'the create was not sent again',
  );
});

test('a hire without a work email whose create answer was lost is found by its recovery key: still one employee', async () => {
  const { writer, ok } = await loadFlow({ writeBack: false });
  (await bamboo).injectFault({ kind: 'lost_response', method: 'POST', path: '/v1/employees' });
  const h = await hire({ homeEmail: 'ana.home@example.com' });
  const { workEmail: _none, ...payload } = h.payload;
  const created = nextMessage(ok, 15_000);
  writer.receive({ payload, sourceIds: h.sourceIds } as never);
  const msg = hrisOf(await created);
  assert.equal(msg.recovered, true);
  const [only, ...others] = await employees();
  assert.deepEqual(others, []);
  assert.equal(msg.employeeId, only.id);
  assert.match(only.fields.employeeNumber, /^hr-[0-9a-f]{20}$/, 'the key the writer stamped');
});

test('a former employee with the same work email, linked to nobody, goes to the rehire output', async () => {
  const { writer, rehire } = await loadFlow({ writeBack: false });
  const h = await hire();
  const formerId = (await bamboo).addEmployee(
    { firstName: 'Ana', lastName: 'Silva', workEmail: h.payload.workEmail },
    'Inactive',
  );
  const out = nextMessage(rehire);
  writer.receive({ payload: h.payload, sourceIds: h.sourceIds } as never);
  const result = hrisOf(await out);
  assert.equal(result.employeeId, formerId);
  assert.equal(result.rehire, true);
  assert.equal((await employees()).length, 1);
});

test('Personio: a person whose employment ended goes to the rehire output instead of getting a second record', async () => {
  const client = PERSONIO_DEFAULTS.clients[0];
  const { writer, rehire } = await loadFlow({
    writeBack: false,
    connection: { system: 'personio', baseUrl: (await personio).url },
    credentials: { clientId: client.clientId, clientSecret: client.clientSecret },
  });
  const formerId = (await personio).addPerson({
    first_name: 'Ana',
    last_name: 'Silva',
    email: 'ana.personio@example.com',
    employments: [{ status: 'INACTIVE' }],
  });
  const store = await (helper.getNode('store') as StoreConfigNode).acquire();
  const person = await store.createPerson({ links: [{ system: 'personio', externalId: formerId }] });
  const out = nextMessage(rehire);
  writer.receive({ payload: { first_name: 'Ana', last_name: 'Silva' }, person: { guid: person.guid } } as never);
  const result = hrisOf(await out);
  assert.equal(result.employeeId, formerId);
  assert.equal(result.rehire, true);
  assert.equal((await personio).persons().length, 1);
});

test('two writers with different HRIS connections on one store each create only their own hires', async () => {
  const client = PERSONIO_DEFAULTS.clients[0];
  const flow = [
    { id: 'store', type: 'hr-store', file: dbFile, secretFields: '', keyEnv: '' },
    {
      id: 'bambooConn',
      type: 'hr-hris-connection',
      system: 'bamboohr',
      companyDomain: 'acme',
      bambooAuth: 'apiKey',
      baseUrl: `${(await bamboo).url}/api/gateway.php/acme`,
      rateLimit: 50,
      atsSystem: 'none',
    },
    {
      id: 'personioConn',
      type: 'hr-hris-connection',
      system: 'personio',
      baseUrl: (await personio).url,
      rateLimit: 50,
      atsSystem: 'none',
    },
    // Not named like a system: Node-RED takes a config property equal to a node id for a reference to it.
    ...(['bamboo', 'personio'] as const).map((name) => ({
      id: `${name}Writer`,
      type: 'hr-hris-writer',
      connection: `${name}Conn`,
      store: 'store',
      operation: 'create',
      writeBack: false,
      dryRun: false,
      maxAttempts: 10,
      maxAgeHours: 24,
      wires: [[`${name}Ok`], [`${name}Failed`], []],
    })),
    ...['bambooOk', 'bambooFailed', 'personioOk', 'personioFailed'].map((id) => ({ id, type: 'helper' })),
  ];
  await helper.load(nodes, flow, {
    bambooConn: { secret: API_KEY },
    personioConn: { clientId: client.clientId, clientSecret: client.clientSecret },
  });
  const [bambooOk, personioOk] = [collect(helper.getNode('bambooOk')), collect(helper.getNode('personioOk'))];
  const failures = [collect(helper.getNode('bambooFailed')), collect(helper.getNode('personioFailed'))];
  const personiosBefore = (await personio).persons().length;
  for (let i = 0; i < 3; i += 1) {
    const [b, p] = [await hire(), await hire()];
    helper.getNode('bambooWriter').receive({ payload: b.payload, sourceIds: b.sourceIds } as never);
    helper.getNode('personioWriter').receive({
      payload: { first_name: 'Pia', last_name: p.payload.lastName, email: p.payload.workEmail },
      sourceIds: p.sourceIds,
    } as never);
  }
  await until(() => bambooOk.length === 3 && personioOk.length === 3, 'three hires from each writer');
  assert.deepEqual(failures, [[], []]);
  assert.deepEqual(
    (await employees()).map((e) => e.fields.firstName),
    ['Ana', 'Ana', 'Ana'],
    'no Personio hire reached BambooHR',
  );
  assert.deepEqual(
    (await personio)
      .persons()
      .slice(personiosBefore)
      .map((p) => p.first_name),
    ['Pia', 'Pia', 'Pia'],
    'no BambooHR hire reached Personio',
  );
  assert.deepEqual(
    bambooOk.map((m) => hrisOf(m).system),
    ['bamboohr', 'bamboohr', 'bamboohr'],
  );
  assert.deepEqual(
    personioOk.map((m) => hrisOf(m).system),
    ['personio', 'personio', 'personio'],
  );
});

test('a "consider" check result is recorded once on the person and in the Greenhouse candidate field', async () => {
  const checkrUrl = (await checkr).url;
  const { writer, ok } = await loadFlow({
    writer: { operation: 'check' },
    connection: {
      checkrEnabled: true,
      checkrBaseUrl: checkrUrl,
      checkrPackage: CHECKR_DEFAULTS.packages[0],
      checkrCountry: 'US',
      checkrState: 'CA',
      atsCheckField: 'background_check',
    },
    credentials: { checkrApiKey: CHECKR_DEFAULTS.apiKeys[0] },
  });
  const h = await hire();
  const ordered = nextMessage(ok);
  writer.receive({
    person: {
      legalName: { first: 'Ana', last: 'Silva' },
      emails: [{ address: 'ana.home@example.com', type: 'personal' }],
    },
    sourceIds: h.sourceIds,
  } as never);
  const { check } = hrisOf(await ordered);
  const report = (await checkr).completeReport({ invitationId: check.invitationId, result: 'consider' }).body.data
    .object;
  const event = {
    type: 'check.completed',
    eventId: 'report.completed:e1',
    system: 'checkr',
    occurredAt: report.completed_at,
    check: {
      provider: 'checkr',
      candidateId: report.candidate_id,
      reportId: report.id,
      status: 'complete',
      result: 'consider',
      package: report.package,
      completedAt: report.completed_at,
    },
  };
  const recorded = collect(ok);
  writer.receive({ operation: 'checkResult', payload: event } as never);
  writer.receive({ operation: 'checkResult', payload: event } as never);
  await until(() => recorded.length === 2, 'both deliveries answered');
  assert.deepEqual(hrisOf(recorded[0]).checkResult, {
    provider: 'checkr',
    reportId: report.id,
    result: 'consider',
    ats: 'greenhouse',
  });
  assert.equal(
    (await greenhouse).candidate(h.candidateId)?.custom_fields.background_check,
    `consider (checkr report ${report.id})`,
  );
  assert.equal(
    (await greenhouse).requests().filter((r) => r.method === 'PATCH' && r.path === `/v3/candidates/${h.candidateId}`)
      .length,
    1,
    'written once',
  );
  const store = await (helper.getNode('store') as StoreConfigNode).acquire();
  const guid = (await store.findByExternalId('checkr', report.candidate_id))!;
  assert.deepEqual((await store.getProvenance(guid))['backgroundCheck.result'].value, {
    result: 'consider',
    reportId: report.id,
  });
  assert.equal(
    (await store.auditEntries({ personGuid: guid })).filter((e) => e.action === 'hris.checkResult').length,
    1,
  );
});

test('a check for a US office whose state cannot be read is held with what to fill in; the office table gets it ordered', async () => {
  const checkrUrl = (await checkr).url;
  const checkrConnection = {
    checkrEnabled: true,
    checkrBaseUrl: checkrUrl,
    checkrPackage: CHECKR_DEFAULTS.packages[0],
    checkrCountry: 'US',
    checkrState: '',
  };
  const person = {
    legalName: { first: 'Ana', last: 'Silva' },
    emails: [{ address: 'ana.chicago@example.com', type: 'personal' }],
  };
  const canonical = { job: { office: { name: 'Chicago Loop', location: 'Chicago, USA' } } };
  const invitationsBefore = (await checkr).invitations().length;
  const held = await loadFlow({
    writer: { operation: 'check' },
    writeBack: false,
    connection: checkrConnection,
    credentials: { checkrApiKey: CHECKR_DEFAULTS.apiKeys[0] },
  });
  const h = await hire();
  const failedMsg = nextMessage(held.failed);
  held.writer.receive({ person, canonical, sourceIds: h.sourceIds } as never);
  const error = hrisOf(await failedMsg).error;
  assert.equal(error.code, 'checkr.state_missing');
  assert.match(error.message, /Chicago Loop = US, <state>, <city>/);
  assert.equal((await checkr).invitations().length, invitationsBefore, 'nothing ordered without the state');
  await helper.unload();

  dbFile = `writer-${(dbCount += 1)}.db`;
  const fixed = await loadFlow({
    writer: { operation: 'check' },
    writeBack: false,
    connection: { ...checkrConnection, checkrOffices: 'Chicago Loop = US, IL, Chicago' },
    credentials: { checkrApiKey: CHECKR_DEFAULTS.apiKeys[0] },
  });
  const ordered = nextMessage(fixed.ok);
  fixed.writer.receive({ person, canonical, sourceIds: h.sourceIds } as never);
  const { check } = hrisOf(await ordered);
  assert.deepEqual((await checkr).invitations().find((i) => i.id === check.invitationId)?.work_locations, [
    { country: 'US', state: 'IL', city: 'Chicago' },
  ]);
});

test("a record BambooHR refuses fails at once with BambooHR's own message", async () => {
  const { writer, failed } = await loadFlow({ writeBack: false });
  const h = await hire({ shoeSize: '42' });
  const out = nextMessage(failed);
  writer.receive({ payload: h.payload, sourceIds: h.sourceIds } as never);
  const msg = await out;
  const result = hrisOf(msg);
  assert.equal(result.error.code, 'hris.invalid');
  assert.match(result.error.vendorMessage, /shoeSize/);
  assert.equal(result.attempts, 1);
  assert.equal(result.dead, true);
  assert.equal((msg.payload as Record<string, unknown>).ssn, '[REDACTED]');
  assertNoSecrets(writer, msg);
});

test("a field the writer's dictionary marks secret never shows in its output, dead letters, log or status, even echoed by the vendor", async () => {
  const division = 'Secret Ops Unit';
  // The user's own dictionary marks the division secret; BambooHR echoes an unknown list value back.
  const dictionary = {
    version: 'custom-1',
    fields: [
      ...defaultDictionary.fields,
      {
        name: 'job.division',
        label: 'Division',
        type: 'string',
        required: false,
        owner: 'hris',
        syncDirection: 'ats_to_hris',
        sensitivity: 'secret',
      },
    ],
  };
  const { writer, failed } = await loadFlow({ writeBack: false, dictionary, writer: { dictionary: 'dict' } });
  const h = await hire({ division });
  const out = nextMessage(failed);
  writer.receive({ payload: h.payload, sourceIds: h.sourceIds } as never);
  const msg = await out;
  assert.equal(hrisOf(msg).error.code, 'hris.invalid');
  assert.match(
    JSON.stringify(hrisOf(msg).error),
    /list field division/,
    "the rest of BambooHR's message stays readable",
  );
  const listed = (await helper.request().get('/hr-hris-writer/dead-letters/personal').expect(200)).body;
  assert.equal(listed.deadLetters.length, 1);
  assert.equal(listed.deadLetters[0].payload.record.firstName, 'Ana', 'a user allowed personal data sees the record');
  const restricted = (await helper.request().get('/hr-hris-writer/dead-letters').expect(200)).body;
  assert.equal(
    restricted.deadLetters[0].payload.record.firstName,
    '[REDACTED]',
    'the plain route shows the record without its values',
  );
  assert.match(restricted.deadLetters[0].lastError, /list field division/);
  assertNoSecrets(writer, msg, listed);
  const spied = writer as Spied;
  const said = JSON.stringify([
    (['log', 'warn', 'error', 'status'] as const).flatMap((m) => spied[m].getCalls().map((c) => c.args)),
    msg,
    listed,
  ]);
  assert.ok(!said.includes(division), 'the secret division is shown');
});

test('refused credentials fail at once as hris.auth and show on the status', async () => {
  const { writer, failed } = await loadFlow({ writeBack: false, apiKey: 'wrong-key' });
  const h = await hire();
  const out = nextMessage(failed);
  writer.receive({ payload: h.payload, sourceIds: h.sourceIds } as never);
  const result = hrisOf(await out);
  assert.equal(result.error.code, 'hris.auth');
  await until(() => (writer as Spied).status.lastCall.args[0].text === 'hr-hris-writer.status.auth', 'the auth status');
  assert.equal((await employees()).length, 0);
});

test('after the attempt limit the write is a dead letter; retried from the admin endpoint it succeeds', async () => {
  const { writer, ok, failed } = await loadFlow({ writeBack: false, writer: { maxAttempts: 2 } });
  (await bamboo).injectFault({ kind: 'server_error', method: 'POST', path: '/v1/employees', times: 2 });
  const h = await hire();
  const failures = collect(failed);
  writer.receive({ payload: h.payload, sourceIds: h.sourceIds } as never);
  await until(() => failures.some((m) => hrisOf(m).dead), 'the dead letter');
  assert.equal(hrisOf(failures.at(-1)!).error.code, 'hris.retries_exhausted');

  const listed = await helper.request().get('/hr-hris-writer/dead-letters').expect(200);
  const [dead] = listed.body.deadLetters;
  assert.equal(dead.attempts, 2);
  assert.equal(dead.payload.record.ssn, '[REDACTED]');
  const created = nextMessage(ok, 15_000);
  await helper.request().post(`/hr-hris-writer/dead-letters/${dead.id}/retry`).expect(200);
  assert.equal(hrisOf(await created).employeeId, (await employees())[0].id);
  assert.equal((await employees()).length, 1);
  const store = await (helper.getNode('store') as StoreConfigNode).acquire();
  assert.ok((await store.auditEntries()).some((e) => e.action === 'hris.dead_letter.retry'));
  assert.deepEqual((await helper.request().get('/hr-hris-writer/dead-letters').expect(200)).body.deadLetters, []);
});

test('a person who worked here before goes to the rehire output instead of getting a second record', async () => {
  const { writer, rehire } = await loadFlow({ writeBack: false });
  const h = await hire();
  const formerId = (await bamboo).addEmployee(
    { firstName: 'Ana', lastName: 'Silva', workEmail: 'ana.old@example.com' },
    'Inactive',
  );
  const store = await (helper.getNode('store') as StoreConfigNode).acquire();
  const person = await store.createPerson({ links: [{ system: 'bamboohr', externalId: formerId }] });
  const out = nextMessage(rehire);
  writer.receive({ payload: h.payload, person: { guid: person.guid } } as never);
  const result = hrisOf(await out);
  assert.equal(result.employeeId, formerId);
  assert.equal(result.rehire, true);
  assert.equal((await employees()).length, 1);
});

test('a person hired here, who left, and is hired again through a new application goes to the rehire output; the first hire redelivered does not', async () => {
  const { writer, ok, rehire } = await loadFlow({ writeBack: false });
  const store = await (helper.getNode('store') as StoreConfigNode).acquire();
  const person = await store.createPerson({});
  const first = await hire();
  const created = nextMessage(ok);
  writer.receive({ payload: first.payload, sourceIds: first.sourceIds, person: { guid: person.guid } } as never);
  const employeeId = hrisOf(await created).employeeId as string;
  (await bamboo).setEmployeeStatus(employeeId, 'Inactive');

  // Two years on, the same person (the dedupe node found the GUID) applies again and is hired.
  const { applicationId } = (await greenhouse).addHire({ firstName: 'Ana', lastName: 'Silva' });
  const again = nextMessage(rehire);
  writer.receive({
    payload: first.payload,
    sourceIds: { ...first.sourceIds, applicationId: String(applicationId) },
    person: { guid: person.guid },
  } as never);
  const result = hrisOf(await again);
  assert.equal(result.rehire, true);
  assert.equal(result.employeeId, employeeId, 'the former record is named for HR to reactivate');

  // A late redelivery of the first hire is still that hire, done: no rehire, no second record.
  const redelivered = nextMessage(ok);
  writer.receive({ payload: first.payload, sourceIds: first.sourceIds, person: { guid: person.guid } } as never);
  assert.equal(hrisOf(await redelivered).employeeId, employeeId);
  assert.equal((await employees()).length, 1);
});

test('a dry run sends nothing and emits the exact request with secrets masked', async () => {
  const { writer, ok } = await loadFlow({ writer: { dryRun: true } });
  const h = await hire();
  const out = nextMessage(ok);
  writer.receive({ payload: h.payload, sourceIds: h.sourceIds } as never);
  const msg = await out;
  const { request } = hrisOf(msg);
  assert.equal(request.method, 'POST');
  assert.equal(request.url, `${(await bamboo).url}/api/gateway.php/acme/v1/employees`);
  assert.equal(request.headers.Authorization, '[REDACTED]');
  assert.equal(request.headers.Accept, 'application/json');
  assert.equal(request.body.ssn, '[REDACTED]');
  assert.equal(request.body.workEmail, h.payload.workEmail);
  assert.equal((await bamboo).requests().length, 0);
  assertNoSecrets(writer, msg);
});
