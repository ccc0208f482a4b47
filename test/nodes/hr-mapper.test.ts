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
