import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Alert } from '../../../lib/alert/alert';
import { createDispatcher, type DispatcherOptions } from '../../../lib/alert/dispatcher';
import { HrError, type HrError as HrErrorType } from '../../../lib/errors';
import { fakeClock } from '../http/support';
import { sampleAlert, translator } from './support';

const t = translator('hr-alert');

/** A dispatcher whose channel records what it is sent; `next()` resolves at the next send. */
function harness(options: Partial<DispatcherOptions> = {}) {
  const sent: Alert[] = [];
  const failed: Array<{ alert: Alert; error: HrErrorType }> = [];
  let waiting: Array<() => void> = [];
  const settled = () => {
    for (const resolve of waiting) resolve();
    waiting = [];
  };
  const dispatcher = createDispatcher({
    groupWindowMs: 60_000,
    ratePerMinute: 0,
    t,
    send: async (alert) => alert,
    onSent: (alert) => {
      sent.push(alert);
      settled();
    },
    onFailed: (alert, error) => {
      failed.push({ alert, error });
      settled();
    },
    ...options,
  });
  const next = () => new Promise<void>((resolve) => waiting.push(resolve));
  return { dispatcher, sent, failed, next };
}

const failure = (n: number, code = 'bamboohr.field_invalid') =>
  sampleAlert({
    code,
    people: [{ name: `Person ${n}`, guid: `guid-${n}` }],
    firstAt: `2026-09-16T12:00:${String(n).padStart(2, '0')}.000Z`,
    lastAt: `2026-09-16T12:00:${String(n).padStart(2, '0')}.000Z`,
  });

test('20 identical failures within the window become one message with count 20', async () => {
  const time = fakeClock();
  const { dispatcher, sent, next } = harness({ clock: time.clock });
  const delivered = next();
  for (let i = 0; i < 20; i++) dispatcher.add(failure(i));
  assert.equal(sent.length, 0, 'nothing goes out before the window ends');
  await delivered;
  await dispatcher.close(1000);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].count, 20);
  assert.equal(sent[0].peopleCount, 20);
  assert.equal(sent[0].firstAt, '2026-09-16T12:00:00.000Z');
  assert.equal(sent[0].lastAt, '2026-09-16T12:00:19.000Z');
});

test('different problems are not folded together', async () => {
  const { dispatcher, sent } = harness();
  dispatcher.add(failure(1, 'a.one'));
  dispatcher.add(failure(2, 'b.two'));
  dispatcher.add(failure(3, 'a.one'));
  await dispatcher.close(1000);
  assert.deepEqual(sent.map((a) => [a.code, a.count]).sort(), [
    ['a.one', 2],
    ['b.two', 1],
  ]);
});

test('pending groups are sent on close rather than dropped', async () => {
  const { dispatcher, sent, failed } = harness({ groupWindowMs: 3_600_000 });
  dispatcher.add(failure(1));
  dispatcher.add(failure(2));
  await dispatcher.close(1000);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].count, 2);
  assert.equal(failed.length, 0);
});

test('an alert the channel cannot take in time on close is reported, not lost', async () => {
  const { dispatcher, failed } = harness({ groupWindowMs: 0, send: () => new Promise(() => undefined) });
  dispatcher.add(failure(1));
  dispatcher.add(failure(2, 'other.code'));
  await dispatcher.close(20);
  dispatcher.add(failure(3));
  const codes = failed.map((f) => f.error.code);
  assert.ok(codes.includes('alert.not_sent_on_close'), `reported: ${codes.join(', ')}`);
  assert.equal(failed.at(-1)?.alert.code, 'bamboohr.field_invalid', 'an alert arriving after close is reported too');
});

test('a channel failure reaches onFailed with its code', async () => {
  const { dispatcher, failed, next } = harness({
    groupWindowMs: 0,
    send: () => Promise.reject(new HrError('alert.channel_gone', 'Slack says this webhook no longer exists')),
  });
  const done = next();
  dispatcher.add(failure(1));
  await done;
  await dispatcher.close(100);
  assert.equal(failed[0].error.code, 'alert.channel_gone');
});

test('sends keep to the configured rate per channel', async () => {
  const time = fakeClock();
  const at: number[] = [];
  const { dispatcher } = harness({
    groupWindowMs: 0,
    ratePerMinute: 6,
    clock: time.clock,
    send: async () => void at.push(time.now()),
  });
  for (let i = 0; i < 8; i++) dispatcher.add(failure(i, `code.${i}`));
  await dispatcher.close(5_000);
  assert.equal(at.length, 8);
  // A burst of up to 5, then one every 10 s (6 a minute).
  assert.equal(at[5] - at[0], 10_000);
  assert.equal(at[7] - at[6], 10_000);
});

test('with the daily digest, warnings wait for the digest time and arrive as one list while errors go at once', async () => {
  const time = fakeClock(new Date(2026, 8, 16, 12, 0, 0).getTime());
  const { dispatcher, sent, next } = harness({
    groupWindowMs: 0,
    clock: time.clock,
    digest: { hour: 8, minute: 0, immediateFrom: 'error' },
  });
  const first = next();
  dispatcher.add(sampleAlert({ severity: 'warning', code: 'w.one', title: 'Slow vendor' }));
  dispatcher.add(sampleAlert({ severity: 'warning', code: 'w.one', title: 'Slow vendor' }));
  dispatcher.add(sampleAlert({ severity: 'warning', code: 'w.two', title: 'Review queue growing' }));
  dispatcher.add(sampleAlert({ severity: 'error', code: 'e.one' }));
  await first;
  assert.equal(sent[0].code, 'e.one', 'the error is not held');
  await next();
  await dispatcher.close(100);
  const digest = sent[1];
  assert.equal(digest.code, 'alert.digest');
  assert.equal(new Date(time.now()).getHours(), 8, 'sent at the digest time');
  assert.equal(digest.count, 3);
  assert.match(digest.title, /3 alerts about 2 problems/);
  assert.match(digest.detail ?? '', /Slow vendor — 2×/);
});
