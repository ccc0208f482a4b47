import { test, afterEach, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'node-red';
import { helper, nextMessage, collect, settle, type FlowNode } from '../support/nodeRed';
import mapperNode = require('../../nodes/hr-mapper/hr-mapper');
import { sampleHire } from '../../lib/mapping/sampleHire';
import { startingTables } from '../../lib/mapping/startingTables';
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import dictionaryNode = require('../../nodes/hr-dictionary/hr-dictionary');

const hire = {
  person: { name: { first: 'Ana', last: 'Silva' }, emails: [{ type: 'work', address: 'ana@example.com' }] },
};

function flow(expression: string) {
  return [
    { id: 'm', type: 'hr-mapper', name: 'to BambooHR', target: 'bamboohr', expression, wires: [['out']] },
    { id: 'out', type: 'helper' },
    { id: 'c', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
}

/** A mapper as the editor now saves it: a table and mode 'table'. */
function tableFlow(rows: unknown[]) {
  return [
    {
      id: 'm',
      type: 'hr-mapper',
      name: 'to BambooHR',
      target: 'bamboohr',
      mode: 'table',
      rows,
      expression: '',
      wires: [['out']],
    },
    ...flow('').slice(1),
  ];
}

type StatusSpy = Node & { status: { lastCall: { args: [{ fill: string; text: string }] } } };

before(() => helper.startServer());
after(() => helper.stopServer());
afterEach(() => helper.unload());

test('the mapper sends the target record and keeps the canonical record beside it', async () => {
  await helper.load(mapperNode, flow('{ "firstName": person.name.first, "workEmail": person.emails[0].address }'));
  const received = nextMessage(helper.getNode('out'));
  helper.getNode('m').receive({ payload: hire, topic: 'hire-42' } as never);
  const msg = await received;
  assert.deepEqual(msg.payload, { firstName: 'Ana', workEmail: 'ana@example.com' });
  assert.deepEqual(msg.canonical, hire);
  assert.equal(msg.topic, 'hire-42', 'unknown message properties pass through');
});

test('a record the mapping cannot handle reaches Catch nodes with its error code and nothing is sent on', async () => {
  await helper.load(mapperNode, flow('{ "salary": person.name.first * 12 }'));
  const out = collect(helper.getNode('out'));
  const caught = nextMessage(helper.getNode('caught'));
  const mapper = helper.getNode('m') as Node & { status: { lastCall: { args: [{ fill: string; text: string }] } } };
  mapper.receive({ payload: hire } as never);
  const msg = await caught;
  const error = msg.error as { code: string; message: string; source: { id: string } };
  assert.equal(error.code, 'mapper.evaluation_failed');
  assert.equal(error.source.id, 'm');
  assert.equal(mapper.status.lastCall.args[0].fill, 'red');
  await settle();
  assert.equal(out.length, 0, 'nothing is sent on the output for a failed record');
});

test('a mapping with a syntax error stops the node from starting and refuses every message', async () => {
  await helper.load(mapperNode, flow('{ "firstName": '));
  const mapper = helper.getNode('m') as Node & { status: { lastCall: { args: [{ fill: string; text: string }] } } };
  assert.equal(mapper.status.lastCall.args[0].text, 'common.status.notReady');
  const caught = nextMessage(helper.getNode('caught'));
  mapper.receive({ payload: hire } as never);
  const error = (await caught).error as { code: string };
  assert.equal(error.code, 'mapper.expression_invalid');
});

test('the preview runs an undeployed mapping on the built-in example hire and reports errors with their code', async () => {
  await helper.load(mapperNode, flow('person'));
  const ok = await helper
    .request()
    .post('/hr-mapper/preview')
    .send({ expression: '{ "name": person.legalName.first }' })
    .expect(200);
  assert.deepEqual(ok.body.result, { name: 'Ana' });
  assert.equal(ok.body.source, 'example');
  const bad = await helper.request().post('/hr-mapper/preview').send({ expression: '{ "name": ' }).expect(200);
  assert.equal(bad.body.ok, false);
  assert.equal(bad.body.error.code, 'mapper.expression_invalid');
});

test('the preview uses the last record the node saw, with secret fields masked', async () => {
  await helper.load(mapperNode, flow('person.legalName.first'));
  const out = nextMessage(helper.getNode('out'));
  helper.getNode('m').receive({
    payload: { person: { legalName: { first: 'Ana' }, nationalId: { type: 'ssn', value: '123-45-6789' } } },
  } as never);
  await out;
  const res = await helper
    .request()
    .post('/hr-mapper/preview')
    .send({ expression: 'person.nationalId.value', node: 'm' })
    .expect(200);
  assert.equal(res.body.source, 'last');
  assert.doesNotMatch(JSON.stringify(res.body), /123-45-6789/);
});

test('each target has a starting mapping to begin from', async () => {
  await helper.load(mapperNode, flow('person'));
  for (const target of ['bamboohr', 'hibob', 'personio', 'generic']) {
    const res = await helper.request().get(`/hr-mapper/starting/${target}`).expect(200);
    assert.match(res.body.expression, /legalName/);
  }
  await helper.request().get('/hr-mapper/starting/workday').expect(404);
});

test('a node saved before tables existed, with only an expression, keeps running its JSONata', async () => {
  const saved: FlowNode[] = [
    {
      id: 'm',
      type: 'hr-mapper',
      target: 'bamboohr',
      expression: '{ "first": person.legalName.first }',
      wires: [['out']],
    },
    { id: 'out', type: 'helper' },
  ];
  await helper.load(mapperNode, saved);
  assert.equal((helper.getNode('m') as StatusSpy).status.lastCall.args[0].text, 'hr-mapper.status.readyJsonata');
  const received = nextMessage(helper.getNode('out'));
  helper.getNode('m').receive({ payload: sampleHire() } as never);
  assert.deepEqual((await received).payload, { first: 'Ana' });
});

test('in table mode the shipped BambooHR table turns a hire into a BambooHR employee', async () => {
  await helper.load(mapperNode, tableFlow([...startingTables.bamboohr]));
  assert.equal((helper.getNode('m') as StatusSpy).status.lastCall.args[0].text, 'hr-mapper.status.readyTable');
  const received = nextMessage(helper.getNode('out'));
  helper.getNode('m').receive({ payload: sampleHire() } as never);
  const msg = await received;
  assert.equal((msg.payload as { workEmail: string }).workEmail, 'ana.silva@example.com');
  assert.equal((msg.payload as { paidPer: string }).paidPer, 'Year');
  assert.deepEqual(msg.canonical, sampleHire());
});

test('a table row can read an environment variable listed on the node, once, on deploy', async () => {
  process.env.HR_MAPPER_TEST_COMPANY = 'acme';
  try {
    const [mapper, ...rest] = tableFlow([{ target: 'company', from: 'env', source: 'HR_MAPPER_TEST_COMPANY' }]);
    await helper.load(mapperNode, [{ ...mapper, envVars: 'HR_MAPPER_TEST_COMPANY' }, ...rest] as never);
  } finally {
    delete process.env.HR_MAPPER_TEST_COMPANY;
  }
  const received = nextMessage(helper.getNode('out'));
  helper.getNode('m').receive({ payload: sampleHire() } as never);
  assert.deepEqual((await received).payload, { company: 'acme' });
});

test("neither a deployed mapper nor the preview reads a variable that is not listed, nor ever the store's key", async () => {
  process.env.HR_STORE_KEY = 'f'.repeat(64);
  process.env.HR_MAPPER_TEST_OTHER = 'not-for-mappings';
  try {
    await helper.load(mapperNode, tableFlow([{ target: 'key', from: 'env', source: 'HR_STORE_KEY' }]));
    assert.equal((helper.getNode('m') as StatusSpy).status.lastCall.args[0].text, 'common.status.notReady');
    for (const [source, listed, code] of [
      ['HR_STORE_KEY', 'HR_STORE_KEY', 'mapper.env_protected'],
      ['HR_MAPPER_TEST_OTHER', '', 'mapper.env_not_listed'],
    ]) {
      const body = { mode: 'table', rows: [{ target: 'leak', from: 'env', source }], envVars: listed };
      const preview = (
        await helper
          .request()
          .post('/hr-mapper/preview')
          .send({ ...body, node: 'm' })
          .expect(200)
      ).body;
      const check = (await helper.request().post('/hr-mapper/check').send(body).expect(200)).body;
      assert.equal(preview.ok, false);
      assert.equal(check.problems[0].code, code);
      for (const text of [JSON.stringify(preview), JSON.stringify(check)])
        assert.ok(!text.includes('f'.repeat(64)) && !text.includes('not-for-mappings'), text);
    }
    const jsonata = (
      await helper
        .request()
        .post('/hr-mapper/preview')
        .send({ mode: 'jsonata', expression: '$env("HR_STORE_KEY")' })
        .expect(200)
    ).body;
    assert.doesNotMatch(JSON.stringify(jsonata), /ffffffff/);
  } finally {
    delete process.env.HR_STORE_KEY;
    delete process.env.HR_MAPPER_TEST_OTHER;
  }
});

test("an error that echoes a value of the node's secret fields reaches Catch nodes and the log masked", async () => {
  const dictionary = {
    version: 'custom-1',
    fields: [
      ...defaultDictionary.fields,
      {
        name: 'person.custom.badgePin',
        label: 'Badge PIN',
        type: 'string',
        required: false,
        owner: 'hris',
        syncDirection: 'none',
        sensitivity: 'secret',
      },
    ],
  };
  const [mapper, ...rest] = flow('$error("badge " & person.custom.badgePin & " and SSN " & person.ssn & " refused")');
  await helper.load([dictionaryNode, mapperNode], [
    { id: 'dict', type: 'hr-dictionary', dictionary },
    { ...mapper, dictionary: 'dict' },
    ...rest,
  ] as never);
  const caught = nextMessage(helper.getNode('caught'));
  helper
    .getNode('m')
    .receive({ payload: { person: { custom: { badgePin: 'PIN-77310' }, ssn: '111223333' } } } as never);
  const error = (await caught).error as { code: string; message: string };
  assert.equal(error.code, 'mapper.evaluation_failed');
  assert.match(error.message, /badge \[REDACTED\] and SSN \[REDACTED\] refused/);
  // What the log prints is the error (its second argument is the flow's own message, for Catch nodes).
  const logged = (helper.getNode('m') as unknown as { error: { getCalls(): Array<{ args: unknown[] }> } }).error
    .getCalls()
    .map((c) => String(c.args[0]));
  assert.equal(logged.length, 1);
  assert.doesNotMatch(logged[0], /PIN-77310|111223333/);
});

test("the preview masks what the node's dictionary marks secret, in the sample, the result and the rows", async () => {
  const dictionary = {
    version: 'custom-1',
    fields: [
      ...defaultDictionary.fields,
      {
        name: 'person.custom.badgePin',
        label: 'Badge PIN',
        type: 'string',
        required: false,
        owner: 'hris',
        syncDirection: 'none',
        sensitivity: 'secret',
      },
    ],
  };
  const [mapper, ...rest] = tableFlow([{ target: 'pin', source: 'person.custom.badgePin' }]);
  await helper.load([dictionaryNode, mapperNode], [
    { id: 'dict', type: 'hr-dictionary', dictionary },
    { ...mapper, dictionary: 'dict' },
    ...rest,
  ] as never);
  const out = nextMessage(helper.getNode('out'));
  helper.getNode('m').receive({
    payload: { ...sampleHire(), person: { ...sampleHire().person, custom: { badgePin: 'PIN-77310' } } },
  } as never);
  assert.deepEqual((await out).payload, { pin: 'PIN-77310' }, 'the record itself is sent whole');
  const last = (
    await helper
      .request()
      .post('/hr-mapper/preview')
      .send({
        mode: 'table',
        rows: [{ target: 'pin', source: 'person.custom.badgePin' }],
        node: 'm',
        dictionary: 'dict',
      })
      .expect(200)
  ).body;
  assert.equal(last.source, 'last');
  const pasted = (
    await helper
      .request()
      .post('/hr-mapper/preview')
      .send({
        mode: 'table',
        rows: [{ target: 'pin', source: 'person.custom.badgePin' }],
        dictionary: 'dict',
        sample: { person: { custom: { badgePin: 'PIN-99120' } } },
      })
      .expect(200)
  ).body;
  assert.ok(pasted.rows.length > 0, 'the rows are shown');
  for (const body of [last, pasted]) assert.doesNotMatch(JSON.stringify(body), /PIN-77310|PIN-99120/);
});

test('a hire missing a required field reaches Catch nodes with the field named', async () => {
  await helper.load(
    mapperNode,
    tableFlow([{ target: 'workEmail', source: 'person.emails[type=work].address', required: true }]),
  );
  const caught = nextMessage(helper.getNode('caught'));
  const hire = sampleHire();
  hire.person.emails = [];
  helper.getNode('m').receive({ payload: hire } as never);
  const error = (await caught).error as { code: string; message: string };
  assert.equal(error.code, 'mapper.required_missing');
  assert.match(error.message, /row 1 "workEmail" is required/);
});

test('a table with a wrong row stops the node from starting and names the row', async () => {
  await helper.load(
    mapperNode,
    tableFlow([
      { target: 'firstName', source: 'person.legalName.first' },
      { target: 'hireDate', source: 'offer.startDate', transform: 'isoDat' },
    ]),
  );
  const mapper = helper.getNode('m') as StatusSpy;
  assert.equal(mapper.status.lastCall.args[0].text, 'common.status.notReady');
  const caught = nextMessage(helper.getNode('caught'));
  mapper.receive({ payload: sampleHire() } as never);
  const error = (await caught).error as { code: string; message: string };
  assert.equal(error.code, 'mapper.table_invalid');
  assert.match(error.message, /row 2 "hireDate": unknown transform "isoDat"/);
});

test('the preview of a table shows each row with its source value, the value sent and any error', async () => {
  await helper.load(mapperNode, tableFlow([...startingTables.bamboohr]));
  const rows = [
    { target: 'firstName', source: 'person.legalName.first', transform: 'upper' },
    { target: 'paidPer', source: 'offer.compensation.period', transform: 'translate', args: '[{"month": "Month"}]' },
  ];
  const res = await helper.request().post('/hr-mapper/preview').send({ mode: 'table', rows }).expect(200);
  assert.equal(res.body.source, 'example');
  assert.equal(res.body.ok, false);
  assert.equal(res.body.error.code, 'transform.enum_no_match');
  assert.deepEqual(res.body.rows[0], { row: 1, target: 'firstName', source: 'Ana', value: 'ANA' });
  assert.equal(res.body.rows[1].source, 'year');
  assert.equal(res.body.rows[1].error.code, 'transform.enum_no_match');
});

test('the preview of a table that does not compile lists the wrong rows', async () => {
  await helper.load(mapperNode, tableFlow([...startingTables.generic]));
  const res = await helper
    .request()
    .post('/hr-mapper/preview')
    .send({ mode: 'table', rows: [{ target: 'x', source: 'a[' }] })
    .expect(200);
  assert.equal(res.body.error.code, 'mapper.table_invalid');
  assert.deepEqual(
    res.body.error.details.problems.map((p: { row: number; code: string }) => [p.row, p.code]),
    [[1, 'mapper.path_invalid']],
  );
});

test('the editor can check a table while it is edited, row by row', async () => {
  await helper.load(mapperNode, tableFlow([...startingTables.generic]));
  const ok = await helper.request().post('/hr-mapper/check').send({ rows: startingTables.hibob }).expect(200);
  assert.deepEqual(ok.body, { ok: true, problems: [], fieldProblems: [] });
  const bad = await helper
    .request()
    .post('/hr-mapper/check')
    .send({
      rows: [
        { target: 'a', source: 'x' },
        { target: 'a', source: 'y' },
      ],
    })
    .expect(200);
  assert.equal(bad.body.problems[0].row, 2);
  assert.equal(bad.body.problems[0].code, 'mapper.target_conflict');
});

test('each target has a starting table, and a table goes out to CSV and comes back the same', async () => {
  await helper.load(mapperNode, tableFlow([...startingTables.generic]));
  const starting = await helper.request().get('/hr-mapper/starting/personio').expect(200);
  assert.deepEqual(starting.body.rows, startingTables.personio);
  const exported = await helper.request().post('/hr-mapper/csv/export').send({ rows: starting.body.rows }).expect(200);
  assert.match(exported.body.csv, /^target,from,source,transform,args,default,required\r\n/);
  const imported = await helper.request().post('/hr-mapper/csv/import').send({ csv: exported.body.csv }).expect(200);
  assert.deepEqual(imported.body.rows, startingTables.personio);
  const refused = await helper.request().post('/hr-mapper/csv/import').send({ csv: 'colour\r\n' }).expect(200);
  assert.equal(refused.body.error.code, 'mapper.csv_invalid');
});

test('the editor lists the transforms a row may name, with their arguments', async () => {
  await helper.load(mapperNode, tableFlow([...startingTables.generic]));
  const res = await helper.request().get('/hr-mapper/transforms').expect(200);
  assert.deepEqual(
    res.body.find((t: { name: string }) => t.name === 'isoDate'),
    { name: 'isoDate', params: 'zone, format?' },
  );
});

test('values no row sends are listed on the message, masked where personal, and counted on the status', async () => {
  await helper.load(mapperNode, tableFlow([...startingTables.personio]));
  const received = nextMessage(helper.getNode('out'));
  const withLandline = sampleHire();
  withLandline.person.phones = [{ number: '+442079460958', type: 'home' }];
  helper.getNode('m').receive({ payload: withLandline } as never);
  const msg = await received;
  const notSent = (msg.mapping as { notSent: Array<{ path: string; value: unknown }> }).notSent;
  assert.deepEqual(
    notSent.find((n) => n.path === 'person.phones[type=home].number'),
    { path: 'person.phones[type=home].number', value: '[REDACTED]' },
  );
  assert.ok(!JSON.stringify(msg.mapping).includes('2079460958'), 'the phone number is not on the report');
  const status = (helper.getNode('m') as StatusSpy).status.lastCall.args[0];
  assert.equal(status.fill, 'yellow');
  assert.equal(status.text, 'hr-mapper.status.mappedNotSent');
});

test('"Try it" lists what the table does not send, and says coverage is unknown for JSONata', async () => {
  await helper.load(mapperNode, tableFlow([...startingTables.bamboohr]));
  const sample = sampleHire();
  sample.person.phones = [{ number: '+442079460958', type: 'other' }];
  const table = await helper
    .request()
    .post('/hr-mapper/preview')
    .send({ mode: 'table', rows: startingTables.bamboohr, sample })
    .expect(200);
  assert.deepEqual(
    table.body.notSent.map((n: { path: string }) => n.path),
    ['person.phones[type=other].number', 'offer.employmentType'],
  );
  const expression = await helper
    .request()
    .post('/hr-mapper/preview')
    .send({ mode: 'jsonata', expression: '{ "a": person.legalName.first }', sample })
    .expect(200);
  assert.equal(expression.body.notSent, null);
});
