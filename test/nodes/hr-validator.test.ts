import { test, afterEach, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Node } from 'node-red';
import { helper, nextMessage, collect, settle, type FlowNode } from '../support/nodeRed';
import dictionaryNode = require('../../nodes/hr-dictionary/hr-dictionary');
import validatorNode = require('../../nodes/hr-validator/hr-validator');
import storeNode = require('../../nodes/hr-store/hr-store');
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import type { Dictionary, DictionaryField } from '../../lib/dictionary/field';
import type { ValidationReport } from '../../lib/dictionary/validator';
import { sampleHire } from '../../lib/mapping/sampleHire';
import type { StoreConfigNode } from '../../nodes/shared/storeRef';

type StatusSpy = Node & { status: { lastCall: { args: [{ fill?: string; text?: string }] } } };
type Validated = Record<string, unknown> & { validation: ValidationReport };

const field = (name: string, type: DictionaryField['type'], extra: Partial<DictionaryField> = {}): DictionaryField => ({
  name,
  label: name,
  type,
  required: true,
  owner: 'ats',
  syncDirection: 'ats_to_hris',
  sensitivity: 'internal',
  ...extra,
});

interface Setup {
  dictionary?: unknown;
  threshold?: string;
  store?: boolean;
}

function flow({ dictionary, threshold = '2', store = false }: Setup = {}): FlowNode[] {
  return [
    { id: 'v', type: 'hr-validator', dictionary: dictionary ? 'd' : '', threshold, store: store ? 's' : '', wires: [['valid'], ['invalid'], ['review']] },
    { id: 'valid', type: 'helper' },
    { id: 'invalid', type: 'helper' },
    { id: 'review', type: 'helper' },
    { id: 'c', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
    ...(dictionary ? [{ id: 'd', type: 'hr-dictionary', name: 'test dictionary', dictionary }] : []),
    ...(store ? [{ id: 's', type: 'hr-store', file: 'validator.db', secretFields: '', keyEnv: '' }] : []),
  ];
}

const OUTPUTS = ['valid', 'invalid', 'review'] as const;
type Output = (typeof OUTPUTS)[number];

/**
 * Loads the flow and returns a sender that resolves with the output the message left by, failing if
 * it left by more than one. (One listener per helper node for the whole test: Node-RED skips a
 * listener when a `once` listener removes itself during the same delivery.)
 */
async function load(setup?: Setup) {
  await helper.load([dictionaryNode, validatorNode, storeNode], flow(setup) as never);
  const arrivals: Array<{ output: Output; msg: Validated }> = [];
  let wake = () => {};
  for (const id of OUTPUTS) {
    helper.getNode(id).on('input', (msg: unknown) => {
      arrivals.push({ output: id, msg: msg as Validated });
      wake();
    });
  }
  return async function send(msg: Record<string, unknown>) {
    const before = arrivals.length;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<void>((resolve, reject) => {
      wake = resolve;
      timer = setTimeout(() => reject(new Error('the message left by no output within 10 s')), 10_000);
    });
    helper.getNode('v').receive(msg as never);
    await arrived.finally(() => clearTimeout(timer));
    await settle();
    assert.equal(arrivals.length, before + 1, 'the message left by exactly one output');
    return arrivals[before]!;
  };
}

let userDir: string;
before(async () => {
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-validator-node-'));
  helper.settings({ userDir });
  await helper.startServer();
});
after(async () => {
  helper.settings({});
  await helper.stopServer();
  fs.rmSync(userDir, { recursive: true, force: true });
});
afterEach(() => helper.unload());

test('a complete hire leaves by the valid output, checked against the default dictionary when none is selected', async () => {
  const send = await load();
  const { output, msg } = await send({ payload: sampleHire(), topic: 'hire-1' });
  assert.equal(output, 'valid');
  assert.deepEqual(msg.validation, { status: 'valid', errors: [], review: [] });
  assert.equal(msg.topic, 'hire-1', 'unknown message properties pass through');
  const status = (helper.getNode('v') as StatusSpy).status.lastCall.args[0];
  assert.equal(status.fill, 'green');
  assert.equal(status.text, 'hr-validator.status.counts');
});

test('a hire missing a required field and with a too-long note leaves by the invalid output naming both fields', async () => {
  const note = field('application.note', 'string', { required: false, label: 'Recruiter note', maxLength: 40 });
  const send = await load({ dictionary: { version: '2', fields: [...defaultDictionary.fields, note] } });
  const hire = sampleHire();
  const broken = {
    ...hire,
    person: { ...hire.person, legalName: { first: 'Ana' } },
    application: { ...hire.application, note: 'Strong candidate, asked for a later start date.' },
  };
  const { output, msg } = await send({ payload: broken });
  assert.equal(output, 'invalid');
  assert.equal(msg.validation.status, 'invalid');
  assert.deepEqual(
    msg.validation.errors.map((e) => [e.field, e.rule]),
    [
      ['person.legalName.last', 'required'],
      ['application.note', 'maxLength'],
    ],
  );
  assert.match(msg.validation.errors[1]!.message, /Recruiter note is 47 characters long, more than the 40 allowed/);
});

test('pay within 2 % of the offer after period conversion is valid; above it goes to review with both figures', async () => {
  const send = await load({ dictionary: { version: '1', fields: [field('compensation', 'money')] } });
  const canonical = sampleHire();
  canonical.offer.compensation = { amount: '120000.00', currency: 'USD', period: 'year' };
  const mapped = (amount: string) => ({ payload: { compensation: { amount, currency: 'USD', period: 'month' } }, canonical });

  assert.equal((await send(mapped('10199.00'))).output, 'valid', '1.99 % above the offer');

  const { output, msg } = await send(mapped('10201.00'));
  assert.equal(output, 'review', '2.01 % above the offer');
  assert.equal(msg.validation.status, 'review');
  const [item] = msg.validation.review;
  assert.equal(item?.rule, 'compensation_variance');
  assert.match(item!.message, /10201\.00 USD per month \(122412\.00 USD per year\) is 2\.01 % above the offer's 120000\.00 USD per year/);
  assert.deepEqual(item?.details?.actual, { amount: '10201.00', currency: 'USD', period: 'month' });
  assert.deepEqual(item?.details?.expected, { amount: '120000.00', currency: 'USD', period: 'year' });
  const status = (helper.getNode('v') as StatusSpy).status.lastCall.args[0];
  assert.equal(status.fill, 'yellow');
});

test('the variance threshold is configurable in percent', async () => {
  const send = await load({ dictionary: { version: '1', fields: [] }, threshold: '2.5' });
  const canonical = sampleHire();
  canonical.offer.compensation = { amount: '120000.00', currency: 'USD', period: 'year' };
  const pay = (amount: string) => ({ payload: { compensation: { amount, currency: 'USD', period: 'year' } }, canonical });
  assert.equal((await send(pay('122999.00'))).output, 'valid', '2.499 % is within 2.5 %');
  assert.equal((await send(pay('123001.00'))).output, 'review', '2.501 % is not');
});

test('without a mapper before it, the payload is the canonical hire the offer is read from', async () => {
  const send = await load({ dictionary: { version: '1', fields: [] } });
  const hire = { ...sampleHire(), compensation: { amount: '8583.33', currency: 'USD', period: 'month' } };
  assert.equal((await send({ payload: hire })).output, 'valid', "a twelfth of the offer's 103000.00 a year");
  const wrong = { ...hire, compensation: { amount: '103000.00', currency: 'USD', period: 'month' } };
  assert.equal((await send({ payload: wrong })).output, 'review', 'a yearly salary written as monthly pay');
});

test('a dictionary that is not valid stops the validator from starting, and the error names the field', async () => {
  const bad = { version: '1', fields: [field('person.legalName.first', 'string'), field('job.title', 'string', { maxLength: -5 })] };
  await load({ dictionary: bad });
  const validator = helper.getNode('v') as StatusSpy;
  assert.equal(validator.status.lastCall.args[0].text, 'common.status.notReady');
  const caught = nextMessage(helper.getNode('caught'));
  const out = collect(helper.getNode('valid'));
  validator.receive({ payload: sampleHire() } as never);
  const error = (await caught).error as { code: string; message: string };
  assert.equal(error.code, 'dictionary.invalid');
  assert.match(error.message, /fields\[1\] \(job\.title\)\.maxLength/);
  await settle();
  assert.equal(out.length, 0);
});

test('with a store, a variance is queued for review with secret fields masked and an invalid record is counted', async () => {
  const send = await load({ dictionary: { version: '1', fields: [field('person.nationalId.value', 'string', { required: false, sensitivity: 'secret' })] }, store: true });
  const canonical = sampleHire({ eventId: 'evt-77' });
  const record = { person: { nationalId: { type: 'ssn', value: '078-05-1120' } }, compensation: { amount: '150000.00', currency: 'USD', period: 'year' } };
  assert.equal((await send({ payload: record, canonical })).output, 'review');
  assert.equal((await send({ payload: { person: { nationalId: { value: 42 } } } })).output, 'invalid');

  const store = await (helper.getNode('s') as StoreConfigNode).acquire();
  const [review, ...others] = await store.listReviews('open');
  assert.equal(others.length, 0);
  assert.equal(review?.kind, 'compensation_variance');
  assert.match(review!.explanation, /150000\.00 USD per year is 45\.63 % above the offer's 103000\.00 USD per year/);
  assert.equal((review!.payload as { eventId: string }).eventId, 'evt-77');
  assert.doesNotMatch(JSON.stringify(review!.payload), /078-05-1120/);
  assert.equal(await store.sumCounters('validation_failed', new Date(0)), 1);
});

test('without a store nothing is kept and the validator still sorts records', async () => {
  const send = await load({ dictionary: { version: '1', fields: [field('person.legalName.first', 'string')] } });
  assert.equal((await send({ payload: { person: { legalName: {} } } })).output, 'invalid');
});
