/**
 * The behaviour every HrStore implementation must show, written against the interface only.
 * An implementation's test file calls runStoreContract with a factory for fresh, empty stores.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HrError } from '../../../lib/errors';
import { MASK } from '../../../lib/mask';
import type { HrStore, NewPerson } from '../../../lib/store/types';

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
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
    now: () => new Date(now),
  };
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

  const hire = (eventId: string, receivedAt: Date) => ({
    eventId,
    source: 'greenhouse',
    type: 'hire',
    receivedAt,
    payload: { candidate: { id: 7 } },
  });

  describe(`${name}: processed events`, () => {
    test('a redelivered event is recognised as already recorded', () =>
      withStore(async (store, time) => {
        assert.deepEqual(await store.recordEvent(hire('evt-1', time.now())), { inserted: true });
        assert.deepEqual(await store.recordEvent(hire('evt-1', time.now())), { inserted: false });
        assert.deepEqual(await store.recordEvent({ ...hire('evt-1', time.now()), source: 'lever' }), {
          inserted: true,
        });
      }));

    test('events recorded together answer one by one: new, repeated within the batch, or already stored', () =>
      withStore(async (store, time) => {
        await store.recordEvent(hire('evt-old', time.now()));
        const batch = ['evt-a', 'evt-b', 'evt-a', 'evt-old'].map((id) => hire(id, time.now()));
        assert.deepEqual(
          (await store.recordEvents(batch)).map((r) => r.inserted),
          [true, true, false, false],
        );
        assert.deepEqual((await store.pendingEvents()).map((e) => e.eventId).sort(), ['evt-a', 'evt-b', 'evt-old']);
        assert.deepEqual(await store.recordEvents([]), []);
      }));

    test('a batch with one event that cannot be stored records none of them', () =>
      withStore(async (store, time) => {
        const unstorable = { ...hire('evt-bad', time.now()), payload: { amount: 10n } };
        await assert.rejects(store.recordEvents([hire('evt-a', time.now()), unstorable]));
        assert.deepEqual(await store.pendingEvents(), []);
        assert.deepEqual(
          await store.recordEvent(hire('evt-a', time.now())),
          { inserted: true },
          'the good event is accepted when delivered again',
        );
      }));

    test('an accepted event stays pending with its payload until it is marked done', () =>
      withStore(async (store, time) => {
        await store.recordEvent(hire('evt-1', time.now()));
        await store.recordEvent(hire('evt-2', time.now()));
        await store.markEvent('greenhouse', 'evt-1', 'done');
        const pending = await store.pendingEvents();
        assert.deepEqual(
          pending.map((e) => [e.eventId, e.status, e.payload]),
          [['evt-2', 'accepted', { candidate: { id: 7 } }]],
        );
      }));

    test('a failed event is no longer pending and keeps its error', () =>
      withStore(async (store, time) => {
        await store.recordEvent(hire('evt-1', time.now()));
        await store.markEvent('greenhouse', 'evt-1', 'failed', 'mapping failed');
        assert.deepEqual(await store.pendingEvents(), []);
      }));

    test('marking an event that was never recorded is an error', () =>
      withStore(async (store) => {
        await assert.rejects(store.markEvent('greenhouse', 'nope', 'done'), rejectsWith('store.event_not_found'));
      }));

    test('pruning keeps a week of event ids and never drops an unfinished event', () =>
      withStore(async (store, time) => {
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
        assert.deepEqual(
          await store.recordEvent(hire('old-done', start)),
          { inserted: true },
          'the pruned id is forgotten',
        );
        assert.deepEqual(await store.recordEvent(hire('recent', start)), { inserted: false });
        assert.deepEqual(
          (await store.pendingEvents()).map((e) => e.eventId),
          ['old-done', 'old-pending'],
        );
      }));
  });

  describe(`${name}: identity graph`, () => {
    test('a new person gets a GUID and keeps record, links and consent', () =>
      withStore(async (store) => {
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

    test('an external id links to one person only', () =>
      withStore(async (store) => {
        const ana = await store.createPerson();
        const bea = await store.createPerson();
        assert.deepEqual(await store.link(ana.guid, 'bamboohr', '42'), { created: true });
        assert.deepEqual(await store.link(ana.guid, 'bamboohr', '42'), { created: false });
        await assert.rejects(store.link(bea.guid, 'bamboohr', '42'), rejectsWith('store.link_conflict'));
        await assert.rejects(
          store.link('00000000-0000-4000-8000-000000000000', 'bamboohr', '43'),
          rejectsWith('store.person_not_found'),
        );
      }));

    test('saving a person replaces the golden record and writes provenance with it', () =>
      withStore(async (store, time) => {
        const { guid } = await store.createPerson({ record: { title: 'Engineer' } });
        await store.savePerson(
          guid,
          { title: 'Senior Engineer' },
          { title: { value: 'Senior Engineer', source: 'greenhouse', sourceTime: time.now() } },
        );
        assert.deepEqual((await store.getPerson(guid))?.record, { title: 'Senior Engineer' });
        await store.setProvenance(guid, 'hireDate', {
          value: '2025-04-01',
          source: 'bamboohr',
          sourceTime: time.now(),
        });
        assert.deepEqual(await store.getProvenance(guid), {
          title: { value: 'Senior Engineer', source: 'greenhouse', sourceTime: time.now() },
          hireDate: { value: '2025-04-01', source: 'bamboohr', sourceTime: time.now() },
        });
      }));

    test('consent flags are merged and read with the person', () =>
      withStore(async (store) => {
        const { guid } = await store.createPerson({ consent: { marketing: true } });
        assert.deepEqual(await store.setConsent(guid, { backgroundCheck: true }), {
          marketing: true,
          backgroundCheck: true,
        });
        assert.deepEqual((await store.getPerson(guid))?.consent, { marketing: true, backgroundCheck: true });
      }));

    test('blocking keys find candidates, those sharing most keys first', () =>
      withStore(async (store) => {
        const ana = await store.createPerson({ blockingKeys: ['ln:silva', 'fn:ana', 'dob:1990'] });
        const ann = await store.createPerson({ blockingKeys: ['ln:silva', 'fn:ann'] });
        await store.createPerson({ blockingKeys: ['ln:smith'] });
        assert.deepEqual(await store.candidatesForKeys(['ln:silva', 'fn:ana'], 10), [ana.guid, ann.guid]);
        assert.deepEqual(await store.candidatesForKeys(['ln:silva', 'fn:ana'], 1), [ana.guid]);
        assert.deepEqual(await store.candidatesForKeys([], 10), []);
        await store.putBlockingKeys(ana.guid, ['ln:santos']);
        assert.deepEqual(await store.candidatesForKeys(['ln:silva', 'fn:ana'], 10), [ann.guid]);
      }));

    test('name frequency follows the persons holding each name', () =>
      withStore(async (store) => {
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

    test('concurrent resolutions of one person create one GUID', () =>
      withStore(async (store) => {
        const resolve = () =>
          store.resolveIdentity(['greenhouse:c-9', 'email:ana@example.com'], async () => {
            const found = await store.findByExternalId('greenhouse', 'c-9');
            if (found) return found;
            await new Promise((r) => setImmediate(r));
            return (await store.createPerson({ links: [{ system: 'greenhouse', externalId: 'c-9' }] })).guid;
          });
        const guids = await Promise.all(Array.from({ length: 10 }, resolve));
        assert.equal(new Set(guids).size, 1);
      }));

    test('an error inside a resolution releases its lock', () =>
      withStore(async (store) => {
        await assert.rejects(
          store.resolveIdentity(['k'], async () => {
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await store.resolveIdentity(['k'], async () => 'next'), 'next');
      }));
  });

  describe(`${name}: outbox`, () => {
    const write = (key: string) => ({
      idempotencyKey: key,
      operation: 'createEmployee',
      target: 'bamboohr',
      payload: { firstName: 'Ana' },
    });

    test('enqueueing the same idempotency key twice keeps one entry', () =>
      withStore(async (store) => {
        const first = await store.enqueue(write('hire:greenhouse:1'));
        const second = await store.enqueue({ ...write('hire:greenhouse:1'), payload: { firstName: 'Other' } });
        assert.equal(first.inserted, true);
        assert.equal(second.inserted, false);
        assert.equal(second.entry.id, first.entry.id);
        assert.deepEqual(second.entry.payload, { firstName: 'Ana' });
        assert.equal((await store.getByIdempotencyKey('hire:greenhouse:1'))?.id, first.entry.id);
        assert.equal(await store.getByIdempotencyKey('nope'), null);
      }));

    test('a claimed entry is not claimed again until its lease runs out, and then the lost claim counts as an attempt', () =>
      withStore(async (store, time) => {
        await store.enqueue(write('k1'));
        const [claimed] = await store.claimDue(time.now(), 10, 60_000);
        assert.equal(claimed?.idempotencyKey, 'k1');
        assert.equal(claimed?.attempts, 0);
        assert.deepEqual(await store.claimDue(time.now(), 10, 60_000), []);
        time.advance(60_001);
        const again = await store.claimDue(time.now(), 10, 60_000);
        assert.deepEqual(
          again.map((e) => e.idempotencyKey),
          ['k1'],
        );
        // Its holder may have stopped mid-call: whoever claims it now must look before writing again.
        assert.equal(again[0]?.attempts, 1);
      }));

    test('a rescheduled entry waits for its next attempt and counts the attempt', () =>
      withStore(async (store, time) => {
        const { entry } = await store.enqueue(write('k1'));
        await store.claimDue(time.now(), 10);
        await store.reschedule(entry.id, new Date(time.now().getTime() + 30_000), 'HTTP 503');
        assert.deepEqual(await store.claimDue(time.now(), 10), []);
        time.advance(30_000);
        const [again] = await store.claimDue(time.now(), 10);
        assert.equal(again?.attempts, 1);
        assert.equal(again?.lastError, 'HTTP 503');
      }));

    test('a completed entry keeps its result and is never claimed again', () =>
      withStore(async (store, time) => {
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

    test('a worker that names its operations claims only those, leaving the rest to other workers', () =>
      withStore(async (store, time) => {
        await store.enqueue({ ...write('hire'), operation: 'create' });
        await store.enqueue({ ...write('forget'), operation: 'forget.plan' });
        assert.deepEqual(
          (await store.claimDue(time.now(), 10, 60_000, { operations: ['forget.plan'] })).map((e) => e.idempotencyKey),
          ['forget'],
        );
        assert.deepEqual(await store.claimDue(time.now(), 10, 60_000, { operations: [] }), []);
        assert.deepEqual(
          (await store.claimDue(time.now(), 10, 60_000)).map((e) => e.idempotencyKey),
          ['hire'],
        );
      }));

    test('completing with erasePayload keeps the result and nothing of the payload', () =>
      withStore(async (store) => {
        const { entry } = await store.enqueue({ ...write('forget'), payload: { externalId: '35897443' } });
        await store.complete(entry.id, { outcome: 'deleted' }, { erasePayload: true });
        const done = await store.getByIdempotencyKey('forget');
        assert.equal(done?.status, 'done');
        assert.equal(done?.payload, null);
        assert.deepEqual(done?.result, { outcome: 'deleted' });
      }));

    test('the outbox is counted by status, all of it or only the named operations', () =>
      withStore(async (store, time) => {
        assert.deepEqual(await store.countOutbox(), { pending: 0, done: 0, dead: 0, discarded: 0 });
        const a = (await store.enqueue({ ...write('a'), operation: 'create' })).entry;
        const b = (await store.enqueue({ ...write('b'), operation: 'create' })).entry;
        await store.enqueue({ ...write('c'), operation: 'forget.plan' });
        await store.claimDue(time.now(), 10, 1);
        await store.complete(a.id, {});
        await store.deadLetter(b.id, 'hris.invalid: refused');
        assert.deepEqual(await store.countOutbox(), { pending: 1, done: 1, dead: 1, discarded: 0 });
        assert.deepEqual(await store.countOutbox({ operations: ['create', 'update'] }), {
          pending: 0,
          done: 1,
          dead: 1,
          discarded: 0,
        });
      }));

    test('two owners sharing the outbox each claim, count and list only their own entries', () =>
      withStore(async (store, time) => {
        const mine = { operations: ['create'], owner: 'writer-a' };
        const theirs = { operations: ['create'], owner: 'writer-b' };
        const a = (await store.enqueue({ ...write('a1'), operation: 'create', owner: 'writer-a' })).entry;
        await store.enqueue({ ...write('a2'), operation: 'create', owner: 'writer-a' });
        const b = (await store.enqueue({ ...write('b1'), operation: 'create', owner: 'writer-b' })).entry;
        await store.enqueue({ ...write('b-plan'), operation: 'forget.plan', owner: 'writer-b' });
        assert.equal(a.owner, 'writer-a');
        assert.equal((await store.getByIdempotencyKey('b1'))?.owner, 'writer-b');
        assert.deepEqual(
          (await store.claimDue(time.now(), 10, 60_000, mine)).map((e) => e.idempotencyKey),
          ['a1', 'a2'],
        );
        assert.deepEqual(await store.claimDue(time.now(), 10, 60_000, mine), []);
        assert.deepEqual(
          (await store.claimDue(time.now(), 10, 60_000, theirs)).map((e) => e.idempotencyKey),
          ['b1'],
        );
        await store.complete(a.id, {});
        await store.deadLetter(b.id, 'hris.invalid: refused');
        assert.deepEqual(await store.countOutbox(mine), { pending: 1, done: 1, dead: 0, discarded: 0 });
        assert.deepEqual(await store.countOutbox(theirs), { pending: 0, done: 0, dead: 1, discarded: 0 });
        assert.deepEqual(await store.countOutbox({ owner: 'writer-b' }), {
          pending: 1,
          done: 0,
          dead: 1,
          discarded: 0,
        });
        assert.deepEqual(
          (await store.listDeadLetters(10, mine)).map((e) => e.idempotencyKey),
          [],
        );
        assert.deepEqual(
          (await store.listDeadLetters(10, theirs)).map((e) => e.idempotencyKey),
          ['b1'],
        );
        assert.deepEqual(
          (await store.listDeadLetters()).map((e) => e.idempotencyKey),
          ['b1'],
        );
      }));

    test('an entry of no owner (enqueued before owners were recorded) is claimable by any owner of its operation', () =>
      withStore(async (store, time) => {
        const legacy = (await store.enqueue({ ...write('legacy'), operation: 'create' })).entry;
        await store.enqueue({ ...write('other-op'), operation: 'forget.plan' });
        assert.equal(legacy.owner, null);
        assert.deepEqual(await store.countOutbox({ operations: ['create'], owner: 'writer-b' }), {
          pending: 1,
          done: 0,
          dead: 0,
          discarded: 0,
        });
        assert.deepEqual(
          (await store.claimDue(time.now(), 10, 60_000, { operations: ['create'], owner: 'writer-a' })).map((e) => [
            e.idempotencyKey,
            e.owner,
          ]),
          [['legacy', null]],
        );
        assert.deepEqual(
          await store.claimDue(time.now(), 10, 60_000, { operations: ['create'], owner: 'writer-b' }),
          [],
          'claimed once',
        );
        await store.deadLetter(legacy.id, 'hris.invalid: refused');
        assert.deepEqual(
          (await store.listDeadLetters(10, { operations: ['create'], owner: 'writer-b' })).map((e) => e.idempotencyKey),
          ['legacy'],
        );
      }));

    test('a dead letter waits for a human, who can retry or discard it', () =>
      withStore(async (store, time) => {
        const a = (await store.enqueue(write('a'))).entry;
        const b = (await store.enqueue(write('b'))).entry;
        await store.deadLetter(a.id, 'HTTP 400 invalid field');
        await store.deadLetter(b.id, 'HTTP 400 invalid field');
        assert.deepEqual(
          (await store.listDeadLetters()).map((e) => [e.idempotencyKey, e.attempts, e.lastError]),
          [
            ['a', 1, 'HTTP 400 invalid field'],
            ['b', 1, 'HTTP 400 invalid field'],
          ],
        );
        assert.deepEqual(await store.claimDue(time.now(), 10), []);
        await store.retryDeadLetter(a.id);
        await store.discardDeadLetter(b.id);
        assert.deepEqual(await store.listDeadLetters(), []);
        assert.deepEqual(
          (await store.claimDue(time.now(), 10)).map((e) => [e.idempotencyKey, e.attempts]),
          [['a', 0]],
        );
        assert.equal((await store.enqueue(write('b'))).inserted, false, 'a discarded key is not re-sent');
        await assert.rejects(store.retryDeadLetter(b.id), rejectsWith('store.outbox_state'));
      }));
  });

  describe(`${name}: review queue`, () => {
    test('a review is decided once, by a named person, and the decision is audited', () =>
      withStore(async (store) => {
        const { guid } = await store.createPerson();
        const review = await store.addReview({
          kind: 'possible_duplicate',
          personGuid: guid,
          payload: { other: 'x' },
          explanation: 'name 0.91',
        });
        assert.deepEqual(
          (await store.listReviews('open')).map((r) => r.id),
          [review.id],
        );
        const decided = await store.decideReview(review.id, 'approved', 'maria@hr');
        assert.equal(decided.status, 'approved');
        assert.equal(decided.decidedBy, 'maria@hr');
        assert.deepEqual(await store.listReviews('open'), []);
        assert.deepEqual(
          (await store.listReviews('approved')).map((r) => r.payload),
          [{ other: 'x' }],
        );
        await assert.rejects(store.decideReview(review.id, 'rejected', 'joe@hr'), rejectsWith('store.review_decided'));
        await assert.rejects(store.decideReview(999, 'rejected', 'joe@hr'), rejectsWith('store.review_not_found'));
        const [entry] = await store.auditEntries({ personGuid: guid });
        assert.equal(entry?.action, 'review.approved');
        assert.equal(entry?.actor, 'maria@hr');
      }));

    test('a review is found by its id, open or decided, and an unknown id finds nothing', () =>
      withStore(async (store) => {
        const review = await store.addReview({
          kind: 'compensation_variance',
          payload: { amount: '103000' },
          explanation: 'pay 5 % above the offer',
        });
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
    test('entries chain and verify, with secret fields masked', () =>
      withStore(
        async (store) => {
          await store.audit({
            eventId: 'evt-1',
            source: 'greenhouse',
            actor: 'system',
            action: 'employee.created',
            before: null,
            after: { name: 'Ana', nationalId: { value: '123-45-6789' } },
          });
          await store.audit({
            source: 'editor',
            actor: 'maria@hr',
            action: 'field.changed',
            before: { dateOfBirth: '1990-01-01' },
            after: { dateOfBirth: '1991-01-01' },
          });
          const entries = await store.auditEntries();
          assert.deepEqual(
            entries.map((e) => e.after),
            [{ name: 'Ana', nationalId: { value: MASK } }, { dateOfBirth: MASK }],
          );
          assert.deepEqual(entries[1]?.before, { dateOfBirth: MASK });
          assert.deepEqual(await store.verifyAudit(), { ok: true });
        },
        { secretFields: ['nationalId.value', 'dateOfBirth'], key: TEST_KEY },
      ));

    test('an empty log verifies', () =>
      withStore(async (store) => {
        assert.deepEqual(await store.verifyAudit(), { ok: true });
      }));
  });

  describe(`${name}: forgetting a person`, () => {
    test('a forgotten person is erased but recognised when they come back', () =>
      withStore(async (store, time) => {
        const { guid } = await store.createPerson({
          record: { emails: [{ type: 'work', address: 'Ana@Example.com' }], phone: '+351912345678' },
          links: [{ system: 'greenhouse', externalId: 'c-1' }],
          blockingKeys: ['ln:silva'],
          names: { first: 'ana', last: 'silva' },
          provenance: { personalEmail: { value: 'ana.silva@mail.pt', source: 'greenhouse', sourceTime: time.now() } },
        });
        await store.addReview({ kind: 'possible_duplicate', personGuid: guid, payload: {}, explanation: 'x' });
        await store.enqueue({
          idempotencyKey: 'k1',
          operation: 'createEmployee',
          target: 'bamboohr',
          payload: { email: 'ana@example.com' },
          personGuid: guid,
        });
        await store.audit({
          source: 'greenhouse',
          actor: 'system',
          action: 'person.created',
          personGuid: guid,
          after: { email: 'ana@example.com' },
        });

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

        for (const probe of [
          { email: 'ana@example.com' },
          { email: 'ana.silva@mail.pt' },
          { phone: '+351 912 345 678' },
          { system: 'greenhouse', externalId: 'c-1' },
          { blockingKey: 'ln:silva' },
          { guid },
        ]) {
          assert.equal(await store.isTombstoned(probe), true, JSON.stringify(probe));
        }
        assert.equal(await store.isTombstoned({ email: 'someone@example.com' }), false);
        await assert.rejects(
          store.createPerson({ links: [{ system: 'greenhouse', externalId: 'c-1' }] }),
          rejectsWith('store.tombstoned'),
        );

        const entries = await store.auditEntries({ personGuid: guid });
        assert.deepEqual(
          entries.map((e) => [e.action, e.erased, e.after]),
          [
            ['person.created', true, undefined],
            ['person.forgotten', false, undefined],
          ],
        );
        assert.equal(entries[1]?.actor, 'dpo@company');
        assert.deepEqual(await store.verifyAudit(), { ok: true });
      }));

    test('forgetting twice is harmless; forgetting an unknown person is an error', () =>
      withStore(async (store) => {
        const { guid } = await store.createPerson();
        await store.forget(guid, 'dpo');
        await store.forget(guid, 'dpo');
        assert.equal((await store.auditEntries({ personGuid: guid })).length, 1);
        await assert.rejects(
          store.forget('00000000-0000-4000-8000-000000000000', 'dpo'),
          rejectsWith('store.person_not_found'),
        );
        await assert.rejects(store.savePerson(guid, {}), rejectsWith('store.person_forgotten'));
      }));
  });

  describe(`${name}: deletions of someone never held`, () => {
    test('a deletion for a candidate the store does not know is remembered, so a later hire for them is refused', () =>
      withStore(async (store) => {
        const probes = [{ system: 'greenhouse', externalId: 'c-404' }, { email: 'Nia@Example.com' }];
        assert.equal(
          await store.rememberDeletion({ probes, source: 'greenhouse', actor: 'hr-forget', eventId: 'evt-del-1' }),
          2,
        );
        assert.equal(
          await store.rememberDeletion({ probes, source: 'greenhouse', actor: 'hr-forget', eventId: 'evt-del-1' }),
          0,
          'a redelivered deletion adds nothing',
        );
        assert.equal(await store.isTombstoned({ system: 'greenhouse', externalId: 'c-404' }), true);
        assert.equal(await store.isTombstoned({ email: 'nia@example.com' }), true);
        assert.equal(
          await store.isTombstoned({ system: 'lever', externalId: 'c-404' }),
          false,
          'the id is tombstoned for its own system only',
        );
        await assert.rejects(
          store.createPerson({ links: [{ system: 'greenhouse', externalId: 'c-404' }] }),
          rejectsWith('store.tombstoned'),
        );
        const audited = await store.auditEntries();
        assert.deepEqual(
          audited.map((e) => [e.action, e.eventId, e.after]),
          [
            ['identifiers.forgotten', 'evt-del-1', { identifiers: 2, added: 2 }],
            ['identifiers.forgotten', 'evt-del-1', { identifiers: 2, added: 0 }],
          ],
        );
        assert.doesNotMatch(JSON.stringify(audited), /c-404|nia@/i, 'the audit log names no identifier');
      }));
  });

  describe(`${name}: secret fields`, () => {
    test('secret fields read back as written', () =>
      withStore(
        async (store, time) => {
          const record = {
            name: 'Ana',
            nationalId: { type: 'ssn', value: '123-45-6789' },
            dateOfBirth: '1990-05-17',
            bank: [{ iban: 'PT50000201231234567890154' }],
          };
          const { guid } = await store.createPerson({
            record,
            provenance: { dateOfBirth: { value: '1990-05-17', source: 'bamboohr', sourceTime: time.now() } },
          });
          assert.deepEqual((await store.getPerson(guid))?.record, record);
          assert.equal((await store.getProvenance(guid)).dateOfBirth?.value, '1990-05-17');
        },
        { secretFields: ['nationalId.value', 'dateOfBirth', 'bank.iban'], key: TEST_KEY },
      ));

    test('secret fields without a key are refused at open', async () => {
      await assert.rejects(
        makeStore({ clock: () => new Date(), secretFields: ['dateOfBirth'] }),
        rejectsWith('store.key_missing'),
      );
    });
  });

  describe(`${name}: bulk loading and candidate search`, () => {
    const person = (n: number, extra: Partial<NewPerson> = {}): NewPerson => ({
      record: { legalName: { first: 'Ana', last: `Silva${n}` } },
      links: [{ system: 'bamboohr', externalId: `e-${n}` }],
      blockingKeys: [`ln:silva${n}`, 'fn:ana'],
      names: { first: 'ana', last: `silva${n}` },
      comparisonRecord: { v: 1, surname: `silva${n}` },
      ...extra,
    });

    test('a batch of persons is created with links, keys, names, provenance and comparison records', () =>
      withStore(async (store, time) => {
        const guids = await store.createPersons([
          person(1, {
            provenance: { 'legalName.last': { value: 'Silva1', source: 'bamboohr', sourceTime: time.now() } },
          }),
          person(2),
          person(3, { names: { first: 'joao', last: 'costa' }, comparisonRecord: undefined }),
        ]);
        assert.equal(new Set(guids).size, 3);
        assert.deepEqual(await store.getPerson(guids[0]!).then((p) => [p?.record, p?.links]), [
          { legalName: { first: 'Ana', last: 'Silva1' } },
          [{ system: 'bamboohr', externalId: 'e-1' }],
        ]);
        assert.equal(await store.findByExternalId('bamboohr', 'e-3'), guids[2]);
        assert.equal((await store.getProvenance(guids[0]!))['legalName.last']?.source, 'bamboohr');
        assert.deepEqual(
          await store.nameFrequencies([
            { kind: 'first', value: 'ana' },
            { kind: 'last', value: 'costa' },
            { kind: 'first', value: 'nobody' },
          ]),
          [2 / 3, 1 / 3, 0],
        );
        const { candidates } = await store.findCandidates({
          keys: ['ln:silva2', 'ln:silva3'],
          limit: 10,
          maxBlockSize: 100,
        });
        assert.deepEqual(
          candidates,
          [
            { guid: guids[1], sharedKeys: 1, comparisonRecord: { v: 1, surname: 'silva2' } },
            { guid: guids[2], sharedKeys: 1, comparisonRecord: null },
          ].sort((a, b) => (a.guid! < b.guid! ? -1 : 1)),
        );
        assert.deepEqual(await store.createPersons([]), []);
      }));

    test('a batch holding a link already taken creates nobody', () =>
      withStore(async (store) => {
        await store.createPerson({ links: [{ system: 'bamboohr', externalId: 'e-2' }] });
        await assert.rejects(store.createPersons([person(1), person(2)]), rejectsWith('store.link_conflict'));
        assert.equal(await store.findByExternalId('bamboohr', 'e-1'), null);
        assert.equal(await store.nameFrequency('first', 'ana'), 0);
        assert.deepEqual(
          (await store.findCandidates({ keys: ['fn:ana'], limit: 10, maxBlockSize: 100 })).candidates,
          [],
        );
        await assert.rejects(
          store.createPersons([person(3), person(4, { links: [{ system: 'bamboohr', externalId: 'e-3' }] })]),
          rejectsWith('store.link_conflict'),
        );
        assert.equal(await store.findByExternalId('bamboohr', 'e-3'), null);
      }));

    test('a batch holding the link of a forgotten person creates nobody', () =>
      withStore(async (store) => {
        const { guid } = await store.createPerson({ links: [{ system: 'bamboohr', externalId: 'e-2' }] });
        await store.forget(guid, 'dpo@company');
        await assert.rejects(store.createPersons([person(1), person(2)]), rejectsWith('store.tombstoned'));
        assert.equal(await store.findByExternalId('bamboohr', 'e-1'), null);
      }));

    test('candidates holding a strong key come first, then those sharing most keys, up to the limit', () =>
      withStore(async (store) => {
        const [a, b, c] = await store.createPersons([
          person(1, { blockingKeys: ['fn:ana', 'ln:silva', 'dob:1990'] }),
          person(2, { blockingKeys: ['fn:ana', 'ln:silva'] }),
          person(3, { blockingKeys: ['e:ana@example.com'] }),
        ]);
        const query = {
          keys: ['fn:ana', 'ln:silva', 'dob:1990'],
          strongKeys: ['e:ana@example.com'],
          limit: 10,
          maxBlockSize: 100,
        };
        const { candidates, oversizedKeys } = await store.findCandidates(query);
        assert.deepEqual(
          candidates.map((x) => [x.guid, x.sharedKeys]),
          [
            [c, 1],
            [a, 3],
            [b, 2],
          ],
        );
        assert.deepEqual(oversizedKeys, []);
        assert.deepEqual(
          (await store.findCandidates({ ...query, limit: 2 })).candidates.map((x) => x.guid),
          [c, a],
        );
        assert.deepEqual(await store.findCandidates({ keys: [], limit: 10, maxBlockSize: 100 }), {
          candidates: [],
          oversizedKeys: [],
        });
      }));

    test('a key held by more persons than the largest block lists nobody, and the other keys still do', () =>
      withStore(async (store) => {
        const guids = await store.createPersons(
          Array.from({ length: 5 }, (_, i) =>
            person(i, {
              blockingKeys: ['fn:ana', ...(i === 3 ? ['dob:1990'] : []), ...(i === 4 ? ['dob:1990', 'ln:silva'] : [])],
            }),
          ),
        );
        const common = await store.findCandidates({ keys: ['fn:ana'], limit: 10, maxBlockSize: 4 });
        assert.deepEqual(common, { candidates: [], oversizedKeys: ['fn:ana'] });
        const { candidates, oversizedKeys } = await store.findCandidates({
          keys: ['fn:ana', 'dob:1990', 'ln:silva'],
          limit: 10,
          maxBlockSize: 4,
        });
        assert.deepEqual(oversizedKeys, ['fn:ana']);
        assert.deepEqual(
          candidates.map((x) => [x.guid, x.sharedKeys]),
          [
            [guids[4], 2],
            [guids[3], 1],
          ],
        );
        assert.equal(
          (await store.findCandidates({ keys: ['fn:ana'], limit: 10, maxBlockSize: 5 })).candidates.length,
          5,
        );
      }));

    test('the match index of a person is replaced as one: keys, names and comparison record', () =>
      withStore(async (store) => {
        const [guid] = await store.createPersons([person(1)]);
        await store.putMatchIndex(guid!, {
          blockingKeys: ['ln:costa'],
          names: { first: 'ana', last: 'costa' },
          comparisonRecord: { v: 1, surname: 'costa' },
        });
        assert.deepEqual(
          (await store.findCandidates({ keys: ['ln:silva1'], limit: 10, maxBlockSize: 100 })).candidates,
          [],
        );
        assert.deepEqual(
          (await store.findCandidates({ keys: ['ln:costa'], limit: 10, maxBlockSize: 100 })).candidates,
          [{ guid, sharedKeys: 1, comparisonRecord: { v: 1, surname: 'costa' } }],
        );
        assert.deepEqual(
          await store.nameFrequencies([
            { kind: 'last', value: 'silva1' },
            { kind: 'last', value: 'costa' },
          ]),
          [0, 1],
        );
        await store.putMatchIndex(guid!, {
          blockingKeys: ['ln:costa'],
          names: { first: 'ana', last: 'costa' },
          comparisonRecord: null,
        });
        assert.equal(
          (await store.findCandidates({ keys: ['ln:costa'], limit: 10, maxBlockSize: 100 })).candidates[0]
            ?.comparisonRecord,
          null,
        );
        await store.putMatchIndex(guid!, {
          blockingKeys: ['ln:santos', 'ln:costa'],
          keepOtherKeys: true,
          names: { first: 'ana', last: 'santos' },
          comparisonRecord: null,
        });
        assert.equal(
          (await store.findCandidates({ keys: ['ln:costa', 'ln:santos'], limit: 10, maxBlockSize: 100 })).candidates[0]
            ?.sharedKeys,
          2,
          'earlier keys are kept',
        );
        await assert.rejects(
          store.putMatchIndex('no-such-guid', { blockingKeys: [], names: {}, comparisonRecord: null }),
          rejectsWith('store.person_not_found'),
        );
      }));

    test('comparison records read back under encryption and go with a forgotten person', () =>
      withStore(
        async (store) => {
          const [guid] = await store.createPersons([
            person(1, { comparisonRecord: { v: 1, dateOfBirth: '1990-05-17' } }),
          ]);
          assert.deepEqual(
            (await store.findCandidates({ keys: ['ln:silva1'], limit: 10, maxBlockSize: 100 })).candidates[0]
              ?.comparisonRecord,
            { v: 1, dateOfBirth: '1990-05-17' },
          );
          await store.forget(guid!, 'dpo@company');
          assert.deepEqual(
            (await store.findCandidates({ keys: ['ln:silva1', 'fn:ana'], limit: 10, maxBlockSize: 100 })).candidates,
            [],
          );
          await assert.rejects(
            store.putMatchIndex(guid!, { blockingKeys: ['ln:x'], names: {}, comparisonRecord: { v: 1 } }),
            rejectsWith('store.person_forgotten'),
          );
        },
        { secretFields: ['dateOfBirth'], key: TEST_KEY },
      ));
  });

  describe(`${name}: reviews of a subject that arrives again`, () => {
    const duplicate = (subjectKeys: string[], personGuid: string | null = null) => ({
      kind: 'possible_duplicate' as const,
      personGuid,
      payload: { delivery: 1 },
      explanation: 'p=0.8',
      subjectKeys,
    });

    test('an open review is found by any of its subject keys, and no longer once decided', () =>
      withStore(async (store) => {
        const review = await store.addReview(duplicate(['e:ana@example.com', 'x:greenhouse:c-2']));
        await store.addReview({ kind: 'conflict', payload: {}, explanation: 'x', subjectKeys: ['e:ana@example.com'] });
        assert.equal(
          (await store.findOpenReview('possible_duplicate', ['x:greenhouse:c-2', 'e:other@example.com']))?.id,
          review.id,
        );
        assert.equal(await store.findOpenReview('possible_duplicate', ['e:nobody@example.com']), null);
        assert.equal(await store.findOpenReview('possible_duplicate', []), null);
        await store.decideReview(review.id, 'rejected', 'maria@hr');
        assert.equal(await store.findOpenReview('possible_duplicate', ['e:ana@example.com']), null);
      }));

    test('updating an open review replaces its content, files it under new keys and is audited; a decided one cannot be', () =>
      withStore(async (store) => {
        const review = await store.addReview(duplicate(['e:ana@example.com']));
        const updated = await store.updateReview(
          review.id,
          { payload: { delivery: 2 }, explanation: 'p=0.9', subjectKeys: ['x:lever:l-7'] },
          'hr-dedupe:d1',
        );
        assert.deepEqual(
          [updated.id, updated.status, updated.payload, updated.explanation],
          [review.id, 'open', { delivery: 2 }, 'p=0.9'],
        );
        assert.equal((await store.findOpenReview('possible_duplicate', ['x:lever:l-7']))?.id, review.id);
        assert.equal((await store.findOpenReview('possible_duplicate', ['e:ana@example.com']))?.id, review.id);
        assert.deepEqual(
          (await store.listReviews('open')).map((r) => r.id),
          [review.id],
          'still one review',
        );
        assert.ok(
          (await store.auditEntries()).some((e) => e.action === 'review.updated' && e.actor === 'hr-dedupe:d1'),
        );
        await store.decideReview(review.id, 'approved', 'maria@hr');
        await assert.rejects(
          store.updateReview(review.id, { payload: {}, explanation: 'late' }, 'x'),
          rejectsWith('store.review_decided'),
        );
        await assert.rejects(
          store.updateReview(review.id + 100, { payload: {}, explanation: 'x' }, 'x'),
          rejectsWith('store.review_not_found'),
        );
      }));

    test('a review goes with its forgotten person, subject keys included', () =>
      withStore(async (store) => {
        const { guid } = await store.createPerson({});
        await store.addReview(duplicate(['e:ana@example.com'], guid));
        await store.forget(guid, 'dpo@company');
        assert.equal(await store.findOpenReview('possible_duplicate', ['e:ana@example.com']), null);
      }));
  });

  describe(`${name}: poll cursors`, () => {
    test('a poll cursor is kept per name, replaced by the next, and forgotten with null', () =>
      withStore(async (store) => {
        assert.equal(await store.getNodeState('ashby:conn-1'), null);
        await store.setNodeState('ashby:conn-1', 'token-1');
        await store.setNodeState('ashby:conn-2', 'token-a');
        await store.setNodeState('ashby:conn-1', 'token-2');
        assert.equal(await store.getNodeState('ashby:conn-1'), 'token-2');
        assert.equal(await store.getNodeState('ashby:conn-2'), 'token-a');
        await store.setNodeState('ashby:conn-1', null);
        assert.equal(await store.getNodeState('ashby:conn-1'), null);
        assert.equal(await store.getNodeState('ashby:conn-2'), 'token-a');
      }));
  });

  describe(`${name}: counters`, () => {
    test('counts add up per hour and label, in hourly or daily series', () =>
      withStore(async (store, time) => {
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
