/**
 * The mapper's dialog reading the HRIS's own fields through a deployed HRIS connection (the BambooHR
 * emulator), and checking a table and "Try it" against them before anything is written.
 */
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { helper } from '../support/nodeRed';
import { BAMBOOHR_DEFAULTS, startBambooHr, type BambooHrHandle } from '../../sandbox/bamboohr';
import { HIBOB_DEFAULTS, startHiBob } from '../../sandbox/hibob';
import { PERSONIO_DEFAULTS, startPersonio } from '../../sandbox/personio';
import hrisConnectionNode = require('../../nodes/hr-hris-connection/hr-hris-connection');
import mapperNode = require('../../nodes/hr-mapper/hr-mapper');

const KEY = BAMBOOHR_DEFAULTS.apiKeys[0]!;
let bamboo: BambooHrHandle;

before(async () => {
  bamboo = await startBambooHr();
  await helper.startServer();
});
after(async () => {
  await helper.stopServer();
  await bamboo?.stop();
});
afterEach(() => helper.unload());

const connection = () => ({
  id: 'conn',
  type: 'hr-hris-connection',
  system: 'bamboohr',
  companyDomain: 'acme',
  bambooAuth: 'apiKey',
  baseUrl: `${bamboo.url}/api/gateway.php/acme`,
  rateLimit: '5',
  atsSystem: 'none',
  checkrEnabled: false,
});
const deploy = () => helper.load([hrisConnectionNode, mapperNode], [connection()], { conn: { secret: KEY } });

interface Catalogue {
  system: string;
  fields: Array<{ name: string; kind: string; options?: string[] }>;
}

async function readCatalogue(): Promise<{ ok: boolean; catalogue: Catalogue; cached: boolean }> {
  // The dialog knows no stored key: the deployed connection's is used.
  const res = await helper
    .request()
    .post('/hr-hris-connection/catalogue')
    .send({ id: 'conn', config: { system: 'bamboohr' }, credentials: {} })
    .expect(200);
  assert.ok(!JSON.stringify(res.body).includes(KEY), 'the answer never repeats the key');
  return res.body;
}

test("the deployed connection's fields are read once and then served from the cache", async () => {
  await deploy();
  const first = await readCatalogue();
  assert.equal(first.ok, true);
  assert.equal(first.catalogue.system, 'BambooHR');
  assert.deepEqual(first.catalogue.fields.find((f) => f.name === 'location')?.options, [
    ...BAMBOOHR_DEFAULTS.lists.location,
  ]);
  const again = await readCatalogue();
  assert.equal(again.cached, true);
});

test("a wrong key is answered in the connection test's words, not as a server error", async () => {
  await helper.load([hrisConnectionNode, mapperNode], [connection()], { conn: { secret: 'not-a-key' } });
  const res = await helper
    .request()
    .post('/hr-hris-connection/catalogue')
    .send({ id: 'conn', config: {}, credentials: {} })
    .expect(200);
  assert.equal(res.body.ok, false);
  assert.equal(res.body.result.code, 'badKey');
});

test('the table check flags an unknown field and an out-of-list location, and Try it flags the value a path produced', async () => {
  await deploy();
  const { catalogue } = await readCatalogue();
  const rows = [
    { target: 'location', from: 'constant', source: 'Berlin' },
    { target: 'customCostCenter', from: 'constant', source: 'CC-1' },
    { target: 'firstName', from: 'path', source: 'person.name.first' },
    { target: 'division', from: 'path', source: 'job.department' },
  ];
  const check = await helper.request().post('/hr-mapper/check').send({ rows, catalogue }).expect(200);
  assert.equal(check.body.ok, false);
  assert.deepEqual(
    check.body.fieldProblems.map((p: { row: number; code: string }) => [p.row, p.code]),
    [
      [1, 'mapper.value_not_in_list'],
      [2, 'mapper.field_unknown'],
    ],
  );

  const sample = { person: { name: { first: 'Dev' } }, job: { department: 'Engineering' } };
  const preview = await helper
    .request()
    .post('/hr-mapper/preview')
    .send({ mode: 'table', rows, sample, catalogue })
    .expect(200);
  assert.deepEqual(
    preview.body.fieldProblems.map((p: { row: number; code: string }) => [p.row, p.code]),
    [
      [1, 'mapper.value_not_in_list'],
      [2, 'mapper.field_unknown'],
      [4, 'mapper.value_not_in_list'],
    ],
  );
});

test('a pasted field list is checked the same way, and one that cannot be read says which line', async () => {
  await helper.load([mapperNode], []);
  const rows = [{ target: 'office', from: 'constant', source: 'Rome' }];
  const ok = await helper
    .request()
    .post('/hr-mapper/check')
    .send({ rows, fieldList: 'office, list, Berlin | Paris' })
    .expect(200);
  assert.deepEqual(
    ok.body.fieldProblems.map((p: { options: string[] }) => p.options),
    [['Berlin', 'Paris']],
  );
  const bad = await helper.request().post('/hr-mapper/check').send({ rows, fieldList: 'office, money' }).expect(200);
  assert.equal(bad.body.error.code, 'mapper.field_list_invalid');
  assert.match(bad.body.error.message, /line 1/);
});

test('a Personio connection serves its attributes as a partial catalogue: the shipped table is not called unknown, a HiBob one its site list', async () => {
  const personio = await startPersonio();
  const bob = await startHiBob();
  try {
    const client = PERSONIO_DEFAULTS.clients[0]!;
    const user = HIBOB_DEFAULTS.serviceUsers[0]!;
    const connections = [
      {
        id: 'p',
        type: 'hr-hris-connection',
        system: 'personio',
        baseUrl: personio.url,
        rateLimit: '5',
        atsSystem: 'none',
        checkrEnabled: false,
      },
      {
        id: 'h',
        type: 'hr-hris-connection',
        system: 'hibob',
        serviceUserId: user.id,
        baseUrl: bob.url,
        rateLimit: '5',
        atsSystem: 'none',
        checkrEnabled: false,
      },
    ];
    await helper.load([hrisConnectionNode, mapperNode], connections, {
      p: { clientId: client.clientId, clientSecret: client.clientSecret },
      h: { secret: user.token },
    });
    const p = await helper
      .request()
      .post('/hr-hris-connection/catalogue')
      .send({ id: 'p', config: {}, credentials: {} })
      .expect(200);
    assert.equal(p.body.ok, true, JSON.stringify(p.body));
    assert.equal(p.body.catalogue.partial, true);
    assert.ok(p.body.catalogue.fields.some((f: { name: string }) => f.name === 'first_name'));
    const { startingTables } = await import('../../lib/mapping/startingTables');
    const check = await helper
      .request()
      .post('/hr-mapper/check')
      .send({ rows: startingTables.personio, catalogue: p.body.catalogue })
      .expect(200);
    assert.deepEqual(check.body.fieldProblems, []);
    const h = await helper
      .request()
      .post('/hr-hris-connection/catalogue')
      .send({ id: 'h', config: {}, credentials: {} })
      .expect(200);
    assert.equal(h.body.ok, true, JSON.stringify(h.body));
    assert.deepEqual(h.body.catalogue.fields.find((f: { name: string }) => f.name === 'work.site')?.options, [
      ...HIBOB_DEFAULTS.sites,
    ]);
  } finally {
    await personio.stop();
    await bob.stop();
  }
});
