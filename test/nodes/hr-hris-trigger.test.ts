import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collect, helper, nextMessage, settle } from '../support/nodeRed';
import { BAMBOOHR_DEFAULTS, startBambooHr } from '../../sandbox/bamboohr';
import { GREENHOUSE_DEFAULTS, startGreenhouse } from '../../sandbox/greenhouse';
import supertest from 'supertest';
import type { NodeAPI } from 'node-red';
import { bamboohrSender, type BambooFieldChange, type SignedDelivery } from '../../sandbox/senders';
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import { METRICS } from '../../lib/health/metrics';
import type { Dictionary } from '../../lib/dictionary/field';
import type { StoreConfigNode } from '../../nodes/common/storeRef';
import storeNode = require('../../nodes/hr-store/hr-store');
import dictionaryNode = require('../../nodes/hr-dictionary/hr-dictionary');
import connectionNode = require('../../nodes/hr-hris-connection/hr-hris-connection');
import triggerNode = require('../../nodes/hr-hris-trigger/hr-hris-trigger');
import survivorshipNode = require('../../nodes/hr-survivorship/hr-survivorship');
import writerNode = require('../../nodes/hr-hris-writer/hr-hris-writer');

const SECRET = 'bamboo-webhook-private-key';
const ATS_CLIENT = GREENHOUSE_DEFAULTS.oauthClients[0];
const bamboo = startBambooHr();
/** The runtime's HTTP node app, where the trigger's route lives under the test helper. */
let RED: NodeAPI;
const capture = (red: NodeAPI) => {
  RED = red;
  return triggerNode(red);
};
const PATH = '/hr/bamboohr/changes';
/** Posts the exact signed bytes, as BambooHR would. */
const deliver = async (signed: SignedDelivery) =>
  supertest(RED.httpNode).post(PATH).set(signed.headers).send(signed.rawBody.toString('utf8'));
const greenhouse = startGreenhouse();
let userDir: string;

before(async () => {
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-hris-trigger-'));
  const settings = { userDir, hrHrisWriterPollMs: 50, hrHrisWriterRetryBaseMs: 200, hrHrisWriterLeaseMs: 500 };
  helper.settings(settings);
  await helper.startServer();
});
after(async () => {
  helper.settings({});
  await helper.stopServer();
  await Promise.all([(await bamboo).stop(), (await greenhouse).stop()]);
  fs.rmSync(userDir, { recursive: true, force: true });
});
let runs = 0;
beforeEach(async () => (await bamboo).reset());
afterEach(() => helper.unload());

/** The two-way dictionary of the "HRIS changes to ATS" example: the HRIS owns names and the job title; department is shared through a lookup table. */
const twoWay: Dictionary = {
  version: 'two-way',
  fields: defaultDictionary.fields.map((f) => {
    if (f.name.startsWith('person.legalName.')) return { ...f, syncDirection: 'both' };
    if (f.name === 'job.title') return { ...f, owner: 'hris', syncDirection: 'both' };
    if (f.name === 'job.department.name')
      return { ...f, owner: 'any', syncDirection: 'both', translation: { Engineering: 'Technology', Sales: 'Sales' } };
    return f;
  }),
};

const T0 = new Date('2026-11-02T10:00:30Z');

async function loadFlow() {
  runs += 1;
  const flow = [
    { id: 's', type: 'hr-store', file: `two-way-${runs}.db`, secretFields: '', keyEnv: '' },
    { id: 'dict', type: 'hr-dictionary', dictionary: twoWay },
    {
      id: 'conn',
      type: 'hr-hris-connection',
      system: 'bamboohr',
      companyDomain: 'acme',
      bambooAuth: 'apiKey',
      baseUrl: `${(await bamboo).url}/api/gateway.php/acme`,
      rateLimit: 50,
      atsSystem: 'greenhouse',
      atsBaseUrl: (await greenhouse).url,
      atsTokenUrl: `${(await greenhouse).url}/token`,
      atsActAs: String(GREENHOUSE_DEFAULTS.userIds[0]),
      atsField: 'employee_id',
    },
    {
      id: 't',
      type: 'hr-hris-trigger',
      connection: 'conn',
      store: 's',
      path: PATH,
      maxBodyKb: '1024',
      graceSeconds: '3600',
      wires: [['v', 'changes'], ['notices']],
    },
    { id: 'v', type: 'hr-survivorship', store: 's', dictionary: 'dict', wires: [['w', 'resolved'], ['review']] },
    {
      id: 'w',
      type: 'hr-hris-writer',
      connection: 'conn',
      store: 's',
      operation: 'msg',
      writeBack: false,
      dryRun: false,
      maxAttempts: 5,
      maxAgeHours: 24,
      wires: [['ok'], ['failed'], ['rehire']],
    },
    ...['changes', 'notices', 'resolved', 'review', 'ok', 'failed', 'rehire', 'caught'].map((id) => ({
      id,
      type: 'helper',
    })),
    { id: 'c', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
  ];
  await helper.load(
    [storeNode, dictionaryNode, connectionNode, capture, survivorshipNode, writerNode] as never,
    flow as never,
    {
      conn: {
        secret: BAMBOOHR_DEFAULTS.apiKeys[0],
        atsClientId: ATS_CLIENT.clientId,
        atsClientSecret: ATS_CLIENT.clientSecret,
      },
      t: { secret: SECRET },
    },
  );
  const store = await (helper.getNode('s') as StoreConfigNode).acquire();
  // A hire the package synced before: one person, linked to the Greenhouse candidate and the BambooHR employee.
  const { candidateId } = (await greenhouse).addHire({ firstName: 'Ana', lastName: 'Silva' });
  const employeeId = (await bamboo).addEmployee({
    firstName: 'Ana',
    lastName: 'Silva',
    jobTitle: 'Engineer',
    department: 'Technology',
  });
  const from = (value: string) => ({ value, source: 'greenhouse', sourceTime: T0 });
  const { guid } = await store.createPerson({
    record: {
      legalName: { first: 'Ana', last: 'Silva' },
      job: { title: 'Engineer', department: { name: 'Engineering' }, office: { name: 'New York City' } },
    },
    links: [
      { system: 'greenhouse', externalId: String(candidateId) },
      { system: 'bamboohr', externalId: employeeId },
    ],
    provenance: {
      'legalName.first': from('Ana'),
      'legalName.last': from('Silva'),
      'job.title': from('Engineer'),
      'job.department.name': from('Engineering'),
      'job.office.name': from('New York City'),
    },
  });
  const sender = bamboohrSender({ secret: SECRET });
  const send = (changes: Array<Omit<BambooFieldChange, 'employeeId'>>) =>
    deliver(sender.fieldsUpdated(changes.map((c) => ({ employeeId, ...c }))));
  return { store, guid, candidateId, employeeId, sender, send };
}

const candidatePatches = async (candidateId: number) =>
  (await greenhouse).requests().filter((r) => r.method === 'PATCH' && r.path === `/v3/candidates/${candidateId}`)
    .length;

test('a job title changed in BambooHR appears on the Greenhouse candidate once, however often BambooHR delivers it', async () => {
  const { candidateId, sender, employeeId, store } = await loadFlow();
  const written = nextMessage<{ hris: { operation: string; atsUpdate: { written: string[] } } }>(helper.getNode('ok'));
  const signed = sender.fieldsUpdated([
    { employeeId, fields: { 'Job Title': 'Staff Engineer' }, at: new Date(T0.getTime() + 60_000) },
  ]);
  assert.equal((await deliver(signed)).status, 200);
  assert.equal((await deliver(signed)).status, 200, 'a redelivery is acknowledged');
  assert.deepEqual((await written).hris.atsUpdate.written, ['job.title']);
  await settle(300);
  assert.equal((await greenhouse).candidate(candidateId)?.title, 'Staff Engineer');
  assert.equal(await candidatePatches(candidateId), 1);
  // What the sidebar shows for the way back: one change in, one candidate update out.
  const since = new Date(Date.now() - 3_600_000);
  assert.equal(await store.sumCounters(METRICS.eventsIn, since, { direction: 'hris_to_ats' }), 1);
  assert.equal(await store.sumCounters(METRICS.writesOk, since, { operation: 'update_candidate' }), 1);
});

test('a legal-name change in the HRIS overrides the name the candidate gave in the ATS', async () => {
  const { send, candidateId, store, guid } = await loadFlow();
  const written = nextMessage(helper.getNode('ok'));
  assert.equal(
    (await send([{ fields: { 'Last Name': 'Silva Costa' }, at: new Date(T0.getTime() + 60_000) }])).status,
    200,
  );
  await written;
  assert.equal((await greenhouse).candidate(candidateId)?.last_name, 'Silva Costa');
  assert.deepEqual((await store.getPerson(guid))?.record.legalName, { first: 'Ana', last: 'Silva Costa' });
});

test("a change the package wrote does not come back: the ATS's report of it, late and after a newer change, is ignored", async () => {
  const { send, candidateId, store, guid } = await loadFlow();
  const oks = collect(helper.getNode('ok'));
  const at = (s: number) => new Date(T0.getTime() + s * 1000);
  // BambooHR: "Annie", then "Ann" a few seconds later; both go to Greenhouse.
  await send([{ fields: { 'Preferred Name': 'Annie' }, at: at(40) }]);
  await send([{ fields: { 'Preferred Name': 'Ann' }, at: at(45) }]);
  await settle(400);
  // Greenhouse's report of the first write arrives last, stamped later than both.
  const resolved = nextMessage<{ changes: unknown[]; echoes?: string[] }>(helper.getNode('resolved'));
  helper.getNode('v').receive({
    payload: {
      type: 'candidate.updated',
      system: 'greenhouse',
      eventId: 'gh-late',
      occurredAt: at(90).toISOString(),
      candidateId: String(candidateId),
      person: { preferredName: 'Annie' },
    },
  } as never);
  const echo = await resolved;
  assert.deepEqual(echo.echoes, ['person.preferredName']);
  assert.deepEqual(echo.changes, []);
  assert.equal((await store.getPerson(guid))?.record.preferredName, 'Ann', 'the newer HRIS value stays');
  // And the other way: what the flow sent to BambooHR comes back from BambooHR and is not sent to the ATS.
  helper.getNode('v').receive({
    payload: {
      type: 'candidate.updated',
      system: 'greenhouse',
      eventId: 'gh-new',
      occurredAt: at(120).toISOString(),
      candidateId: String(candidateId),
      person: { preferredName: 'Nana' },
    },
  } as never);
  await settle(100);
  const before = oks.length;
  await send([{ fields: { 'Preferred Name': 'Nana' }, at: at(121) }]);
  await settle(400);
  assert.equal(oks.length, before, 'nothing written back to the ATS');
  const audit = await store.auditEntries({ personGuid: guid });
  assert.ok(audit.filter((a) => a.action === 'survivorship.echo_ignored').length >= 2);
});

test('a conflicting change inside the same minute is decided by change time and audited with before and after', async () => {
  const { send, store, guid } = await loadFlow();
  // The ATS set "Engineering" at 10:00:30; BambooHR's "Sales" made at 10:00:10 is older, so it loses.
  await send([{ fields: { Department: 'Sales' }, at: new Date('2026-11-02T10:00:10Z') }]);
  await settle(300);
  assert.equal(
    (await store.getPerson(guid))?.record.job &&
      ((await store.getPerson(guid))!.record.job as { department: { name: string } }).department.name,
    'Engineering',
  );
  // The same change made at 10:00:50 is newer, so it wins; Greenhouse has no department field, which is reported.
  const written = nextMessage<{ hris: { atsUpdate: { unsupported: string[] } } }>(helper.getNode('ok'));
  await send([{ fields: { Department: 'Sales' }, at: new Date('2026-11-02T10:00:50Z') }]);
  assert.deepEqual((await written).hris.atsUpdate.unsupported, ['job.department.name']);
  const audit = await store.auditEntries({ personGuid: guid });
  const lost = audit.find((a) => a.action === 'survivorship.kept_more_recent');
  assert.deepEqual(lost?.before, { 'job.department.name': 'Engineering', source: 'greenhouse', at: T0.toISOString() });
  assert.deepEqual((lost?.after as Record<string, unknown>)['job.department.name'], 'Sales');
  const won = audit.find((a) => a.action === 'survivorship.changed' && JSON.stringify(a.after).includes('Sales'));
  assert.deepEqual(
    [won?.before, won?.after],
    [{ 'job.department.name': 'Engineering' }, { 'job.department.name': 'Sales' }],
  );
});

test('a department the lookup table does not list, and an HRIS change to a field the ATS owns, are held for review', async () => {
  const { send, store } = await loadFlow();
  const review = nextMessage<{
    conflicts: Array<{ field: string; rule: string }>;
    held: Array<{ field: string; reason: string }>;
  }>(helper.getNode('review'));
  await send([{ fields: { Department: 'Finance', Location: 'London' }, at: new Date(T0.getTime() + 60_000) }]);
  const held = await review;
  assert.deepEqual(
    held.held.map((h) => h.field),
    ['job.department.name'],
  );
  assert.match(held.held[0]!.reason, /no ATS value for "Finance"/);
  assert.deepEqual(
    held.conflicts.map((c) => [c.field, c.rule]),
    [['job.office.name', 'not_owner']],
  );
  assert.equal((await store.listReviews('open')).length, 2);
});

test('a polled change decides only the fields the HRIS owns: the rest, if it differs, waits for a person', async () => {
  const { store, guid, employeeId } = await loadFlow();
  helper.getNode('v').receive({
    payload: {
      type: 'employee.updated',
      system: 'bamboohr',
      eventId: 'poll-1',
      occurredAt: '2026-11-02T10:05:00.000Z',
      employees: [
        {
          employeeId,
          changedAt: '2026-11-02T10:05:00.000Z',
          unmapped: [],
          withoutValue: [],
          changes: [
            {
              field: 'job.title',
              value: 'Staff Engineer',
              changedAt: '2026-11-02T10:05:00.000Z',
              vendorField: 'jobTitle',
              timeUncertain: true,
            },
            {
              field: 'job.department.name',
              value: 'Sales',
              changedAt: '2026-11-02T10:05:00.000Z',
              vendorField: 'department',
              timeUncertain: true,
            },
            {
              field: 'person.legalName.first',
              value: 'Ana',
              changedAt: '2026-11-02T10:05:00.000Z',
              vendorField: 'firstName',
              timeUncertain: true,
            },
          ],
        },
      ],
    },
  } as never);
  const review = await nextMessage<{ held: Array<{ field: string }> }>(helper.getNode('review'));
  assert.deepEqual(
    review.held.map((h) => h.field),
    ['job.department.name'],
  );
  const job = (await store.getPerson(guid))!.record.job as { title: string; department: { name: string } };
  assert.deepEqual([job.title, job.department.name], ['Staff Engineer', 'Engineering']);
});

test('an unsigned or wrongly signed change is refused with 401 and never emitted', async () => {
  const { employeeId } = await loadFlow();
  const changes = collect(helper.getNode('changes'));
  const forged = bamboohrSender({ secret: 'not-the-key' }).fieldsUpdated([
    { employeeId, fields: { 'Job Title': 'CEO' } },
  ]);
  assert.equal((await deliver(forged)).status, 401);
  const { 'X-BambooHR-Signature': _dropped, ...unsigned } = forged.headers;
  assert.equal((await deliver({ ...forged, headers: unsigned })).status, 401);
  await settle(100);
  assert.equal(changes.length, 0);
});
