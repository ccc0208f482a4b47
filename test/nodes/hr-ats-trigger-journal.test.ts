/** The trigger's group commit: deliveries recorded together, answered after their batch, emitted once and in order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { METRICS } from '../../lib/health/metrics';
import type { HrStore, NewEvent } from '../../lib/store';
import { greenhouseSender, leverSender, type SignedDelivery } from '../../sandbox/senders';
import { settle } from '../support/nodeRed';
import { leverHire } from './ats/seeds';
import { useLeverRuntime } from './ats/leverRuntime';
import { loadTrigger } from './ats/triggerFlow';

type Msg = { event: { id: string; via: string } };
type Trigger = Awaited<ReturnType<typeof loadTrigger>>;

const runtime = useLeverRuntime('journal');

const SECRET = 'gh-secret';
const gh = greenhouseSender({ secret: SECRET });
const hire = (n: number) => gh.hire({ applicationId: n, offerId: n, candidateId: n, email: `hire${n}@example.com` });
const keyOf = (n: number) => `hire:${n}:${n}`;
const loadGreenhouse = () => loadTrigger({ vendor: 'greenhouse', secret: SECRET, file: runtime.db() });

/**
 * Watches the store the trigger records into: every batch it commits, and a way to hold the next
 * commit open until the deliveries sent meanwhile have queued up behind it (each delivery looks for
 * tombstones just before it is queued, so its probes tell that it has arrived).
 */
async function watchStore(t: Trigger) {
  const store = (await t.store()) as HrStore & Record<string, unknown>;
  const recordEvents = store.recordEvents.bind(store);
  const isTombstoned = store.isTombstoned.bind(store);
  const batches: string[][] = [];
  let probes = 0;
  let gate: Promise<void> | null = null;
  let open = () => undefined as void;
  let committing = () => undefined as void;
  let poison = false;
  store.isTombstoned = (probe: Parameters<HrStore['isTombstoned']>[0]) => {
    probes += 1;
    return isTombstoned(probe);
  };
  store.recordEvents = async (events: readonly NewEvent[]) => {
    batches.push(events.map((e) => e.eventId));
    committing();
    if (gate) await gate;
    gate = null;
    // Poisoned: the second event cannot be written, so the real transaction fails after the first insert.
    return recordEvents(
      poison && events.length > 1
        ? events.map((e, i) => (i === 1 ? { ...e, payload: { unstorable: 1n } } : e))
        : events,
    );
  };
  return {
    batches,
    poison: (on: boolean) => void (poison = on),
    /** Holds the next commit; resolves once it has started. */
    holdNextCommit(): Promise<void> {
      gate = new Promise((resolve) => (open = resolve));
      return new Promise((resolve) => (committing = resolve));
    },
    /** Lets the held commit go once `count` more deliveries (of `perDelivery` probes each) have queued. */
    async releaseAfter(count: number, perDelivery: number, probesBefore: number) {
      while (probes < probesBefore + count * perDelivery) await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      open();
    },
    probes: () => probes,
  };
}

/** Resolves once the trigger has emitted n messages in all. */
const emittedCount = (t: Trigger, n: number, limitMs = 10_000) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`only ${t.emitted.length} of ${n} messages emitted within ${limitMs} ms`)),
      limitMs,
    );
    const check = () => {
      if (t.emitted.length < n) return;
      clearTimeout(timer);
      t.out.off('input', check);
      resolve();
    };
    t.out.on('input', check);
    check();
  });

const post = (t: Trigger, signed: SignedDelivery) => t.post(signed).then((res) => res.status);

test('deliveries arriving during a commit are recorded together, each answered 2xx and emitted once, in the order accepted', async () => {
  const t = await loadGreenhouse();
  const watch = await watchStore(t);
  const held = watch.holdNextCommit();
  const firstAnswer = post(t, hire(1));
  await held;
  const perDelivery = watch.probes();
  const probesBefore = watch.probes();
  const answers = Promise.all([hire(2), hire(3), hire(2), hire(1)].map((d) => post(t, d)));
  await watch.releaseAfter(4, perDelivery, probesBefore);
  assert.deepEqual([await firstAnswer, ...(await answers)], [200, 200, 200, 200, 200]);
  assert.deepEqual(
    watch.batches,
    [[keyOf(1)], [keyOf(2), keyOf(3), keyOf(2), keyOf(1)]],
    'the four late deliveries share one transaction',
  );
  await emittedCount(t, 3);
  await settle();
  assert.deepEqual(
    t.emitted.map((m) => (m as Msg).event.id),
    [keyOf(1), keyOf(2), keyOf(3)],
  );
  const counted = await (
    await t.store()
  ).sumCounters(METRICS.eventsIn, new Date(Date.now() - 3_600_000), { vendor: 'greenhouse' });
  assert.equal(counted, 3, 'events in counts each accepted event once, not the repeats');
});

test('a store failure in the middle of a batch answers every delivery of it 5xx, emits none, and their redeliveries are accepted', async () => {
  const t = await loadGreenhouse();
  const watch = await watchStore(t);
  const held = watch.holdNextCommit();
  const firstAnswer = post(t, hire(1));
  await held;
  const perDelivery = watch.probes();
  const probesBefore = watch.probes();
  watch.poison(true);
  const answers = Promise.all([hire(2), hire(3), hire(4)].map((d) => post(t, d)));
  await watch.releaseAfter(3, perDelivery, probesBefore);
  assert.equal(await firstAnswer, 200);
  assert.deepEqual(await answers, [503, 503, 503]);
  assert.deepEqual(watch.batches[1], [keyOf(2), keyOf(3), keyOf(4)]);
  await emittedCount(t, 1);
  await settle();
  assert.deepEqual(
    t.emitted.map((m) => (m as Msg).event.id),
    [keyOf(1)],
  );
  assert.deepEqual(
    (await (await t.store()).pendingEvents()).map((e) => e.eventId),
    [keyOf(1)],
    'nothing of the failed batch was recorded',
  );

  watch.poison(false);
  assert.deepEqual(await Promise.all([hire(2), hire(3), hire(4)].map((d) => post(t, d))), [200, 200, 200]);
  await emittedCount(t, 4);
  await settle();
  assert.deepEqual(t.emitted.map((m) => (m as Msg).event.id).sort(), [keyOf(1), keyOf(2), keyOf(3), keyOf(4)]);
});

test('an event whose enrichment is slow is emitted before one accepted after it', async () => {
  const slow = leverHire(runtime.lever(), { name: 'Slow Hire', email: 'slow@example.com' });
  const quick = leverHire(runtime.lever(), { name: 'Quick Hire', email: 'quick@example.com' });
  runtime.lever().injectFault({ kind: 'delay', delayMs: 400, method: 'GET', path: `/v1/opportunities/${slow}` });
  const t = await loadTrigger({
    vendor: 'lever',
    secret: 'lever-token',
    file: runtime.db(),
    apiKey: 'sandbox-lever-key',
    connection: { baseUrl: `${runtime.lever().url}/v1` },
  });
  const sender = leverSender({ secret: 'lever-token' });
  assert.equal(await post(t, sender.candidateHired({ opportunityId: slow })), 200);
  assert.equal(await post(t, sender.candidateHired({ opportunityId: quick })), 200);
  await emittedCount(t, 2);
  assert.deepEqual(
    t.emitted.map((m) => (m as Msg).event.id),
    [`hire:${slow}`, `hire:${quick}`],
  );
});
