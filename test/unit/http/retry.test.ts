import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpClient } from '../../../lib/http/client';
import { HttpError } from '../../../lib/http/httpError';
import { backoffDelay, defaultRetryPolicy, retryAfterMs } from '../../../lib/http/retry';
import { closing, fakeClock, scripted, startServer } from './support';

async function withServer(
  t: TestContext,
  handler: Parameters<typeof startServer>[1],
  body: (url: string, received: Awaited<ReturnType<typeof startServer>>['received']) => Promise<void>,
) {
  const server = await startServer(t, handler);
  await body(server.url, server.received);
}

const isHttpError =
  (code: string, check: (e: HttpError) => void = () => undefined) =>
  (err: unknown) => {
    assert.ok(err instanceof HttpError, `expected an HttpError, got ${String(err)}`);
    assert.equal(err.code, code);
    check(err);
    return true;
  };

test('a 503 is retried after a jittered backoff and the second answer is returned', async (t) => {
  await withServer(t, scripted({ status: 503 }, { status: 200, body: { id: 7 } }), async (url) => {
    const { clock, sleeps } = fakeClock();
    const client = closing(t, createHttpClient({ baseUrl: url, clock }));
    const res = await client.request({ method: 'GET', url: '/employees/7' });
    assert.deepEqual(res.body, { id: 7 });
    assert.equal(res.attempts, 2);
    assert.deepEqual(sleeps, [250], 'random 0.5 of the first backoff ceiling (500 ms)');
  });
});

test('a 429 waits exactly the Retry-After seconds the vendor asked for', async (t) => {
  await withServer(t, scripted({ status: 429, headers: { 'retry-after': '7' } }, { status: 200 }), async (url) => {
    const { clock, sleeps } = fakeClock();
    const client = closing(t, createHttpClient({ baseUrl: url, clock }));
    const res = await client.request({ method: 'GET', url: '/candidates' });
    assert.equal(res.status, 200);
    assert.deepEqual(sleeps, [7000]);
  });
});

test('a 429 with an HTTP-date Retry-After waits until that date', async (t) => {
  const { clock, sleeps, now } = fakeClock();
  const at = new Date(now() + 5000).toUTCString();
  await withServer(t, scripted({ status: 429, headers: { 'retry-after': at } }, { status: 200 }), async (url) => {
    const client = closing(t, createHttpClient({ baseUrl: url, clock }));
    await client.request({ method: 'GET', url: '/candidates' });
    assert.deepEqual(sleeps, [5000]);
  });
});

test("a 429 without Retry-After waits for Greenhouse's X-RateLimit-Reset epoch", async (t) => {
  const { clock, sleeps, now } = fakeClock();
  const reset = String(Math.floor(now() / 1000) + 4);
  await withServer(
    t,
    scripted({ status: 429, headers: { 'x-ratelimit-reset': reset } }, { status: 200 }),
    async (url) => {
      const client = closing(t, createHttpClient({ baseUrl: url, clock }));
      await client.request({ method: 'GET', url: '/v1/candidates' });
      assert.deepEqual(sleeps, [4000]);
    },
  );
});

test('a BambooHR 429 with Retry-After is repeated even for a create, since throttled means not applied', async (t) => {
  await withServer(
    t,
    scripted(
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 201, headers: { location: '/v1/employees/41' } },
    ),
    async (url, received) => {
      const { clock, sleeps } = fakeClock();
      const client = closing(t, createHttpClient({ baseUrl: url, clock }));
      const res = await client.request({
        method: 'POST',
        url: '/v1/employees',
        body: { firstName: 'Ana', lastName: 'Silva' },
      });
      assert.equal(res.status, 201);
      assert.equal(res.headers.location, '/v1/employees/41');
      assert.deepEqual(sleeps, [2000]);
      assert.equal(received.length, 2);
    },
  );
});

test("a 503 on a create is not repeated by the client even with Retry-After: since 2026-09-16 BambooHR's 503 means unavailable, not throttled", async (t) => {
  await withServer(
    t,
    scripted(
      { status: 503, headers: { 'retry-after': '2' } },
      { status: 201, headers: { location: '/v1/employees/41' } },
    ),
    async (url, received) => {
      const { clock } = fakeClock();
      const client = closing(t, createHttpClient({ baseUrl: url, clock }));
      await assert.rejects(
        client.request({ method: 'POST', url: '/v1/employees', body: { firstName: 'Ana', lastName: 'Silva' } }),
        isHttpError('http.status', (e) => assert.equal(e.maybeDelivered, true)),
      );
      assert.equal(received.length, 1);
    },
  );
});

for (const status of [400, 404, 409, 422]) {
  test(`a ${status} is not retried`, async (t) => {
    await withServer(t, scripted({ status }), async (url, received) => {
      const { clock, sleeps } = fakeClock();
      const client = closing(t, createHttpClient({ baseUrl: url, clock }));
      await assert.rejects(
        client.request({ method: 'GET', url: '/x' }),
        isHttpError('http.status', (e) => {
          assert.equal(e.status, status);
          assert.equal(e.retryable, false);
          assert.equal(e.attempts, 1);
        }),
      );
      assert.equal(received.length, 1);
      assert.deepEqual(sleeps, []);
    });
  });
}

test("a Greenhouse 422 surfaces the vendor's field errors in the message", async (t) => {
  const body = { message: 'Validation error', errors: [{ message: 'Must be a valid email', field: 'email' }] };
  await withServer(t, scripted({ status: 422, body }), async (url) => {
    const client = closing(t, createHttpClient({ baseUrl: url }));
    await assert.rejects(
      client.request({ method: 'PATCH', url: '/v1/candidates/1', body: { email: 'nope' } }),
      isHttpError('http.status', (e) => {
        assert.equal(e.vendorMessage, 'Validation error: email: Must be a valid email');
        assert.match(
          e.message,
          /PATCH http:\/\/127\.0\.0\.1:\d+\/v1\/candidates\/1 answered 422 — the vendor says: Validation error: email: Must be a valid email/,
        );
        assert.equal(e.maybeDelivered, false);
      }),
    );
  });
});

test('a BambooHR 400 surfaces the X-BambooHR-Error-Message header', async (t) => {
  await withServer(
    t,
    scripted({ status: 400, headers: { 'x-bamboohr-error-message': 'Invalid field: payPer' } }),
    async (url) => {
      const client = closing(t, createHttpClient({ baseUrl: url }));
      await assert.rejects(
        client.request({ method: 'POST', url: '/v1/employees', body: { payPer: 'Year' } }),
        isHttpError('http.status', (e) => assert.equal(e.vendorMessage, 'Invalid field: payPer')),
      );
    },
  );
});

test('a create that got a 500 is not repeated: the employee may exist already', async (t) => {
  await withServer(t, scripted({ status: 500 }, { status: 201 }), async (url, received) => {
    const { clock } = fakeClock();
    const client = closing(t, createHttpClient({ baseUrl: url, clock }));
    await assert.rejects(
      client.request({ method: 'POST', url: '/v1/employees', body: {} }),
      isHttpError('http.status', (e) => {
        assert.equal(e.retryable, true, 'transient, so an outbox may try again after a lookup');
        assert.equal(e.maybeDelivered, true);
      }),
    );
    assert.equal(received.length, 1);
  });
});

test('a POST the caller marks idempotent is repeated after a 500', async (t) => {
  await withServer(t, scripted({ status: 500 }, { status: 201 }), async (url) => {
    const { clock } = fakeClock();
    const client = closing(t, createHttpClient({ baseUrl: url, clock }));
    const res = await client.request({
      method: 'POST',
      url: '/v1/invitations',
      headers: { 'Idempotency-Key': 'k1' },
      idempotent: true,
    });
    assert.equal(res.attempts, 2);
  });
});

test('retries stop at maxAttempts and the error says how many were made', async (t) => {
  await withServer(t, scripted({ status: 502 }), async (url, received) => {
    const { clock, sleeps } = fakeClock();
    const client = closing(t, createHttpClient({ baseUrl: url, clock, retry: { maxAttempts: 3 } }));
    await assert.rejects(
      client.request({ method: 'GET', url: '/x' }),
      isHttpError('http.status', (e) => {
        assert.equal(e.attempts, 3);
        assert.match(e.message, /\(3 attempts\)$/);
      }),
    );
    assert.equal(received.length, 3);
    assert.deepEqual(sleeps, [250, 500]);
  });
});

test('a Retry-After beyond the time budget is handed back at once instead of waited for', async (t) => {
  await withServer(t, scripted({ status: 429, headers: { 'retry-after': '3600' } }), async (url) => {
    const { clock, sleeps } = fakeClock();
    const client = closing(t, createHttpClient({ baseUrl: url, clock }));
    await assert.rejects(
      client.request({ method: 'GET', url: '/x' }),
      isHttpError('http.rate_limited', (e) => {
        assert.equal(e.retryAfterMs, 3_600_000);
        assert.equal(e.attempts, 1);
      }),
    );
    assert.deepEqual(sleeps, []);
  });
});

test('retry: false on a request makes exactly one attempt', async (t) => {
  await withServer(t, scripted({ status: 503 }), async (url, received) => {
    const client = closing(t, createHttpClient({ baseUrl: url }));
    await assert.rejects(client.request({ method: 'GET', url: '/x', retry: false }), isHttpError('http.status'));
    assert.equal(received.length, 1);
  });
});

test('backoff uses full jitter under an exponential ceiling capped at maxDelayMs', () => {
  const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 0.999)),
    [99, 199, 399, 799, 999, 999],
  );
  assert.equal(
    backoffDelay(3, policy, () => 0),
    0,
  );
});

test('Retry-After and reset headers are read in every documented form', () => {
  const now = Date.UTC(2026, 8, 16, 12, 0, 0);
  assert.equal(retryAfterMs(503, { 'retry-after': '1.5' }, now), 1500);
  assert.equal(retryAfterMs(429, { 'retry-after': new Date(now + 9000).toUTCString() }, now), 9000);
  assert.equal(retryAfterMs(429, { 'retry-after': new Date(now - 9000).toUTCString() }, now), 0);
  assert.equal(retryAfterMs(429, { 'x-ratelimit-reset': String(now / 1000 + 3) }, now), 3000);
  assert.equal(retryAfterMs(429, { 'x-rate-limit-reset': String(now + 3000) }, now), 3000, 'epoch milliseconds');
  assert.equal(retryAfterMs(429, { 'ratelimit-reset': '12' }, now), 12_000, 'delta seconds');
  assert.equal(retryAfterMs(200, { 'x-ratelimit-reset': '12' }, now), undefined, 'a window on a success is not a wait');
  assert.equal(retryAfterMs(429, { 'retry-after': 'soon' }, now), undefined);
});
