import { test } from 'node:test';
import assert from 'node:assert/strict';
import { helper, nextMessage, useHelperWithTempDir } from '../support/nodeRed';
import storeNode = require('../../nodes/hr-store/hr-store');
import dedupeNode = require('../../nodes/hr-dedupe/hr-dedupe');
import healthNode = require('../../nodes/hr-health/hr-health');
import sidebarPlugin = require('../../plugins/hr-sync-sidebar/hr-sync-sidebar');
import type { StoreConfigNode } from '../../nodes/common/storeRef';
import { checkCompensation, varianceThreshold } from '../../lib/dictionary/compensationCheck';
import { compilePayReader } from '../../lib/dictionary/payReading';
import validatorNode = require('../../nodes/hr-validator/hr-validator');
import { METRICS } from '../../lib/health/metrics';
import { sampleHire } from '../../lib/mapping/sampleHire';
import type { HireEvent } from '../../lib/model';
import type { HrStore } from '../../lib/store';
import dictionaryNode = require('../../nodes/hr-dictionary/hr-dictionary');
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import type { NodeAPI } from 'node-red';
import type { Request, Response, NextFunction } from 'express';

// Node-RED's own scope check, the one RED.auth.needsPermission applies to a signed-in user.
// An internal module of Node-RED, untyped: required, not imported.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { hasPermission } = require('@node-red/editor-api/lib/auth/permissions') as {
  hasPermission(scope: string | string[], permission: string | string[]): boolean;
};

const DOB = '1990-05-17';
const SSN = '123-45-6789';
const HOUR = 3_600_000;

/** A dictionary with a field the user marked secret: the sidebar masks it though no default list knows it. */
const customDictionary = {
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
const BADGE_PIN = 'PIN-77310';

/**
 * The plugin with admin routes guarded as in a Node-RED with adminAuth on: the test helper's
 * needsPermission lets everything through, so the signed-in user's scope (header x-scope, '*' for
 * an administrator; JSON, as a user's scope may be a list) is checked with Node-RED's own hasPermission.
 */
const sidebarWithAuth = (RED: NodeAPI) => {
  const needsPermission = (permission: string | string[]) => (req: Request, res: Response, next: NextFunction) =>
    hasPermission(JSON.parse(req.get('x-scope') ?? '"*"') as string | string[], permission)
      ? next()
      : void res.status(401).end();
  return sidebarPlugin({ ...RED, auth: { ...RED.auth, needsPermission } } as unknown as NodeAPI);
};

const temp = useHelperWithTempDir('hr-sync-sidebar-');
async function load(): Promise<HrStore> {
  const flow = [
    { id: 'dict', type: 'hr-dictionary', name: 'Custom', dictionary: customDictionary },
    { id: 's', type: 'hr-store', name: 'Hires', file: temp.storeFile(), secretFields: 'dateOfBirth', keyEnv: '' },
    {
      id: 'd',
      type: 'hr-dedupe',
      store: 's',
      mergeThreshold: '0.95',
      reviewThreshold: '0.70',
      defaultCountry: 'US',
      model: '',
      wires: [['new'], ['merged'], ['review']],
    },
    { id: 'h', type: 'hr-health', name: 'Watch', store: 's', interval: 60, wires: [[]] },
    {
      id: 'v',
      type: 'hr-validator',
      store: 's',
      checks: 'pay',
      threshold: '2',
      wires: [['valid'], ['invalid'], ['held']],
    },
    { id: 'valid', type: 'helper' },
    { id: 'invalid', type: 'helper' },
    { id: 'held', type: 'helper' },
    { id: 'new', type: 'helper' },
    { id: 'merged', type: 'helper' },
    { id: 'review', type: 'helper' },
  ];
  await helper.load(
    [dictionaryNode, storeNode, dedupeNode, healthNode, validatorNode, sidebarWithAuth],
    flow as never,
    { s: { encryptionKey: 'a'.repeat(64) } },
  );
  return (helper.getNode('s') as StoreConfigNode).acquire();
}

function hire(system: 'greenhouse' | 'lever', candidateId: string, person: Partial<HireEvent['person']>): HireEvent {
  const base = sampleHire();
  return sampleHire({
    eventId: `${system}-${candidateId}`,
    system,
    person: { ...base.person, ...person },
    sourceIds: { system, candidateId, applicationId: `app-${candidateId}` },
  });
}

/** Ana is on file; Maria arrives with Ana's address: a possible duplicate a person must look at. */
async function seedDuplicate(): Promise<void> {
  const ana = hire('greenhouse', 'gh-2', {
    legalName: { first: 'Ana', last: 'Silva' },
    emails: [{ address: 'ana.silva@example.com', type: 'work' }],
    phones: [],
    dateOfBirth: DOB,
  });
  const maria = hire('lever', 'lv-2', {
    legalName: { first: 'Maria', last: 'Costa' },
    preferredName: 'Maria',
    emails: [{ address: 'ana.silva@example.com', type: 'work' }],
    phones: [],
    dateOfBirth: DOB,
  });
  const created = nextMessage(helper.getNode('new'));
  helper.getNode('d').receive({ payload: ana } as never);
  await created;
  const held = nextMessage(helper.getNode('review'));
  helper.getNode('d').receive({ payload: maria } as never);
  await held;
}

const varianceRecord = { firstName: 'Ana', compensation: { amount: '108150.00', currency: 'USD', period: 'year' } };

/** A review item for a salary 5 % above the offer that only the store knows (no validator holds its record). */
async function seedVariance(store: HrStore) {
  const { review } = checkCompensation(varianceRecord, sampleHire(), {
    pay: compilePayReader('compensation'),
    offer: 'offer.compensation',
    threshold: varianceThreshold('0.02'),
    assumptions: {},
  });
  return store.addReview({
    kind: 'compensation_variance',
    explanation: review.map((r) => r.message).join('\n'),
    payload: { eventId: 'sample-1', review },
  });
}

async function seedDeadLetter(store: HrStore) {
  const { entry } = await store.enqueue({
    idempotencyKey: 'create:gh-9',
    operation: 'create',
    target: 'bamboohr',
    payload: {
      record: { firstName: 'Bo', ssn: SSN, socialSecurityNumber: '987654321', custom: { badgePin: BADGE_PIN } },
    },
  });
  await store.claimDue(new Date(), 10);
  await store.deadLetter(
    entry.id,
    `hris.invalid: BambooHR says: Invalid field "shoeSize"; SSN 111223333 on file; badge ${BADGE_PIN} unknown`,
  );
  return entry.id;
}

/** The overview as an administrator's sidebar reads it (the editor asks for personal data when the user may see it). */
const overview = async () => (await helper.request().get('/hr-sync/overview/personal').expect(200)).body;

test('the health figures count the last 24 hours and 7 days, with one value per day for the trend', async () => {
  const store = await load();
  const now = Date.now();
  await store.count(METRICS.eventsIn, { vendor: 'greenhouse' }, 4, new Date(now - 2 * HOUR));
  await store.count(METRICS.eventsIn, { vendor: 'lever' }, 3, new Date(now - 72 * HOUR));
  await store.count(METRICS.eventsIn, { vendor: 'lever' }, 50, new Date(now - 10 * 24 * HOUR));
  await store.count(METRICS.writesFailed, { target: 'bamboohr' }, 2, new Date(now - HOUR));

  const [site] = (await overview()).stores;
  assert.equal(site.name, 'Hires');
  const figure = (name: string) => site.health.find((f: { name: string }) => f.name === name);
  assert.deepEqual([figure('events').last24h, figure('events').last7d], [4, 7]);
  assert.equal(figure('events').daily.length, 7);
  assert.equal(
    figure('events').daily.at(-1) + figure('events').daily.at(-2),
    4,
    'today (or yesterday, just after midnight) holds the recent events',
  );
  assert.equal(
    figure('events').daily.reduce((a: number, b: number) => a + b, 0),
    7,
    'the week before is left out of the trend',
  );
  assert.deepEqual([figure('failures').last24h, figure('successes').last7d], [2, 0]);
});

test('the health monitor on the store is listed with its rules', async () => {
  await load();
  const [site] = (await overview()).stores;
  assert.deepEqual(
    site.monitors.map((m: { id: string; name: string }) => [m.id, m.name]),
    [['h', 'Watch']],
  );
  const rules = new Map(site.monitors[0].rules.map((r: { id: string; params: object }) => [r.id, r.params]));
  assert.deepEqual(rules.get('writes_failing'), { percent: 50, minCalls: 5, windowHours: 24 });
  assert.deepEqual(rules.get('dead_letters'), { max: 0, windowHours: 24 });
});

test('a possible duplicate shows both persons side by side with the field scores, secrets masked, and its dedupe node', async () => {
  await load();
  await seedDuplicate();
  const body = await overview();
  const [review] = body.stores[0].reviews;
  assert.equal(review.kind, 'possible_duplicate');
  assert.equal(review.node, 'd');
  const row = (field: string) => review.rows.find((r: { field: string }) => r.field === field);
  assert.deepEqual([row('legalName.first').incoming, row('legalName.first').candidate], ['Maria', 'Ana']);
  assert.deepEqual(
    [row('emails').incoming, row('emails').candidate],
    ['ana.silva@example.com', 'ana.silva@example.com'],
  );
  assert.equal(row('dateOfBirth').incoming, '[REDACTED]');
  const byField = new Map(review.comparisons.map((c: { field: string; level: string }) => [c.field, c.level]));
  assert.equal(byField.get('email'), 'exact');
  assert.equal(byField.get('forename'), 'different');
  assert.ok(review.probability > 0, 'the match probability is shown');
  assert.doesNotMatch(JSON.stringify(body), new RegExp(DOB));
});

test('approving a duplicate through its dedupe node sends the person on merged, and the sidebar no longer lists it', async () => {
  await load();
  await seedDuplicate();
  const [review] = (await overview()).stores[0].reviews;
  await helper.request().post(`/hr-sync/stores/s/reviews/${review.id}`).send({ decision: 'approved' }).expect(409);
  const merged = nextMessage(helper.getNode('merged'));
  await helper
    .request()
    .post(`/hr-dedupe/reviews/${review.id}`)
    .send({ decision: 'approved', node: review.node })
    .expect(200);
  const msg = await merged;
  assert.equal((msg.person as { guid: string }).guid, review.candidateGuid);
  assert.deepEqual((await overview()).stores[0].reviews, []);
});

test('a compensation variance shows both figures and is decided once, by the person who decided it, audited', async () => {
  const store = await load();
  const seeded = await seedVariance(store);
  const [review] = (await overview()).stores[0].reviews;
  assert.equal(review.kind, 'compensation_variance');
  assert.deepEqual(review.items[0].actual, { amount: '108150.00', currency: 'USD', period: 'year' });
  assert.deepEqual(review.items[0].expected, { amount: '103000.00', currency: 'USD', period: 'year' });
  assert.equal(review.items[0].variance, '0.050000');

  const res = await helper
    .request()
    .post(`/hr-sync/stores/s/reviews/${seeded.id}`)
    .send({ decision: 'rejected' })
    .expect(200);
  assert.equal(res.body.status, 'rejected');
  assert.deepEqual((await overview()).stores[0].reviews, []);
  assert.equal((await store.getReview(seeded.id))?.decidedBy, 'editor');
  assert.ok((await store.auditEntries()).some((e) => e.action === 'review.rejected'));
  await helper.request().post(`/hr-sync/stores/s/reviews/${seeded.id}`).send({ decision: 'approved' }).expect(409);
  await helper.request().post(`/hr-sync/stores/s/reviews/${seeded.id}`).send({ decision: 'maybe' }).expect(400);
  await helper.request().post('/hr-sync/stores/nope/reviews/1').send({ decision: 'approved' }).expect(404);
  await helper
    .request()
    .post(`/hr-sync/stores/s/reviews/${seeded.id + 100}`)
    .send({ decision: 'approved' })
    .expect(404);
});

test("a pay with no known period is listed with its reason and the offer's amount without a period", async () => {
  const store = await load();
  const offer = sampleHire();
  offer.offer.compensation = { amount: '32.50', currency: 'USD' };
  const { review } = checkCompensation({}, offer, {
    pay: compilePayReader('compensation'),
    offer: 'offer.compensation',
    threshold: varianceThreshold('0.02'),
    assumptions: {},
  });
  await store.addReview({
    kind: 'compensation_variance',
    explanation: review.map((r) => r.message).join('\n'),
    payload: { eventId: 'sample-1', review },
  });
  const [listed] = (await overview()).stores[0].reviews;
  assert.equal(listed.items[0].rule, 'pay_period_unknown');
  assert.deepEqual(listed.items[0].expected, { amount: '32.50', currency: 'USD' });
  assert.match(listed.items[0].message, /^Pay period unknown/);
});

test('a compensation variance held by a validator is decided through it: approving sends the record on to be written', async () => {
  await load();
  const held = nextMessage(helper.getNode('held'));
  helper.getNode('v').receive({ payload: varianceRecord, canonical: sampleHire() } as never);
  await held;
  const [review] = (await overview()).stores[0].reviews;
  assert.equal(review.kind, 'compensation_variance');
  assert.equal(review.node, 'v');
  assert.equal(review.items[0].variance, '0.050000');

  const refused = await helper
    .request()
    .post(`/hr-sync/stores/s/reviews/${review.id}`)
    .send({ decision: 'approved' })
    .expect(409);
  assert.equal(refused.body.error.code, 'hr-sync.review_owned_by_validator');
  const written = nextMessage(helper.getNode('valid'));
  await helper
    .request()
    .post(`/hr-validator/reviews/${review.id}`)
    .send({ decision: 'approved', node: review.node })
    .expect(200);
  assert.deepEqual((await written).payload, varianceRecord);
  assert.deepEqual((await overview()).stores[0].reviews, []);
});

test("a dead letter shows the failed write, the vendor's error and the attempts, with secret fields masked", async () => {
  const store = await load();
  const id = await seedDeadLetter(store);
  const body = await overview();
  const [dead] = body.stores[0].deadLetters;
  assert.equal(dead.id, id);
  assert.equal(dead.target, 'bamboohr');
  assert.equal(dead.attempts, 1);
  assert.match(dead.lastError, /shoeSize/);
  assert.equal(dead.payload.record.firstName, 'Bo');
  assert.equal(dead.payload.record.ssn, '[REDACTED]');
  assert.doesNotMatch(JSON.stringify(body), new RegExp(SSN));
});

test("a dead letter's identity numbers and the custom dictionary's secret field are masked in the payload and in the vendor's echoed error", async () => {
  const store = await load();
  await seedDeadLetter(store);
  const text = JSON.stringify(await overview());
  for (const secret of ['987654321', '111223333', BADGE_PIN])
    assert.ok(!text.includes(secret), `the sidebar shows ${secret}`);
  assert.match(text, /shoeSize/, 'the rest of the error stays readable');
});

test('a read-only user is refused personal data and sees personal fields masked; hr-sync.personal shows them', async () => {
  const store = await load();
  await seedDuplicate();
  await seedDeadLetter(store);
  await helper.request().get('/hr-sync/overview/personal').set('x-scope', '"read"').expect(401);
  const restricted = (await helper.request().get('/hr-sync/overview').set('x-scope', '"read"').expect(200)).body;
  assert.equal(restricted.personal, false);
  const text = JSON.stringify(restricted);
  for (const personal of ['ana.silva@example.com', 'Maria', 'Costa', DOB, BADGE_PIN, '987654321'])
    assert.ok(!text.includes(personal), `a read-only user sees ${personal}`);
  const [review] = restricted.stores[0].reviews;
  assert.ok(review.probability > 0, 'the review itself is still listed');
  assert.equal(review.rows.find((r: { field: string }) => r.field === 'emails').incoming, '[REDACTED]');
  await seedVariance(store);
  const hiddenPay = (
    await helper.request().get('/hr-sync/overview').set('x-scope', '"read"').expect(200)
  ).body.stores[0].reviews.find((r: { kind: string }) => r.kind === 'compensation_variance');
  assert.doesNotMatch(JSON.stringify(hiddenPay), /108150|103000/, 'a read-only user sees no pay figure');
  const [dead] = restricted.stores[0].deadLetters;
  assert.equal(
    dead.payload.record.firstName,
    '[REDACTED]',
    "a vendor record's values are hidden, its fields still named",
  );
  assert.match(dead.lastError, /shoeSize/);

  const permitted = (
    await helper
      .request()
      .get('/hr-sync/overview/personal')
      .set('x-scope', JSON.stringify(['read', 'hr-sync.personal']))
      .expect(200)
  ).body;
  assert.equal(permitted.personal, true);
  const shown = JSON.stringify(permitted);
  assert.match(shown, /ana\.silva@example\.com/);
  assert.match(shown, /Maria/);
  for (const secret of [DOB, BADGE_PIN, '987654321'])
    assert.ok(!shown.includes(secret), `secret ${secret} shown with hr-sync.personal`);
});

test('three flows that each bring a store on the same file show one store, naming the flows', async () => {
  const file = temp.storeFile();
  const flow = [
    { id: 't1', type: 'tab', label: 'Hire to HRIS' },
    { id: 't2', type: 'tab', label: 'Deletion request' },
    { id: 't3', type: 'tab', label: 'Health monitor' },
    { id: 's1', type: 'hr-store', name: 'Hires', file, secretFields: '', keyEnv: '' },
    { id: 's2', type: 'hr-store', name: 'Hires', file, secretFields: '', keyEnv: '' },
    { id: 's3', type: 'hr-store', name: 'Hires', file, secretFields: '', keyEnv: '' },
    {
      id: 'd',
      z: 't1',
      type: 'hr-dedupe',
      store: 's1',
      mergeThreshold: '0.95',
      reviewThreshold: '0.70',
      defaultCountry: 'US',
      model: '',
      wires: [[], [], []],
    },
    {
      id: 'd2',
      z: 't2',
      type: 'hr-dedupe',
      store: 's2',
      mergeThreshold: '0.95',
      reviewThreshold: '0.70',
      defaultCountry: 'US',
      model: '',
      wires: [[], [], []],
    },
    { id: 'h', z: 't3', type: 'hr-health', name: 'Watch', store: 's3', interval: 60, wires: [[]] },
  ];
  await helper.load([storeNode, dedupeNode, healthNode, sidebarWithAuth], flow as never);
  const res = await helper.request().get('/hr-sync/overview').expect(200);
  const stores = res.body.stores as Array<{
    id: string;
    flows: string[];
    dedupe: string[];
    monitors: Array<{ id: string }>;
  }>;
  assert.equal(stores.length, 1, 'one database, one entry');
  assert.deepEqual(stores[0]!.flows, ['Hire to HRIS', 'Deletion request', 'Health monitor']);
  assert.deepEqual(stores[0]!.dedupe, ['d', 'd2']);
  assert.deepEqual(
    stores[0]!.monitors.map((m) => m.id),
    ['h'],
  );
});
