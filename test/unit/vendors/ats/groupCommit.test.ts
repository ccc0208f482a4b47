import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HrError } from '../../../../lib/errors';
import type { NewEvent } from '../../../../lib/store';
import { GroupCommit } from '../../../../lib/vendors/ats/groupCommit';

const event = (eventId: string): NewEvent => ({
  eventId,
  source: 'greenhouse',
  type: 'hire',
  receivedAt: new Date(),
  payload: {},
});

/** A store whose commits the test holds open and lets go of, remembering each batch and every key it keeps. */
function heldStore() {
  const batches: string[][] = [];
  const kept = new Set<string>();
  let failNext = false;
  let release: () => void = () => undefined;
  let hold: Promise<void> | null = null;
  let started: () => void = () => undefined;
  let commitStarted = new Promise<void>((resolve) => (started = resolve));
  return {
    batches,
    kept,
    holdNextCommit() {
      hold = new Promise((resolve) => (release = resolve));
      commitStarted = new Promise((resolve) => (started = resolve));
    },
    commitStarted: () => commitStarted,
    release: () => release(),
    failNextCommit: () => void (failNext = true),
    store: {
      async recordEvents(events: readonly NewEvent[]) {
        batches.push(events.map((e) => e.eventId));
        started();
        if (hold) await hold;
        hold = null;
        if (failNext) {
          failNext = false;
          throw new HrError('store.disk_full', 'disk full');
        }
        return events.map((e) => {
          const inserted = !kept.has(e.eventId);
          kept.add(e.eventId);
          return { inserted };
        });
      },
    },
  };
}

test('deliveries that arrive while a commit is in flight are recorded together in the next one', async () => {
  const s = heldStore();
  const journal = new GroupCommit(async () => s.store);
  s.holdNextCommit();
  const first = journal.recordEvent(event('a'));
  await s.commitStarted();
  const later = ['b', 'c', 'b', 'a'].map((id) => journal.recordEvent(event(id)));
  s.release();
  assert.deepEqual(await first, { inserted: true });
  assert.deepEqual(
    (await Promise.all(later)).map((r) => r.inserted),
    [true, true, false, false],
  );
  assert.deepEqual(s.batches, [['a'], ['b', 'c', 'b', 'a']]);
});

test('deliveries queued in one turn of the event loop share one commit', async () => {
  const s = heldStore();
  const journal = new GroupCommit(async () => s.store);
  const results = await Promise.all(['a', 'b', 'c'].map((id) => journal.recordEvent(event(id))));
  assert.deepEqual(
    results.map((r) => r.inserted),
    [true, true, true],
  );
  assert.deepEqual(s.batches, [['a', 'b', 'c']]);
});

test('each delivery is answered only after its own batch committed, in the order it was queued', async () => {
  const s = heldStore();
  const journal = new GroupCommit(async () => s.store);
  const answered: string[] = [];
  s.holdNextCommit();
  const all = ['a', 'b', 'c'].map((id) => journal.recordEvent(event(id)).then(() => void answered.push(id)));
  await s.commitStarted();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(answered, [], 'nothing is answered while the commit is in flight');
  s.release();
  await Promise.all(all);
  assert.deepEqual(answered, ['a', 'b', 'c']);
});

test('a failed batch rejects every delivery in it; the next batch and a redelivery are recorded', async () => {
  const s = heldStore();
  const journal = new GroupCommit(async () => s.store);
  s.holdNextCommit();
  s.failNextCommit();
  const failing = ['a', 'b'].map((id) => journal.recordEvent(event(id)));
  await s.commitStarted();
  const next = journal.recordEvent(event('c'));
  s.release();
  for (const result of await Promise.allSettled(failing)) {
    assert.equal(result.status, 'rejected');
    assert.equal((result as PromiseRejectedResult).reason.code, 'store.disk_full');
  }
  assert.deepEqual(await next, { inserted: true });
  assert.deepEqual(
    await journal.recordEvent(event('a')),
    { inserted: true },
    'the redelivery is new: the failed batch recorded nothing',
  );
});

test('a store that answers fewer events than it was given fails the batch rather than lose one', async () => {
  const journal = new GroupCommit(async () => ({ recordEvents: async () => [{ inserted: true }] }));
  const results = await Promise.allSettled([journal.recordEvent(event('a')), journal.recordEvent(event('b'))]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'rejected'],
  );
});

test('once closed it refuses new deliveries and still answers those already queued', async () => {
  const s = heldStore();
  const journal = new GroupCommit(async () => s.store);
  const queued = journal.recordEvent(event('a'));
  journal.close();
  await assert.rejects(
    journal.recordEvent(event('b')),
    (err: unknown) => err instanceof HrError && err.code === 'ats.closing',
  );
  assert.deepEqual(await queued, { inserted: true });
});
