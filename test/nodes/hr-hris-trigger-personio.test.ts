/** The HRIS trigger with Personio: changes read by the poll against the Personio emulator, carried to the Greenhouse candidate once. */
import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import type { NodeAPI } from 'node-red';
import { collect, helper, nextMessage, settle } from '../support/nodeRed';
import { PERSONIO_DEFAULTS, startPersonio } from '../../sandbox/personio';
import { GREENHOUSE_DEFAULTS, startGreenhouse } from '../../sandbox/greenhouse';
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import type { Dictionary } from '../../lib/dictionary/field';
import type { StoreConfigNode } from '../../nodes/common/storeRef';
import storeNode = require('../../nodes/hr-store/hr-store');
import dictionaryNode = require('../../nodes/hr-dictionary/hr-dictionary');
import connectionNode = require('../../nodes/hr-hris-connection/hr-hris-connection');
import triggerNode = require('../../nodes/hr-hris-trigger/hr-hris-trigger');
import survivorshipNode = require('../../nodes/hr-survivorship/hr-survivorship');
import writerNode = require('../../nodes/hr-hris-writer/hr-hris-writer');

const ATS_CLIENT = GREENHOUSE_DEFAULTS.oauthClients[0];
const PERSONIO_CLIENT = PERSONIO_DEFAULTS.clients[0]!;
const personio = startPersonio();
const greenhouse = startGreenhouse();
let RED: NodeAPI;
const capture = (red: NodeAPI) => {
  RED = red;
  return triggerNode(red);
};
let userDir: string;
let runs = 0;

before(async () => {
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-hris-trigger-personio-'));
  const settings = { userDir, hrHrisWriterPollMs: 50, hrHrisWriterRetryBaseMs: 200, hrHrisWriterLeaseMs: 500 };
  helper.settings(settings);
  await helper.startServer();
});
after(async () => {
  helper.settings({});
  await helper.stopServer();
  await Promise.all([(await personio).stop(), (await greenhouse).stop()]);
  fs.rmSync(userDir, { recursive: true, force: true });
});
beforeEach(async () => (await personio).reset());
afterEach(() => helper.unload());

/** The HRIS owns legal names and sends them both ways, as in the "HRIS changes to ATS" example. */
const twoWay: Dictionary = {
  version: 'two-way',
  fields: defaultDictionary.fields.map((f) =>
    f.name.startsWith('person.legalName.') ? { ...f, syncDirection: 'both' } : f,
  ),
};
const T0 = new Date('2026-11-02T10:00:30Z');
const HOUR_AGO = () => new Date(Date.now() - 3_600_000);

async function loadFlow(pollMinutes: string, personUpdatedAt = HOUR_AGO()) {
  runs += 1;
  const flow = [
    { id: 's', type: 'hr-store', file: `personio-${runs}.db`, secretFields: '', keyEnv: '' },
    { id: 'dict', type: 'hr-dictionary', dictionary: twoWay },
    {
      id: 'conn',
      type: 'hr-hris-connection',
      system: 'personio',
      baseUrl: (await personio).url,
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
      path: '',
      maxBodyKb: '1024',
      graceSeconds: '3600',
      pollMinutes,
      pollLookbackHours: '0.5',
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
    ...['changes', 'notices', 'resolved', 'review', 'ok', 'failed', 'rehire'].map((id) => ({ id, type: 'helper' })),
  ];
  // A hire the package synced before: one person, linked to the Greenhouse candidate and the Personio person (last changed an hour ago).
  const { candidateId } = (await greenhouse).addHire({ firstName: 'Ana', lastName: 'Silva' });
  const personId = (await personio).addPerson({
    first_name: 'Ana',
    last_name: 'Silva',
    email: 'ana.silva@acme.example',
  });
  (await personio).editPerson(personId, {}, personUpdatedAt);
  await helper.load(
    [storeNode, dictionaryNode, connectionNode, capture, survivorshipNode, writerNode] as never,
    flow as never,
    {
      conn: {
        clientId: PERSONIO_CLIENT.clientId,
        clientSecret: PERSONIO_CLIENT.clientSecret,
        atsClientId: ATS_CLIENT.clientId,
        atsClientSecret: ATS_CLIENT.clientSecret,
      },
    },
  );
  const store = await (helper.getNode('s') as StoreConfigNode).acquire();
  const from = (value: string) => ({ value, source: 'greenhouse', sourceTime: T0 });
  await store.createPerson({
    record: { legalName: { first: 'Ana', last: 'Silva' } },
    links: [
      { system: 'greenhouse', externalId: String(candidateId) },
      { system: 'personio', externalId: personId },
    ],
    provenance: { 'legalName.first': from('Ana'), 'legalName.last': from('Silva') },
  });
  return { candidateId, personId };
}

async function until(done: () => boolean, limitMs = 10_000): Promise<void> {
  for (const end = Date.now() + limitMs; !done(); await settle(50)) if (Date.now() > end) throw new Error('timed out');
}

const candidatePatches = async (candidateId: number) =>
  (await greenhouse).requests().filter((r) => r.method === 'PATCH' && r.path === `/v3/candidates/${candidateId}`);

test('a last name changed in Personio reaches the Greenhouse candidate once, however many polls see it', async () => {
  const { candidateId, personId } = await loadFlow('0.005');
  const changes = collect(helper.getNode('changes'));
  (await personio).editPerson(personId, { last_name: 'Silva Costa' });
  const written = await nextMessage(helper.getNode('ok'));
  assert.ok(written);
  await settle(1_500);
  const patches = await candidatePatches(candidateId);
  assert.equal(patches.length, 1);
  assert.match(JSON.stringify(patches[0]!.body), /Silva Costa/);
  assert.equal(changes.length, 1, 'overlapping polls journal the change once');
  const event = changes[0]!.payload as {
    system: string;
    employees: Array<{ employeeId: string; changes: Array<{ field: string; value: string }> }>;
  };
  assert.equal(event.system, 'personio');
  assert.deepEqual(event.employees[0]!.changes.find((c) => c.field === 'person.legalName.last')?.value, 'Silva Costa');
  assert.equal(
    (await supertest(RED.httpNode).post('/hr/personio/changes').send({})).status,
    404,
    'Personio sends no change webhooks: no endpoint is served',
  );
});

test("a person the poll lists with the values the sync already holds (the package's own create) writes nothing to Greenhouse", async () => {
  const { candidateId } = await loadFlow('0.005', new Date());
  const changes = collect(helper.getNode('changes'));
  await until(() => changes.length > 0);
  await settle(1_000);
  assert.equal(changes.length, 1);
  assert.equal((await candidatePatches(candidateId)).length, 0);
});

test('a Personio trigger without a poll interval refuses to start rather than wait for webhooks that never come', async () => {
  await loadFlow('0');
  await settle(200);
  assert.equal(
    (await personio).requests().filter((r) => r.method === 'GET' && r.path.startsWith('/v2/persons?')).length,
    0,
    'nothing is polled',
  );
  const trigger = helper.getNode('t') as unknown as { error: { args: unknown[][] } };
  assert.match(JSON.stringify(trigger.error.args), /common\.errors\.notReady/, 'the node says it does not run');
  assert.equal((await supertest(RED.httpNode).post('/hr/personio/changes').send({})).status, 404);
});
