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
import type { DictionaryField } from '../../lib/dictionary/field';
import type { ValidationReport } from '../../lib/dictionary/validator';
import { sampleHire } from '../../lib/mapping/sampleHire';
import type { StoreConfigNode } from '../../nodes/common/storeRef';

/** Polls until the condition holds (for messages a node sends by itself on start). */
async function until(condition: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${limitMs} ms`);
    await settle(20);
  }
}

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
  /** The store file, to load the same store again as after a restart. */
  storeFile?: string;
  checks?: string;
  payFormat?: string;
}

const STORE_KEY = 'c'.repeat(64);
let stores = 0;
const nextStoreFile = () => `validator-${++stores}.db`;

function flow({
  dictionary,
  threshold = '2',
  store = false,
  storeFile = 'validator.db',
  checks,
  payFormat,
}: Setup = {}): FlowNode[] {
  return [
    {
      id: 'v',
      type: 'hr-validator',
      dictionary: dictionary ? 'd' : '',
      threshold,
      store: store ? 's' : '',
      checks,
      payFormat,
      wires: [['valid'], ['invalid'], ['review']],
    },
    { id: 'valid', type: 'helper' },
    { id: 'invalid', type: 'helper' },
    { id: 'review', type: 'helper' },
    { id: 'c', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
    ...(dictionary ? [{ id: 'd', type: 'hr-dictionary', name: 'test dictionary', dictionary }] : []),
    ...(store ? [{ id: 's', type: 'hr-store', file: storeFile, secretFields: '', keyEnv: '' }] : []),
  ];
}

const OUTPUTS = ['valid', 'invalid', 'review'] as const;
type Output = (typeof OUTPUTS)[number];
type Arrival = { output: Output; msg: Validated };

/**
 * Loads the flow and returns a sender that resolves with the output the message left by, failing if
 * it left by more than one, and a wait for the next message the validator sends by itself (a decided
 * review). (One listener per helper node for the whole test: Node-RED skips a listener when a `once`
 * listener removes itself during the same delivery.)
 */
async function load(setup?: Setup) {
  await helper.load(
    [dictionaryNode, validatorNode, storeNode],
    flow(setup) as never,
    setup?.store ? { s: { encryptionKey: STORE_KEY } } : {},
  );
  const arrivals: Arrival[] = [];
  let wake = () => {};
  for (const id of OUTPUTS) {
    helper.getNode(id).on('input', (msg: unknown) => {
      arrivals.push({ output: id, msg: msg as Validated });
      wake();
    });
  }
  const arrival = async (what: string, act: () => void) => {
    const before = arrivals.length;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<void>((resolve, reject) => {
      wake = resolve;
      timer = setTimeout(() => reject(new Error(`${what} left by no output within 10 s`)), 10_000);
    });
    act();
    await arrived.finally(() => clearTimeout(timer));
    await settle();
    assert.equal(arrivals.length, before + 1, `${what} left by exactly one output`);
    return arrivals[before]!;
  };
  const send = (msg: Record<string, unknown>) =>
    arrival('the message', () => helper.getNode('v').receive(msg as never));
  return Object.assign(send, { arrivals, arrival });
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
  const mapped = (amount: string) => ({
    payload: { compensation: { amount, currency: 'USD', period: 'month' } },
    canonical,
  });

  assert.equal((await send(mapped('10199.00'))).output, 'valid', '1.99 % above the offer');

  const { output, msg } = await send(mapped('10201.00'));
  assert.equal(output, 'review', '2.01 % above the offer');
  assert.equal(msg.validation.status, 'review');
  const [item] = msg.validation.review;
  assert.equal(item?.rule, 'compensation_variance');
  assert.match(
    item!.message,
    /10201\.00 USD per month \(122412\.00 USD per year\), is 2\.01 % above the offer's 120000\.00 USD per year/,
  );
  assert.deepEqual(item?.details?.actual, { amount: '10201.00', currency: 'USD', period: 'month' });
  assert.deepEqual(item?.details?.expected, { amount: '120000.00', currency: 'USD', period: 'year' });
  const status = (helper.getNode('v') as StatusSpy).status.lastCall.args[0];
  assert.equal(status.fill, 'yellow');
});

test('the variance threshold is configurable in percent', async () => {
  const send = await load({ dictionary: { version: '1', fields: [] }, threshold: '2.5' });
  const canonical = sampleHire();
  canonical.offer.compensation = { amount: '120000.00', currency: 'USD', period: 'year' };
  const pay = (amount: string) => ({
    payload: { compensation: { amount, currency: 'USD', period: 'year' } },
    canonical,
  });
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
  const bad = {
    version: '1',
    fields: [field('person.legalName.first', 'string'), field('job.title', 'string', { maxLength: -5 })],
  };
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

test('with a store, an invalid record is counted for the health monitor', async () => {
  const send = await load({
    dictionary: { version: '1', fields: [field('person.legalName.first', 'string')] },
    store: true,
    storeFile: nextStoreFile(),
  });
  assert.equal((await send({ payload: { person: { legalName: {} } } })).output, 'invalid');
  const store = await (helper.getNode('s') as StoreConfigNode).acquire();
  assert.equal(await store.sumCounters('validation_failed', new Date(0)), 1);
});

/** A BambooHR record as the shipped mapping makes it, with the pay changed, and the canonical hire beside it. */
function mappedHire(payRate: string, extra: Record<string, unknown> = {}) {
  const canonical = sampleHire({ eventId: 'evt-77' });
  return {
    payload: { firstName: 'Ana', lastName: 'Silva', ssn: SSN, payRate, paidPer: 'Year' },
    canonical,
    person: { guid: 'guid-ana' },
    topic: 'hire-ana',
    ...extra,
  };
}

const SSN = '078-05-1120';
const payOnly = (storeFile: string): Setup => ({ store: true, storeFile, checks: 'pay', payFormat: 'bamboohr' });
const storeOf = () => (helper.getNode('s') as StoreConfigNode).acquire();
/** The held reviews as a user allowed personal data reads them. */
const heldReviews = async () =>
  (await helper.request().get('/hr-validator/reviews/personal').expect(200)).body.reviews as Array<{
    id: number;
    node: string;
    items: Array<{ message: string }>;
  }>;

test('a mapped BambooHR record 3 % off the offer is held for review, encrypted in the store, and leaves by the review output', async () => {
  const file = nextStoreFile();
  const send = await load(payOnly(file));
  const { output, msg } = await send(mappedHire('106090 USD'));
  assert.equal(output, 'review');
  assert.match(
    msg.validation.review[0]!.message,
    /payRate, 106090\.00 USD per year, is 3 % above the offer's 103000\.00 USD per year/,
  );

  const [held, ...others] = await heldReviews();
  assert.equal(others.length, 0);
  assert.equal(held?.node, 'v');
  assert.match(held!.items[0]!.message, /106090\.00 USD/);
  const restricted = JSON.stringify((await helper.request().get('/hr-validator/reviews').expect(200)).body);
  assert.doesNotMatch(restricted, /106090|103000/, 'a viewer without hr-sync.personal sees no pay figure');
  assert.match(restricted, /"node":"v"/, 'but sees the review and its validator');
  assert.equal((msg.review as { id: number }).id, held?.id);
  const store = await storeOf();
  assert.equal((await store.getReview(held!.id))?.personGuid, 'guid-ana');
  assert.equal(await store.sumCounters('review_items', new Date(0)), 1);
  const bytes = ['', '-wal']
    .map((suffix) => path.join(userDir, file + suffix))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f));
  assert.ok(bytes.length > 0);
  for (const b of bytes) assert.equal(b.includes(SSN), false, 'the held record is encrypted at rest');
});

test('approving a held record sends it once by the valid output, as it arrived, with the approver audited', async () => {
  const send = await load(payOnly(nextStoreFile()));
  await send(mappedHire('106090 USD'));
  const [held] = await heldReviews();

  const approved = await send.arrival(
    'the approved record',
    () =>
      void helper
        .request()
        .post(`/hr-validator/reviews/${held!.id}`)
        .send({ decision: 'approved' })
        .expect(200)
        .then(() => undefined),
  );
  assert.equal(approved.output, 'valid');
  assert.deepEqual(
    approved.msg.payload,
    mappedHire('106090 USD').payload,
    'the record is sent as it arrived, secrets included',
  );
  assert.equal(approved.msg.topic, 'hire-ana');
  assert.deepEqual((approved.msg.canonical as { eventId: string }).eventId, 'evt-77');
  assert.equal(approved.msg.validation.status, 'valid');
  assert.deepEqual(approved.msg.review, {
    ...(approved.msg.review as object),
    id: held!.id,
    decision: 'approved',
    decidedBy: 'editor',
  });

  const again = await helper
    .request()
    .post(`/hr-validator/reviews/${held!.id}`)
    .send({ decision: 'approved' })
    .expect(409);
  assert.equal(again.body.error.code, 'validator.review_decided');
  await settle();
  assert.equal(send.arrivals.length, 2, 'a second approval sends nothing');
  assert.deepEqual(await heldReviews(), []);
  const audit = await (await storeOf()).auditEntries();
  assert.ok(audit.some((e) => e.action === 'review.approved' && e.actor === 'editor'));
});

test('two approvals at once send the held record once', async () => {
  const send = await load(payOnly(nextStoreFile()));
  await send(mappedHire('106090 USD'));
  const [held] = await heldReviews();
  const statuses = await Promise.all(
    [1, 2, 3].map(() =>
      helper
        .request()
        .post(`/hr-validator/reviews/${held!.id}`)
        .send({ decision: 'approved', node: 'v' })
        .then((r) => r.status),
    ),
  );
  assert.deepEqual(statuses.sort(), [200, 409, 409]);
  await settle(200);
  assert.deepEqual(
    send.arrivals.map((a) => a.output),
    ['review', 'valid'],
  );
});

test('rejecting a held record sends it by the invalid output, and its delivery is finished so a restart does not bring it back', async () => {
  const send = await load(payOnly(nextStoreFile()));
  const store = await storeOf();
  const event = { vendor: 'greenhouse', id: 'hire:app-1:offer-1' };
  await store.recordEvent({
    source: event.vendor,
    eventId: event.id,
    type: 'hire',
    receivedAt: new Date(),
    payload: {},
  });
  await send(mappedHire('106090 USD', { event }));
  const [held] = await heldReviews();

  const rejected = await send.arrival(
    'the rejected record',
    () =>
      void helper
        .request()
        .post(`/hr-validator/reviews/${held!.id}`)
        .send({ decision: 'rejected' })
        .expect(200)
        .then(() => undefined),
  );
  assert.equal(rejected.output, 'invalid');
  assert.equal(rejected.msg.validation.status, 'invalid');
  assert.deepEqual(
    rejected.msg.validation.errors.map((e) => [e.field, e.rule]),
    [['payRate', 'reviewRejected']],
  );
  assert.match(rejected.msg.validation.errors[0]!.message, /editor rejected this in review/);
  assert.deepEqual(
    (await store.pendingEvents()).filter((e) => e.source === 'greenhouse'),
    [],
  );
  assert.ok((await store.auditEntries()).some((e) => e.action === 'review.rejected'));
});

test('the same delivery arriving again while its review is open is held once', async () => {
  const send = await load(payOnly(nextStoreFile()));
  const event = { vendor: 'greenhouse', id: 'hire:app-1:offer-1' };
  await send(mappedHire('106090 USD', { event }));
  helper.getNode('v').receive(mappedHire('106090 USD', { event }) as never);
  await settle(200);
  assert.equal(send.arrivals.length, 1, 'the repeat leaves by no output');
  assert.equal((await heldReviews()).length, 1);
});

test('a record held before a restart is approved after it and sent on', async () => {
  const file = nextStoreFile();
  await (
    await load(payOnly(file))
  )(mappedHire('106090 USD'));
  const [held] = await heldReviews();
  await helper.unload();

  const send = await load(payOnly(file));
  const approved = await send.arrival(
    'the approved record',
    () =>
      void helper
        .request()
        .post(`/hr-validator/reviews/${held!.id}`)
        .send({ decision: 'approved' })
        .expect(200)
        .then(() => undefined),
  );
  assert.equal(approved.output, 'valid');
  assert.equal((approved.msg.payload as { payRate: string }).payRate, '106090 USD');
});

test('a decision interrupted by a restart is finished once when the flow starts again', async () => {
  const file = nextStoreFile();
  const before = await load(payOnly(file));
  await before(mappedHire('106090 USD'));
  await before(mappedHire('106090 USD', { topic: 'second', event: { vendor: 'greenhouse', id: 'other' } }));
  const [first, second] = await heldReviews();
  // As decide() leaves the store when the process dies after journaling: one review already approved, one not yet.
  const store = await storeOf();
  for (const review of [first!, second!]) {
    await store.recordEvent({
      source: 'hr-validator.review',
      eventId: String(review.id),
      type: 'review.approved',
      receivedAt: new Date(),
      payload: { node: 'v', decision: 'approved', actor: 'dana' },
    });
  }
  await store.decideReview(first!.id, 'approved', 'dana');
  await helper.unload();

  const send = await load(payOnly(file));
  await until(() => send.arrivals.length === 2);
  await settle(200);
  assert.deepEqual(
    send.arrivals.map((a) => [a.output, a.msg.topic, (a.msg.review as { decidedBy: string }).decidedBy]).sort(),
    [
      ['valid', 'hire-ana', 'dana'],
      ['valid', 'second', 'dana'],
    ],
  );
  assert.equal((await (await storeOf()).getReview(second!.id))?.decidedBy, 'dana');
  await helper.request().post(`/hr-validator/reviews/${first!.id}`).send({ decision: 'approved' }).expect(409);
  await helper.unload();

  const restarted = await load(payOnly(file));
  await settle(300);
  assert.equal(restarted.arrivals.length, 0, 'nothing is sent again after the next restart');
});

test('deciding a review that no deployed validator holds, or with a bad decision, is refused', async () => {
  await load(payOnly(nextStoreFile()));
  await helper.request().post('/hr-validator/reviews/999').send({ decision: 'approved' }).expect(404);
  await helper.request().post('/hr-validator/reviews/1').send({ decision: 'maybe' }).expect(400);
});

test('pay that cannot be read makes the record invalid, naming the field', async () => {
  const send = await load(payOnly(nextStoreFile()));
  const { output, msg } = await send(mappedHire('106090'));
  assert.equal(output, 'invalid');
  assert.deepEqual(
    msg.validation.errors.map((e) => [e.field, e.rule]),
    [['payRate', 'payUnreadable']],
  );
  assert.match(msg.validation.errors[0]!.message, /no currency/);
});

test('without a store nothing is kept and the validator still sorts records', async () => {
  const send = await load({ dictionary: { version: '1', fields: [field('person.legalName.first', 'string')] } });
  assert.equal((await send({ payload: { person: { legalName: {} } } })).output, 'invalid');
});
