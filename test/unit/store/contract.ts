/**
 * The behaviour every HrStore implementation must show, written against the interface only.
 * An implementation's test file calls runStoreContract with a factory for fresh, empty stores.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HrError } from '../../../lib/errors';
import { MASK } from '../../../lib/mask';
import type { HrStore } from '../../../lib/store/types';

export interface ContractStoreOptions {
  clock: () => Date;
  secretFields?: string[];
  key?: string;
}

export interface ContractFixture {
  store: HrStore;
  /** Closes the store and removes whatever the factory created. */
  dispose(): Promise<void>;
}

export type MakeStore = (options: ContractStoreOptions) => Promise<ContractFixture>;

export const TEST_KEY = Buffer.alloc(32, 7).toString('base64');
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** A clock the test moves by hand. */
export function manualClock(start = '2025-03-03T09:15:00.000Z') {
  let now = Date.parse(start);
  return { clock: () => new Date(now), advance: (ms: number) => { now += ms; }, now: () => new Date(now) };
}

export const rejectsWith = (code: string) => (err: unknown) => err instanceof HrError && err.code === code;

export function runStoreContract(name: string, makeStore: MakeStore): void {
  async function withStore(
    fn: (store: HrStore, time: ReturnType<typeof manualClock>) => Promise<void>,
    options: Omit<ContractStoreOptions, 'clock'> = {},
  ): Promise<void> {
    const time = manualClock();
    const fixture = await makeStore({ ...options, clock: time.clock });
    try {
      await fn(fixture.store, time);
    } finally {
      await fixture.dispose();
    }
  }

  const hire = (eventId: string, receivedAt: Date) => ({ eventId, source: 'greenhouse', type: 'hire', receivedAt, payload: { candidate: { id: 7 } } });

  describe(`${name}: processed events`, () => {
    test('a redelivered event is recognised as already recorded', () => withStore(async (store, time) => {
      assert.deepEqual(await store.recordEvent(hire('evt-1', time.now())), { inserted: true });
      assert.deepEqual(await store.recordEvent(hire('evt-1', time.now())), { inserted: false });
      assert.deepEqual(await store.recordEvent({ ...hire('evt-1', time.now()), source: 'lever' }), { inserted: true });
    }));

    test('an accepted event stays pending with its payload until it is marked done', () => withStore(async (store, time) => {
      await store.recordEvent(hire('evt-1', time.now()));
      await store.recordEvent(hire('evt-2', time.now()));
      await store.markEvent('greenhouse', 'evt-1', 'done');
      const pending = await store.pendingEvents();
      assert.deepEqual(pending.map((e) => [e.eventId, e.status, e.payload]), [['evt-2', 'accepted', { candidate: { id: 7 } }]]);
    }));

    test('a failed event is no longer pending and keeps its error', () => withStore(async (store, time) => {
      await store.recordEvent(hire('evt-1', time.now()));
      await store.markEvent('greenhouse', 'evt-1', 'failed', 'mapping failed');
      assert.deepEqual(await store.pendingEvents(), []);
    }));

    test('marking an event that was never recorded is an error', () => withStore(async (store) => {
      await assert.rejects(store.markEvent('greenhouse', 'nope', 'done'), rejectsWith('store.event_not_found'));
    }));

    test('pruning keeps a week of event ids and never drops an unfinished event', () => withStore(async (store, time) => {
      const start = time.now();
      await store.recordEvent(hire('old-done', start));
      await store.recordEvent(hire('old-pending', start));
      await store.markEvent('greenhouse', 'old-done', 'done');
      time.advance(2 * DAY);
      await store.recordEvent(hire('recent', time.now()));
      await store.markEvent('greenhouse', 'recent', 'done');
      assert.equal(await store.pruneEvents(time.now()), 0, 'nothing is younger than a week yet');
      time.advance(6 * DAY);
      assert.equal(await store.pruneEvents(time.now()), 1);
      assert.deepEqual(await store.recordEvent(hire('old-done', start)), { inserted: true }, 'the pruned id is forgotten');
      assert.deepEqual(await store.recordEvent(hire('recent', start)), { inserted: false });
      assert.deepEqual((await store.pendingEvents()).map((e) => e.eventId), ['old-done', 'old-pending']);
    }));
  });

  describe(`${name}: identity graph`, () => {
    test('a new person gets a GUID and keeps record, links and consent', () => withStore(async (store) => {
      const person = await store.createPerson({
        record: { name: { first: 'Ana', last: 'Silva' } },
        links: [{ system: 'greenhouse', externalId: 'c-1' }],
        consent: { marketing: false },
      });
      assert.match(person.guid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const read = await store.getPerson(person.guid);
      assert.deepEqual(read?.record, { name: { first: 'Ana', last: 'Silva' } });
      assert.deepEqual(read?.links, [{ system: 'greenhouse', externalId: 'c-1' }]);
      assert.deepEqual(read?.consent, { marketing: false });
      assert.equal(await store.findByExternalId('greenhouse', 'c-1'), person.guid);
      assert.equal(await store.findByExternalId('greenhouse', 'c-2'), null);
      assert.equal(await store.getPerson('00000000-0000-4000-8000-000000000000'), null);
    }));

    test('an external id links to one person only', () => withStore(async (store) => {
      const ana = await store.createPerson();
      const bea = await store.createPerson();
      assert.deepEqual(await store.link(ana.guid, 'bamboohr', '42'), { created: true });
      assert.deepEqual(await store.link(ana.guid, 'bamboohr', '42'), { created: false });
      await assert.rejects(store.link(bea.guid, 'bamboohr', '42'), rejectsWith('store.link_conflict'));
      await assert.rejects(store.link('00000000-0000-4000-8000-000000000000', 'bamboohr', '43'), rejectsWith('store.person_not_found'));
    }));

    test('saving a person replaces the golden record and writes provenance with it', () => withStore(async (store, time) => {
      const { guid } = await store.createPerson({ record: { title: 'Engineer' } });
      await store.savePerson(guid, { title: 'Senior Engineer' }, { title: { value: 'Senior Engineer', source: 'greenhouse', sourceTime: time.now() } });
      assert.deepEqual((await store.getPerson(guid))?.record, { title: 'Senior Engineer' });
      await store.setProvenance(guid, 'hireDate', { value: '2025-04-01', source: 'bamboohr', sourceTime: time.now() });
      assert.deepEqual(await store.getProvenance(guid), {
        title: { value: 'Senior Engineer', source: 'greenhouse', sourceTime: time.now() },
        hireDate: { value: '2025-04-01', source: 'bamboohr', sourceTime: time.now() },
      });
    }));

    test('consent flags are merged and read with the person', () => withStore(async (store) => {
      const { guid } = await store.createPerson({ consent: { marketing: true } });
      assert.deepEqual(await store.setConsent(guid, { backgroundCheck: true }), { marketing: true, backgroundCheck: true });
      assert.deepEqual((await store.getPerson(guid))?.consent, { marketing: true, backgroundCheck: true });
    }));

    test('blocking keys find candidates, those sharing most keys first', () => withStore(async (store) => {
      const ana = await store.createPerson({ blockingKeys: ['ln:silva', 'fn:ana', 'dob:1990'] });
      const ann = await store.createPerson({ blockingKeys: ['ln:silva', 'fn:ann'] });
      await store.createPerson({ blockingKeys: ['ln:smith'] });
      assert.deepEqual(await store.candidatesForKeys(['ln:silva', 'fn:ana'], 10), [ana.guid, ann.guid]);
      assert.deepEqual(await store.candidatesForKeys(['ln:silva', 'fn:ana'], 1), [ana.guid]);
      assert.deepEqual(await store.candidatesForKeys([], 10), []);
      await store.putBlockingKeys(ana.guid, ['ln:santos']);
      assert.deepEqual(await store.candidatesForKeys(['ln:silva', 'fn:ana'], 10), [ann.guid]);
    }));

    test('name frequency follows the persons holding each name', () => withStore(async (store) => {
      const a = await store.createPerson({ names: { first: 'ana', last: 'silva' } });
      await store.createPerson({ names: { first: 'ana', last: 'santos' } });
      await store.createPerson({ names: { first: 'joao', last: 'silva' } });
      const d = await store.createPerson({ names: { first: 'maria' } });
      assert.equal(await store.nameFrequency('first', 'ana'), 2 / 4);
      assert.equal(await store.nameFrequency('last', 'silva'), 2 / 3);
      assert.equal(await store.nameFrequency('last', 'nobody'), 0);
      await store.putNames(a.guid, { first: 'anna', last: 'silva' });
      await store.putNames(d.guid, { first: 'maria', last: 'costa' });
      assert.equal(await store.nameFrequency('first', 'ana'), 1 / 4);
      assert.equal(await store.nameFrequency('last', 'silva'), 2 / 4);
    }));

    test('concurrent resolutions of one person create one GUID', () => withStore(async (store) => {
      const resolve = () => store.resolveIdentity(['greenhouse:c-9', 'email:ana@example.com'], async () => {
        const found = await store.findByExternalId('greenhouse', 'c-9');
        if (found) return found;
        await new Promise((r) => setImmediate(r));
        return (await store.createPerson({ links: [{ system: 'greenhouse', externalId: 'c-9' }] })).guid;
      });
      const guids = await Promise.all(Array.from({ length: 10 }, resolve));
      assert.equal(new Set(guids).size, 1);
    }));

    test('an error inside a resolution releases its lock', () => withStore(async (store) => {
      await assert.rejects(store.resolveIdentity(['k'], async () => { throw new Error('boom'); }), /boom/);
      assert.equal(await store.resolveIdentity(['k'], async () => 'next'), 'next');
    }));
  });

  describe(`${name}: outbox`, () => {
    const write = (key: string) => ({ idempotencyKey: key, operation: 'createEmployee', target: 'bamboohr', payload: { firstName: 'Ana' } });

    test('enqueueing the same idempotency key twice keeps one entry', () => withStore(async (store) => {
      const first = await store.enqueue(write('hire:greenhouse:1'));
      const second = await store.enqueue({ ...write('hire:greenhouse:1'), payload: { firstName: 'Other' } });
      assert.equal(first.inserted, true);
      assert.equal(second.inserted, false);
      assert.equal(second.entry.id, first.entry.id);
      assert.deepEqual(second.entry.payload, { firstName: 'Ana' });
      assert.equal((await store.getByIdempotencyKey('hire:greenhouse:1'))?.id, first.entry.id);
      assert.equal(await store.getByIdempotencyKey('nope'), null);
    }));

    test('a claimed entry is not claimed again until its lease runs out', () => withStore(async (store, time) => {
      await store.enqueue(write('k1'));
      const [claimed] = await store.claimDue(time.now(), 10, 60_000);
      assert.equal(claimed?.idempotencyKey, 'k1');
      assert.deepEqual(await store.claimDue(time.now(), 10, 60_000), []);
      time.advance(60_001);
      assert.deepEqual((await store.claimDue(time.now(), 10, 60_000)).map((e) => e.idempotencyKey), ['k1']);
    }));

    test('a rescheduled entry waits for its next attempt and counts the attempt', () => withStore(async (store, time) => {
      const { entry } = await store.enqueue(write('k1'));
      await store.claimDue(time.now(), 10);
      await store.reschedule(entry.id, new Date(time.now().getTime() + 30_000), 'HTTP 503');
      assert.deepEqual(await store.claimDue(time.now(), 10), []);
      time.advance(30_000);
      const [again] = await store.claimDue(time.now(), 10);
      assert.equal(again?.attempts, 1);
      assert.equal(again?.lastError, 'HTTP 503');
    }));

    test('a completed entry keeps its result and is never claimed again', () => withStore(async (store, time) => {
      const { entry } = await store.enqueue(write('k1'));
      await store.complete(entry.id, { employeeId: 'E-1' });
      await store.complete(entry.id, { employeeId: 'E-2' });
      const done = await store.getByIdempotencyKey('k1');
      assert.equal(done?.status, 'done');
      assert.deepEqual(done?.result, { employeeId: 'E-1' });
      time.advance(DAY);
      assert.deepEqual(await store.claimDue(time.now(), 10), []);
      await assert.rejects(store.reschedule(entry.id, time.now(), 'late'), rejectsWith('store.outbox_state'));
      await assert.rejects(store.complete(999, {}), rejectsWith('store.outbox_not_found'));
    }));

    test('a dead letter waits for a human, who can retry or discard it', () => withStore(async (store, time) => {
      const a = (await store.enqueue(write('a'))).entry;
      const b = (await store.enqueue(write('b'))).entry;
      await store.deadLetter(a.id, 'HTTP 400 invalid field');
      await store.deadLetter(b.id, 'HTTP 400 invalid field');
      assert.deepEqual((await store.listDeadLetters()).map((e) => [e.idempotencyKey, e.attempts, e.lastError]), [
        ['a', 1, 'HTTP 400 invalid field'], ['b', 1, 'HTTP 400 invalid field'],
      ]);
      assert.deepEqual(await store.claimDue(time.now(), 10), []);
      await store.retryDeadLetter(a.id);
      await store.discardDeadLetter(b.id);
      assert.deepEqual(await store.listDeadLetters(), []);
      assert.deepEqual((await store.claimDue(time.now(), 10)).map((e) => [e.idempotencyKey, e.attempts]), [['a', 0]]);
      assert.equal((await store.enqueue(write('b'))).inserted, false, 'a discarded key is not re-sent');
      await assert.rejects(store.retryDeadLetter(b.id), rejectsWith('store.outbox_state'));
    }));
  });

  describe(`${name}: review queue`, () => {
    test('a review is decided once, by a named person, and the decision is audited', () => withStore(async (store) => {
      const { guid } = await store.createPerson();
      const review = await store.addReview({ kind: 'possible_duplicate', personGuid: guid, payload: { other: 'x' }, explanation: 'name 0.91' });
      assert.deepEqual((await store.listReviews('open')).map((r) => r.id), [review.id]);
      const decided = await store.decideReview(review.id, 'approved', 'maria@hr');
      assert.equal(decided.status, 'approved');
      assert.equal(decided.decidedBy, 'maria@hr');
      assert.deepEqual(await store.listReviews('open'), []);
      assert.deepEqual((await store.listReviews('approved')).map((r) => r.payload), [{ other: 'x' }]);
      await assert.rejects(store.decideReview(review.id, 'rejected', 'joe@hr'), rejectsWith('store.review_decided'));
      await assert.rejects(store.decideReview(999, 'rejected', 'joe@hr'), rejectsWith('store.review_not_found'));
      const [entry] = await store.auditEntries({ personGuid: guid });
      assert.equal(entry?.action, 'review.approved');
      assert.equal(entry?.actor, 'maria@hr');
    }));

    test('a review is found by its id, open or decided, and an unknown id finds nothing', () => withStore(async (store) => {
      const review = await store.addReview({ kind: 'compensation_variance', payload: { amount: '103000' }, explanation: 'pay 5 % above the offer' });
      assert.deepEqual(await store.getReview(review.id), review);
      await store.decideReview(review.id, 'rejected', 'maria@hr');
      const decided = await store.getReview(review.id);
      assert.equal(decided?.status, 'rejected');
      assert.equal(decided?.decidedBy, 'maria@hr');
      assert.deepEqual(decided?.payload, { amount: '103000' });
      assert.equal(await store.getReview(review.id + 1), null);
    }));
  });

  describe(`${name}: audit log`, () => {
    test('entries chain and verify, with secret fields masked', () => withStore(async (store) => {
      await store.audit({ eventId: 'evt-1', source: 'greenhouse', actor: 'system', action: 'employee.created', before: null, after: { name: 'Ana', nationalId: { value: '123-45-6789' } } });
      await store.audit({ source: 'editor', actor: 'maria@hr', action: 'field.changed', before: { dateOfBirth: '1990-01-01' }, after: { dateOfBirth: '1991-01-01' } });
      const entries = await store.auditEntries();
      assert.deepEqual(entries.map((e) => e.after), [{ name: 'Ana', nationalId: { value: MASK } }, { dateOfBirth: MASK }]);
      assert.deepEqual(entries[1]?.before, { dateOfBirth: MASK });
      assert.deepEqual(await store.verifyAudit(), { ok: true });
    }, { secretFields: ['nationalId.value', 'dateOfBirth'], key: TEST_KEY }));

    test('an empty log verifies', () => withStore(async (store) => {
      assert.deepEqual(await store.verifyAudit(), { ok: true });
    }));
  });

  describe(`${name}: forgetting a person`, () => {
    test('a forgotten person is erased but recognised when they come back', () => withStore(async (store, time) => {
      const { guid } = await store.createPerson({
        record: { emails: [{ type: 'work', address: 'Ana@Example.com' }], phone: '+351912345678' },
        links: [{ system: 'greenhouse', externalId: 'c-1' }],
        blockingKeys: ['ln:silva'],
        names: { first: 'ana', last: 'silva' },
        provenance: { personalEmail: { value: 'ana.silva@mail.pt', source: 'greenhouse', sourceTime: time.now() } },
      });
      await store.addReview({ kind: 'possible_duplicate', personGuid: guid, payload: {}, explanation: 'x' });
      await store.enqueue({ idempotencyKey: 'k1', operation: 'createEmployee', target: 'bamboohr', payload: { email: 'ana@example.com' }, personGuid: guid });
      await store.audit({ source: 'greenhouse', actor: 'system', action: 'person.created', personGuid: guid, after: { email: 'ana@example.com' } });

      await store.forget(guid, 'dpo@company');

      assert.equal(await store.getPerson(guid), null);
      assert.equal(await store.findByExternalId('greenhouse', 'c-1'), null);
      assert.deepEqual(await store.getProvenance(guid), {});
      assert.deepEqual(await store.candidatesForKeys(['ln:silva'], 10), []);
      assert.equal(await store.nameFrequency('last', 'silva'), 0);
      assert.deepEqual(await store.listReviews('open'), []);
      const write = await store.getByIdempotencyKey('k1');
      assert.equal(write?.status, 'discarded');
      assert.equal(write?.payload, null);
      assert.deepEqual(await store.claimDue(time.now(), 10), []);

      for (const probe of [{ email: 'ana@example.com' }, { email: 'ana.silva@mail.pt' }, { phone: '+351 912 345 678' }, { system: 'greenhouse', externalId: 'c-1' }, { blockingKey: 'ln:silva' }, { guid }]) {
        assert.equal(await store.isTombstoned(probe), true, JSON.stringify(probe));
      }
      assert.equal(await store.isTombstoned({ email: 'someone@example.com' }), false);
      await assert.rejects(store.createPerson({ links: [{ system: 'greenhouse', externalId: 'c-1' }] }), rejectsWith('store.tombstoned'));

      const entries = await store.auditEntries({ personGuid: guid });
      assert.deepEqual(entries.map((e) => [e.action, e.erased, e.after]), [['person.created', true, undefined], ['person.forgotten', false, undefined]]);
      assert.equal(entries[1]?.actor, 'dpo@company');
      assert.deepEqual(await store.verifyAudit(), { ok: true });
    }));

    test('forgetting twice is harmless; forgetting an unknown person is an error', () => withStore(async (store) => {
      const { guid } = await store.createPerson();
      await store.forget(guid, 'dpo');
      await store.forget(guid, 'dpo');
      assert.equal((await store.auditEntries({ personGuid: guid })).length, 1);
      await assert.rejects(store.forget('00000000-0000-4000-8000-000000000000', 'dpo'), rejectsWith('store.person_not_found'));
      await assert.rejects(store.savePerson(guid, {}), rejectsWith('store.person_forgotten'));
    }));
  });

  describe(`${name}: secret fields`, () => {
    test('secret fields read back as written', () => withStore(async (store, time) => {
      const record = { name: 'Ana', nationalId: { type: 'ssn', value: '123-45-6789' }, dateOfBirth: '1990-05-17', bank: [{ iban: 'PT50000201231234567890154' }] };
      const { guid } = await store.createPerson({ record, provenance: { dateOfBirth: { value: '1990-05-17', source: 'bamboohr', sourceTime: time.now() } } });
      assert.deepEqual((await store.getPerson(guid))?.record, record);
      assert.equal((await store.getProvenance(guid)).dateOfBirth?.value, '1990-05-17');
    }, { secretFields: ['nationalId.value', 'dateOfBirth', 'bank.iban'], key: TEST_KEY }));

    test('secret fields without a key are refused at open', async () => {
      await assert.rejects(makeStore({ clock: () => new Date(), secretFields: ['dateOfBirth'] }), rejectsWith('store.key_missing'));
    });
  });

  describe(`${name}: counters`, () => {
    test('counts add up per hour and label, in hourly or daily series', () => withStore(async (store, time) => {
      const start = time.now();
      await store.count('hires', { source: 'greenhouse' });
      await store.count('hires', { source: 'greenhouse' }, 2);
      await store.count('hires', { source: 'lever' });
      time.advance(HOUR);
      await store.count('hires', { source: 'greenhouse' });
      await store.count('failures', {}, 5, time.now());
      assert.equal(await store.sumCounters('hires', start), 5);
      assert.equal(await store.sumCounters('hires', start, { source: 'greenhouse' }), 4);
      assert.equal(await store.sumCounters('hires', time.now()), 1);
      const hourStart = (d: Date) => new Date(Math.floor(d.getTime() / HOUR) * HOUR);
      assert.deepEqual(await store.counterSeries('hires', start, 'hour'), [
        { start: hourStart(start), value: 4 },
        { start: hourStart(time.now()), value: 1 },
      ]);
      assert.deepEqual(await store.counterSeries('hires', start, 'day', { source: 'greenhouse' }), [
        { start: new Date(Math.floor(start.getTime() / DAY) * DAY), value: 4 },
      ]);
    }));
  });
}
