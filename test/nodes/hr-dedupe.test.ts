import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { Node } from 'node-red';
import { helper, nextMessage, collect, settle, useHelperWithTempDir } from '../support/nodeRed';
import storeNode = require('../../nodes/hr-store/hr-store');
import dedupeNode = require('../../nodes/hr-dedupe/hr-dedupe');
import dictionaryNode = require('../../nodes/hr-dictionary/hr-dictionary');
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import type { StoreConfigNode } from '../../nodes/common/storeRef';
import { sampleHire } from '../../lib/mapping/sampleHire';
import type { HireEvent } from '../../lib/model';
import { matchIndexOf, matchableFrom } from '../../lib/dedupe/matchable';
import { modelWithOverrides } from '../../nodes/hr-dedupe/settings';

type Msg = Record<string, unknown> & {
  person: {
    guid: string | null;
    decision: string;
    probability: number;
    explanation: { fields: Array<{ field: string; level: string; weight: number }> };
    reviewId?: number;
  };
};

const key = crypto.randomBytes(32).toString('hex');
const temp = useHelperWithTempDir('hr-dedupe-');
const newStoreFile = temp.storeFile;

function flow(file: string, extra: Record<string, unknown> = {}) {
  return [
    { id: 's', type: 'hr-store', file, secretFields: 'nationalId.value, dateOfBirth', keyEnv: '' },
    {
      id: 'd',
      type: 'hr-dedupe',
      store: 's',
      mergeThreshold: '0.95',
      reviewThreshold: '0.70',
      defaultCountry: 'US',
      model: '',
      ...extra,
      wires: [['new'], ['merged'], ['review']],
    },
    { id: 'new', type: 'helper' },
    { id: 'merged', type: 'helper' },
    { id: 'review', type: 'helper' },
    { id: 'c', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
}

const load = (file: string, extra?: Record<string, unknown>) =>
  helper.load([storeNode, dedupeNode], flow(file, extra) as never, { s: { encryptionKey: key } });
const store = () => (helper.getNode('s') as StoreConfigNode).acquire();

function hire(system: HireEvent['system'], candidateId: string, person: Partial<HireEvent['person']>): HireEvent {
  const base = sampleHire();
  return sampleHire({
    eventId: `${system}-${candidateId}`,
    system,
    person: { ...base.person, ...person },
    sourceIds: { system: system === 'merge' ? 'greenhouse' : system, candidateId, applicationId: `app-${candidateId}` },
  });
}

type Port = 'new' | 'merged' | 'review';

/** Sends one payload and resolves with the message from whichever output it left by. */
function deliver(payload: unknown): Promise<{ port: Port; msg: Msg }> {
  const ports: Port[] = ['new', 'merged', 'review'];
  return new Promise((resolve) => {
    const listeners = ports.map((port) => {
      const listener = (msg: unknown) => {
        ports.forEach((p, i) => helper.getNode(p).removeListener('input', listeners[i]!));
        resolve({ port, msg: msg as Msg });
      };
      helper.getNode(port).on('input', listener);
      return listener;
    });
    helper.getNode('d').receive({ payload } as never);
  });
}

const jon = hire('greenhouse', 'gh-1', {
  legalName: { first: 'Jon', last: 'Smith' },
  preferredName: undefined,
  emails: [{ address: 'jon.smith@example.com', type: 'personal' }],
  phones: [{ number: '+14155550123', type: 'mobile' }],
});

test('two deliveries of the same person (email case, phone formatting, Jon vs John) resolve to one GUID', async () => {
  await load(newStoreFile());
  const first = await deliver(jon);
  assert.equal(first.port, 'new');
  assert.match(first.msg.person.guid ?? '', /^[0-9a-f-]{36}$/);

  const again = hire('lever', 'lv-77', {
    legalName: { first: 'John', last: 'Smith' },
    preferredName: undefined,
    emails: [{ address: 'Jon.Smith@EXAMPLE.com', type: 'personal' }],
    phones: [{ number: '(415) 555-0123', type: 'mobile' }],
  });
  const second = await deliver(again);
  assert.equal(second.port, 'merged');
  assert.equal(second.msg.person.guid, first.msg.person.guid);
  assert.equal(second.msg.person.decision, 'merge');
  assert.ok(second.msg.person.probability >= 0.95);
  assert.equal(
    (second.msg.payload as HireEvent).person.phones[0]?.number,
    '+14155550123',
    'the payload continues with the phone in E.164',
  );
  const s = await store();
  assert.equal(
    await s.findByExternalId('lever', 'lv-77'),
    first.msg.person.guid,
    'the new system id is linked to the person',
  );
});

test('a redelivery from the same system is recognised by its external id', async () => {
  await load(newStoreFile());
  const first = await deliver(jon);
  const second = await deliver({
    ...jon,
    eventId: 'redelivered',
    person: { ...jon.person, emails: [{ address: 'new@example.net', type: 'personal' }] },
  });
  assert.equal(second.port, 'merged');
  assert.equal(second.msg.person.guid, first.msg.person.guid);
});

const ana = hire('greenhouse', 'gh-2', {
  legalName: { first: 'Ana', last: 'Silva' },
  emails: [{ address: 'ana.silva@example.com', type: 'work' }],
  phones: [],
  dateOfBirth: '1990-05-17',
});
// Same address, different names: a shared inbox or a mistyped address, which a person must look at.
const maria = hire('lever', 'lv-2', {
  legalName: { first: 'Maria', last: 'Costa' },
  preferredName: 'Maria',
  emails: [{ address: 'ana.silva@example.com', type: 'work' }],
  phones: [],
});

test('a near match lands in review with an explanation, and approving it through the admin endpoint sends a merge message', async () => {
  await load(newStoreFile());
  const first = await deliver(ana);
  const near = await deliver(maria);
  assert.equal(near.port, 'review');
  assert.equal(near.msg.person.guid, null);
  assert.ok(near.msg.person.probability >= 0.7 && near.msg.person.probability < 0.95);
  const byField = new Map(near.msg.person.explanation.fields.map((f) => [f.field, f]));
  assert.equal(byField.get('email')?.level, 'exact');
  assert.equal(byField.get('forename')?.level, 'different');
  assert.ok((byField.get('surname')?.weight ?? 0) < 0, 'the explanation shows what pulled the score down');
  const review = near.msg.review as { id: number; candidate: { guid: string; record: { dateOfBirth: string } } };
  assert.equal(review.candidate.guid, first.msg.person.guid);
  assert.notEqual(review.candidate.record.dateOfBirth, '1990-05-17', 'secret fields are masked on the message');

  const listed = await helper.request().get('/hr-dedupe/reviews').expect(200);
  assert.deepEqual(
    listed.body.reviews.map((r: { id: number }) => r.id),
    [near.msg.person.reviewId],
  );
  assert.doesNotMatch(JSON.stringify(listed.body), /1990-05-17/, 'the review list masks secret fields');

  const merged = nextMessage<Msg>(helper.getNode('merged'));
  const res = await helper
    .request()
    .post(`/hr-dedupe/reviews/${near.msg.person.reviewId}`)
    .send({ decision: 'approved' })
    .expect(200);
  assert.equal(res.body.guid, first.msg.person.guid);
  const msg = await merged;
  assert.equal(msg.person.guid, first.msg.person.guid);
  assert.equal(msg.person.decision, 'merge');
  assert.equal((msg.payload as HireEvent).sourceIds.candidateId, 'lv-2');
  assert.equal(await (await store()).findByExternalId('lever', 'lv-2'), first.msg.person.guid);

  await helper
    .request()
    .post(`/hr-dedupe/reviews/${near.msg.person.reviewId}`)
    .send({ decision: 'approved' })
    .expect(404);
  assert.deepEqual((await helper.request().get('/hr-dedupe/reviews').expect(200)).body.reviews, []);
});

test('rejecting a review sends the person on as new with a GUID of their own', async () => {
  await load(newStoreFile());
  const first = await deliver(ana);
  const near = await deliver(maria);
  const created = nextMessage<Msg>(helper.getNode('new'));
  await helper
    .request()
    .post(`/hr-dedupe/reviews/${near.msg.person.reviewId}`)
    .send({ decision: 'rejected' })
    .expect(200);
  const msg = await created;
  assert.equal(msg.person.decision, 'new');
  assert.ok(msg.person.guid && msg.person.guid !== first.msg.person.guid);
  await helper.request().post('/hr-dedupe/reviews/1').send({ decision: 'maybe' }).expect(400);
});

test('concurrent messages for the same new person create one GUID', async () => {
  await load(newStoreFile());
  const news = collect(helper.getNode('new'));
  const merges = collect(helper.getNode('merged'));
  const d = helper.getNode('d');
  for (let i = 0; i < 5; i++) d.receive({ payload: { ...jon, eventId: `e-${i}` } } as never);
  while (news.length + merges.length < 5) await settle(10);
  assert.equal(news.length, 1);
  const guids = new Set([...news, ...merges].map((m) => (m as Msg).person.guid));
  assert.equal(guids.size, 1);
});

test('after a restart with the same store file, identities and open reviews are still there', async () => {
  const file = newStoreFile();
  await load(file);
  const first = await deliver(ana);
  const near = await deliver(maria);
  await helper.unload();

  await load(file);
  const again = await deliver({ ...ana, eventId: 'after-restart' });
  assert.equal(again.port, 'merged');
  assert.equal(again.msg.person.guid, first.msg.person.guid);
  const listed = await helper.request().get('/hr-dedupe/reviews').expect(200);
  assert.deepEqual(
    listed.body.reviews.map((r: { id: number }) => r.id),
    [near.msg.person.reviewId],
  );
  const merged = nextMessage<Msg>(helper.getNode('merged'));
  await helper
    .request()
    .post(`/hr-dedupe/reviews/${near.msg.person.reviewId}`)
    .send({ decision: 'approved' })
    .expect(200);
  assert.equal((await merged).person.guid, first.msg.person.guid);
});

test('a forgotten person is dropped and audited, and nothing is sent on', async () => {
  await load(newStoreFile());
  const first = await deliver(jon);
  const s = await store();
  await s.forget(first.msg.person.guid!, 'test');
  const seen = [...['new', 'merged', 'review'].map((id) => collect(helper.getNode(id)))];
  helper.getNode('d').receive({ payload: { ...jon, eventId: 'after-forget' } } as never);
  let dropped;
  while (!dropped) {
    await settle(10);
    dropped = (await s.auditEntries()).find((e) => e.action === 'dedupe.dropped_forgotten');
  }
  assert.equal(dropped.eventId, 'after-forget');
  assert.equal(seen.flat().length, 0);
});

test('someone sharing only a phone number with a forgotten person is not dropped: a shared line is not an identity', async () => {
  await load(newStoreFile());
  const first = await deliver(jon);
  await (await store()).forget(first.msg.person.guid!, 'test');
  const flatmate = hire('lever', 'lv-9', {
    legalName: { first: 'Priya', last: 'Nair' },
    emails: [{ address: 'priya.nair@example.com', type: 'personal' }],
    phones: jon.person.phones,
  });
  const arrived = await deliver(flatmate);
  assert.equal(arrived.port, 'new');
  assert.notEqual(arrived.msg.person.guid, first.msg.person.guid);
});

async function caughtError(payload: unknown): Promise<{ code: string; message: string }> {
  const caught = nextMessage(helper.getNode('caught'));
  helper.getNode('d').receive({ payload } as never);
  return (await caught).error as { code: string; message: string };
}

test('a payload that is not a person or hire reaches Catch nodes with a code, and the message names the field', async () => {
  await load(newStoreFile());
  assert.equal((await caughtError('hello')).code, 'dedupe.payload_invalid');
  const badEmail = await caughtError({
    ...jon,
    person: { ...jon.person, emails: [{ address: 'not-an-email', type: 'work' }] },
  });
  assert.equal(badEmail.code, 'dedupe.payload_invalid');
  assert.match(badEmail.message, /person\.emails\.0\.address/);
  const badPhone = await caughtError({ ...jon, person: { ...jon.person, phones: [{ number: '12', type: 'mobile' }] } });
  assert.match(badPhone.message, /person\.phones\.0\.number/);
});

test('a store that cannot open gives a clear error on the message and on the status', async () => {
  await helper.load([storeNode, dedupeNode], flow(newStoreFile()) as never);
  const d = helper.getNode('d') as Node & { status: { lastCall: { args: [{ fill: string; text: string }] } } };
  const error = await caughtError(jon);
  assert.equal(error.code, 'store.key_missing');
  assert.equal(d.status.lastCall.args[0].fill, 'red');
});

test('impossible settings stop the node with a message saying which', async () => {
  await load(newStoreFile(), { mergeThreshold: '0.6', reviewThreshold: '0.8' });
  const error = await caughtError(jon);
  assert.equal(error.code, 'dedupe.config_invalid');
  assert.match(error.message, /reviewThreshold/);
});

test('weight overrides change the score, and an unknown level is refused by name', async () => {
  await load(newStoreFile(), { model: JSON.stringify({ email: { exact: { u: 0.5 } } }) });
  await deliver(ana);
  assert.equal((await deliver(maria)).port, 'new', 'an email shared by half the population is no evidence');
  await helper.unload();
  await load(newStoreFile(), { model: JSON.stringify({ email: { fuzzy: { m: 0.5 } } }) });
  assert.match((await caughtError(jon)).message, /level "fuzzy" of email/);
});

test('a person arriving again while their review is open joins that review: one review item, holding the latest delivery', async () => {
  await load(newStoreFile());
  const first = await deliver(ana);
  const near = await deliver(maria);
  assert.equal(near.port, 'review');
  const redelivered = {
    ...maria,
    eventId: 'lever-lv-2-again',
    person: { ...maria.person, phones: [{ number: '+14155550999', type: 'mobile' as const }] },
  };
  const again = await deliver(redelivered);
  assert.equal(again.port, 'review');
  assert.equal(again.msg.person.reviewId, near.msg.person.reviewId);
  assert.equal((again.msg.review as { updated: boolean }).updated, true);
  const s = await store();
  const open = await s.listReviews('open');
  assert.deepEqual(
    open.map((r) => r.id),
    [near.msg.person.reviewId],
    'no second review item',
  );
  assert.equal(
    (open[0]?.payload as { payload: HireEvent }).payload.eventId,
    'lever-lv-2-again',
    'the review holds the latest delivery',
  );

  const merged = nextMessage<Msg>(helper.getNode('merged'));
  await helper
    .request()
    .post(`/hr-dedupe/reviews/${near.msg.person.reviewId}`)
    .send({ decision: 'approved' })
    .expect(200);
  const msg = await merged;
  assert.equal(msg.person.guid, first.msg.person.guid);
  assert.equal((msg.payload as HireEvent).eventId, 'lever-lv-2-again');
});

test('a person under review takes part in matching: a later duplicate sharing no identifier joins that review, a namesake does not', async () => {
  await load(newStoreFile());
  const home = { line1: 'Rua Augusta 10, 2º', city: 'Lisboa', postalCode: '1100-053', country: 'PT' };
  const first = await deliver(ana);
  const underReview = await deliver({ ...maria, person: { ...maria.person, address: home } });
  assert.equal(underReview.port, 'review');

  // The same Maria from another ATS: new email, no phone, the street abbreviated; nothing the store holds for Ana.
  const later = hire('workable', 'wk-9', {
    legalName: { first: 'Maria', last: 'Costa' },
    preferredName: undefined,
    emails: [{ address: 'mcosta@example.net', type: 'personal' }],
    phones: [],
    address: { ...home, line1: 'R. Augusta 10 2º' },
  });
  const joined = await deliver(later);
  assert.equal(joined.port, 'review');
  assert.equal(
    joined.msg.person.reviewId,
    underReview.msg.person.reviewId,
    'the later duplicate joins the open review',
  );
  assert.equal((joined.msg.review as { updated: boolean }).updated, true);

  // A namesake elsewhere is scored against the person under review too, and stays a new person.
  const namesake = hire('workable', 'wk-10', {
    legalName: { first: 'Maria', last: 'Costa' },
    preferredName: undefined,
    emails: [{ address: 'maria.costa@example.com', type: 'personal' }],
    phones: [],
    address: { line1: '5 Elm Street', city: 'Austin', postalCode: '78701', country: 'US' },
    dateOfBirth: '1971-01-30',
  });
  assert.equal((await deliver(namesake)).port, 'new');
  assert.deepEqual(
    (await (await store()).listReviews('open')).map((r) => r.id),
    [underReview.msg.person.reviewId],
    'one review item',
  );

  const merged = nextMessage<Msg>(helper.getNode('merged'));
  await helper
    .request()
    .post(`/hr-dedupe/reviews/${underReview.msg.person.reviewId}`)
    .send({ decision: 'approved' })
    .expect(200);
  const msg = await merged;
  assert.equal(msg.person.guid, first.msg.person.guid);
  assert.equal((msg.payload as HireEvent).sourceIds.candidateId, 'wk-9', 'the decision applies to the latest delivery');
});

test('learning the weights: nothing to learn from before a lookup; afterwards EM answers with every level, as overrides the node accepts', async () => {
  await load(newStoreFile());
  const early = await helper.request().post('/hr-dedupe/d/learn-weights').send({}).expect(409);
  assert.equal(early.body.error.code, 'match.estimate_no_pairs');
  await helper.request().post('/hr-dedupe/nope/learn-weights').send({}).expect(404);

  await deliver(ana);
  await deliver(jon);
  await deliver({
    ...jon,
    eventId: 'gh-1-typo',
    sourceIds: { ...jon.sourceIds, candidateId: 'gh-1b' },
    person: { ...jon.person, legalName: { first: 'John', last: 'Smith' }, emails: [] },
  });
  const learnt = await helper.request().post('/hr-dedupe/d/learn-weights').send({}).expect(200);
  assert.ok(learnt.body.blockedPairs >= 1, 'the pairs the node scored are what EM reads');
  const fields = new Set(learnt.body.levels.map((l: { field: string }) => l.field));
  for (const f of ['forename', 'surname', 'dateOfBirth', 'street', 'nationalId']) assert.ok(fields.has(f), f);
  assert.doesNotThrow(() => modelWithOverrides(JSON.stringify(learnt.body.overrides)));
});

/** A store of 10,000 persons with 30 common forenames and surnames held once each, as term frequencies need. */
async function seedCompany(): Promise<void> {
  const forenames =
    'Jennifer John Maria Wei Ana Lars Chidi Aoife Jose Yuki Omar Lena Priya Fatima Sarah David Linda Robert Susan Thomas James Mary Karen Daniel Laura Kevin Emily Paul Nancy Mark'.split(
      ' ',
    );
  const people = Array.from({ length: 10_000 }, (_, i) => ({
    legalName: { first: forenames[i % 30]!, last: `Other${i}` },
    emails: [{ address: `p${i}@example.com` }],
    phones: [],
  }));
  await (await store()).createPersons(people.map((record) => ({ record, ...matchIndexOf(matchableFrom(record, [])) })));
}

const jennifer = (candidateId: string, email: string, phone: string) =>
  hire('greenhouse', candidateId, {
    legalName: { first: 'Jennifer', last: 'Wenzanro' },
    preferredName: undefined,
    dateOfBirth: undefined,
    emails: [{ address: email, type: 'personal' }],
    phones: [{ number: phone, type: 'mobile' }],
  });

test('a rare full name coming back with a new email and phone lands in review; with the rare-name setting at 1 it is a new person', async () => {
  await load(newStoreFile());
  await seedCompany();
  const first = await deliver(jennifer('gh-10', 'jen@example.com', '+14155550101'));
  const back = await deliver(jennifer('gh-11', 'j.wenzanro@other.org', '+14155550202'));
  assert.equal(back.port, 'review');
  assert.ok(back.msg.person.probability < 0.7, 'below the review threshold on its score');
  assert.equal((back.msg.review as { candidate: { guid: string } }).candidate.guid, first.msg.person.guid);
  await helper.unload();

  await load(newStoreFile(), { identityAloneThreshold: '1' });
  await seedCompany();
  await deliver(jennifer('gh-10', 'jen@example.com', '+14155550101'));
  assert.equal((await deliver(jennifer('gh-11', 'j.wenzanro@other.org', '+14155550202'))).port, 'new');
});

test("review copies follow the node's dictionary: a field it marks secret is masked; personal data only on the /personal route", async () => {
  const dictionary = {
    version: 'custom-1',
    fields: defaultDictionary.fields.map((f) =>
      f.name === 'person.address.postalCode' ? { ...f, sensitivity: 'secret' } : f,
    ),
  };
  const file = newStoreFile();
  await helper.load(
    [dictionaryNode, storeNode, dedupeNode],
    [{ id: 'dict', type: 'hr-dictionary', dictionary }, ...flow(file, { dictionary: 'dict' })] as never,
    { s: { encryptionKey: key } },
  );
  const address = { line1: '1 Main St', city: 'Springfield', postalCode: 'SW1A 1AA', country: 'US' };
  await deliver({ ...ana, person: { ...ana.person, address } });
  const near = await deliver({ ...maria, person: { ...maria.person, address } });
  assert.equal(near.port, 'review');
  assert.doesNotMatch(JSON.stringify(near.msg.review), /SW1A 1AA/, 'the message carries the review copy masked');
  assert.match(
    JSON.stringify(near.msg.review),
    /Springfield/,
    'what the dictionary keeps personal stays on the message',
  );

  const full = JSON.stringify((await helper.request().get('/hr-dedupe/reviews/personal').expect(200)).body);
  assert.match(full, /Maria/);
  assert.doesNotMatch(full, /SW1A 1AA/);
  const restricted = JSON.stringify((await helper.request().get('/hr-dedupe/reviews').expect(200)).body);
  for (const personal of ['Maria', 'ana.silva@example.com', 'Springfield', 'SW1A 1AA'])
    assert.ok(!restricted.includes(personal), `a viewer without hr-sync.personal sees ${personal}`);
});
