import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HrError } from '../../../lib/errors';
import { createHttpClient } from '../../../lib/http/client';
import { systemClock } from '../../../lib/http/clock';
import { HttpError } from '../../../lib/http/httpError';
import { createRateLimiter } from '../../../lib/http/rateLimiter';
import { activeTimers, closing, fakeClock, scripted, startServer } from './support';

/** Grants `n` acquisitions and returns the virtual time of each grant. */
async function grantTimes(
  n: number,
  limiter: ReturnType<typeof createRateLimiter>,
  now: () => number,
): Promise<number[]> {
  return Promise.all(Array.from({ length: n }, () => limiter.acquire().then(now)));
}

test('a burst goes at once, then requests follow at the configured rate', async () => {
  const { clock, now } = fakeClock(0);
  const limiter = createRateLimiter({ ratePerSecond: 10, burst: 5 }, clock);
  const times = await grantTimes(25, limiter, now);
  assert.deepEqual(times.slice(0, 5), [0, 0, 0, 0, 0]);
  assert.deepEqual(times.slice(5, 8), [100, 200, 300]);
  // In any window of w ms no more than burst + rate·w requests go.
  for (const start of times) {
    for (const w of [100, 500, 1000]) {
      const inWindow = times.filter((t) => t >= start && t < start + w).length;
      assert.ok(inWindow <= 5 + (10 * w) / 1000, `${inWindow} requests in ${w} ms from ${start}`);
    }
  }
  limiter.close();
});

test('waiting requests are served first come, first served', async () => {
  const { clock } = fakeClock(0);
  const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1 }, clock);
  const order: number[] = [];
  await Promise.all([1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push(i))));
  assert.deepEqual(order, [1, 2, 3, 4]);
  limiter.close();
});

test('a pause holds every request until the vendor said to come back', async () => {
  const { clock, now } = fakeClock(0);
  const limiter = createRateLimiter({ ratePerSecond: 10, burst: 5 }, clock);
  limiter.pauseUntil(3000);
  const times = await grantTimes(3, limiter, now);
  assert.deepEqual(times, [3000, 3100, 3200], 'one goes when the pause ends, the rest at the rate');
  limiter.close();
});

test('close rejects waiting requests and leaves no timer behind', async () => {
  const before = activeTimers();
  const limiter = createRateLimiter({ ratePerSecond: 0.001, burst: 1 }, systemClock);
  await limiter.acquire();
  const waiting = [limiter.acquire(), limiter.acquire()];
  assert.equal(activeTimers(), before + 1, 'the limiter waits on one timer');
  limiter.close();
  for (const w of waiting) await assert.rejects(w, (e: unknown) => e instanceof HrError && e.code === 'http.closed');
  assert.equal(activeTimers(), before);
  await assert.rejects(limiter.acquire(), (e: unknown) => e instanceof HrError && e.code === 'http.closed');
});

test('a client keeps a burst of requests under its configured rate', async (t) => {
  const server = await startServer(t, scripted({ status: 200 }));
  const { clock, now } = fakeClock(0);
  const client = closing(
    t,
    createHttpClient({ baseUrl: server.url, clock, rateLimit: { ratePerSecond: 4, burst: 3 } }),
  );
  await Promise.all(Array.from({ length: 12 }, (_, i) => client.request({ method: 'GET', url: `/employees/${i}` })));
  assert.equal(server.received.length, 12);
  assert.ok(
    now() >= ((12 - 3) / 4) * 1000,
    `12 requests at 4/s after a burst of 3 take 2.25 s of clock time, took ${now()} ms`,
  );
});

test('after a 429 with Retry-After the whole connection holds off, not just the request that got it', async (t) => {
  const server = await startServer(t, scripted({ status: 429, headers: { 'retry-after': '3' } }, { status: 200 }));
  const { clock, sleeps } = fakeClock(0);
  const client = closing(
    t,
    createHttpClient({ baseUrl: server.url, clock, retry: false, rateLimit: { ratePerSecond: 100, burst: 10 } }),
  );
  await assert.rejects(
    client.request({ method: 'GET', url: '/a' }),
    (e: unknown) => e instanceof HttpError && e.code === 'http.rate_limited',
  );
  const res = await client.request({ method: 'GET', url: '/b' });
  assert.equal(res.status, 200);
  assert.deepEqual(sleeps, [3000], 'the next request waited out the pause in the limiter');
});

test('closing a client rejects requests queued in its limiter, sleeping before a retry, or in flight, and leaves no timer', async (t) => {
  const before = activeTimers();
  const server = await startServer(t, (req, res) => {
    if (req.url === '/throttled') res.writeHead(503, { 'retry-after': '60' }).end();
    // '/hang' never answers.
  });
  const client = closing(t, createHttpClient({ baseUrl: server.url, rateLimit: { ratePerSecond: 0.5, burst: 2 } }));
  const sleepingBeforeRetry = client.request({ method: 'GET', url: '/throttled' });
  const inFlight = client.request({ method: 'GET', url: '/hang' });
  const queued = [client.request({ method: 'GET', url: '/queued' }), client.request({ method: 'GET', url: '/queued' })];
  while (server.received.length < 2) await new Promise((r) => setImmediate(r));
  client.close();
  for (const p of [sleepingBeforeRetry, inFlight, ...queued]) {
    await assert.rejects(p, (e: unknown) => e instanceof HttpError && e.code === 'http.closed');
  }
  await server.close();
  assert.equal(activeTimers(), before);
  await assert.rejects(
    client.request({ method: 'GET', url: '/after' }),
    (e: unknown) => e instanceof HttpError && e.code === 'http.closed',
  );
});
