import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SCHEDULE, nextAttemptAt } from '../../../lib/outbox/schedule';

const t0 = Date.UTC(2026, 10, 29, 9, 0, 0);
const half = () => 0.5;

test('the wait grows with each attempt, with jitter, and is never immediate', () => {
  const waits = [1, 2, 3].map((n) => nextAttemptAt(n, t0, t0, undefined, DEFAULT_SCHEDULE, () => 0)!.getTime() - t0);
  assert.deepEqual(waits, [15_000, 30_000, 60_000]);
  const jittered = nextAttemptAt(1, t0, t0, undefined, DEFAULT_SCHEDULE, () => 0.999)!.getTime() - t0;
  assert.ok(jittered > 29_000 && jittered <= 30_000);
});

test("the vendor's Retry-After is honoured when it asks for longer than the backoff", () => {
  assert.equal(nextAttemptAt(1, t0, t0, 120_000, DEFAULT_SCHEDULE, half)!.getTime(), t0 + 120_000);
  assert.equal(nextAttemptAt(1, t0, t0, 1_000, DEFAULT_SCHEDULE, half)!.getTime(), t0 + 22_500);
});

test('after the attempt limit, or past the age limit, the entry is given up', () => {
  assert.equal(nextAttemptAt(10, t0, t0, undefined, DEFAULT_SCHEDULE, half), null);
  const almostADayOld = t0 + DEFAULT_SCHEDULE.maxAgeMs - 1_000;
  assert.equal(nextAttemptAt(3, t0, almostADayOld, undefined, DEFAULT_SCHEDULE, half), null);
});
