import { test, afterEach, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'node-red';
import { helper, nextMessage, collect, settle } from '../support/nodeRed';
import mapperNode = require('../../nodes/hr-mapper/hr-mapper');

const hire = { person: { name: { first: 'Ana', last: 'Silva' }, emails: [{ type: 'work', address: 'ana@example.com' }] } };

function flow(expression: string) {
  return [
    { id: 'm', type: 'hr-mapper', name: 'to BambooHR', target: 'bamboohr', expression, wires: [['out']] },
    { id: 'out', type: 'helper' },
    { id: 'c', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
}

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
  const ok = await helper.request().post('/hr-mapper/preview').send({ expression: '{ "name": person.legalName.first }' }).expect(200);
  assert.deepEqual(ok.body.result, { name: 'Ana' });
  assert.equal(ok.body.source, 'example');
  const bad = await helper.request().post('/hr-mapper/preview').send({ expression: '{ "name": ' }).expect(200);
  assert.equal(bad.body.ok, false);
  assert.equal(bad.body.error.code, 'mapper.expression_invalid');
});

test('the preview uses the last record the node saw, with secret fields masked', async () => {
  await helper.load(mapperNode, flow('person.legalName.first'));
  const out = nextMessage(helper.getNode('out'));
  helper.getNode('m').receive({ payload: { person: { legalName: { first: 'Ana' }, nationalId: { type: 'ssn', value: '123-45-6789' } } } } as never);
  await out;
  const res = await helper.request().post('/hr-mapper/preview').send({ expression: 'person.nationalId.value', node: 'm' }).expect(200);
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
