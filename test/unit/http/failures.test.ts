import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basicAuth } from '../../../lib/http/auth';
import { createHttpClient } from '../../../lib/http/client';
import { HttpError } from '../../../lib/http/httpError';
import { closing, fakeClock, startServer, type Handler } from './support';

const isHttpError =
  (code: string, check: (e: HttpError) => void = () => undefined) =>
  (err: unknown) => {
    assert.ok(err instanceof HttpError, `expected an HttpError, got ${String(err)}`);
    assert.equal(err.code, code);
    check(err);
    return true;
  };

/** Never answers the first `n` requests (the client's deadline ends them), then answers 200. */
const silentFor = (n: number): Handler => {
  let seen = 0;
  return (_req, res) => {
    if (++seen > n) res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  };
};

/** Sends headers and half a body for the first `n` requests, then drops the connection. */
const resetMidBodyFor = (n: number): Handler => {
  let seen = 0;
  return (_req, res, socket) => {
    if (++seen > n) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('{"employees":[', () => socket.destroy());
  };
};

test('a vendor that never answers fails with http.timeout', async (t) => {
  const server = await startServer(t, silentFor(Infinity));
  const client = closing(t, createHttpClient({ baseUrl: server.url, timeoutMs: 50, retry: false }));
  await assert.rejects(
    client.request({ method: 'GET', url: '/slow' }),
    isHttpError('http.timeout', (e) => {
      assert.equal(e.retryable, true);
      assert.match(e.message, /no complete answer within 50 ms/);
    }),
  );
});

test('a read that timed out is tried again and the next answer is returned', async (t) => {
  const server = await startServer(t, silentFor(1));
  const { clock } = fakeClock();
  // Long enough that the answered second attempt cannot time out on a busy machine.
  const client = closing(t, createHttpClient({ baseUrl: server.url, timeoutMs: 250, clock }));
  const res = await client.request({ method: 'GET', url: '/slow' });
  assert.deepEqual(res.body, { ok: true });
  assert.equal(res.attempts, 2);
});

test('a create that timed out is not repeated: it may have reached the vendor', async (t) => {
  const server = await startServer(t, silentFor(1));
  const { clock } = fakeClock();
  const client = closing(t, createHttpClient({ baseUrl: server.url, timeoutMs: 50, clock }));
  await assert.rejects(
    client.request({ method: 'POST', url: '/v1/employees', body: { firstName: 'Ana' } }),
    isHttpError('http.timeout', (e) => {
      assert.equal(e.attempts, 1);
      assert.equal(e.maybeDelivered, true);
    }),
  );
  assert.equal(server.received.length, 1);
});

test('a connection reset in the middle of the body is a network error, and a read is tried again', async (t) => {
  const server = await startServer(t, resetMidBodyFor(1));
  const { clock } = fakeClock();
  const client = closing(t, createHttpClient({ baseUrl: server.url, clock }));
  const res = await client.request({ method: 'GET', url: '/v1/employees/directory' });
  assert.deepEqual(res.body, { ok: true });
  assert.equal(res.attempts, 2);
});

test('a create whose connection was reset mid-answer is reported, not repeated', async (t) => {
  const server = await startServer(t, resetMidBodyFor(Infinity));
  const { clock } = fakeClock();
  const client = closing(t, createHttpClient({ baseUrl: server.url, clock }));
  await assert.rejects(
    client.request({ method: 'POST', url: '/v1/employees', body: {} }),
    isHttpError('http.network', (e) => {
      assert.equal(e.attempts, 1);
      assert.equal(e.maybeDelivered, true);
      assert.equal(e.details?.errno, 'ECONNRESET');
    }),
  );
});

test('a refused connection is repeated even for a create: nothing reached the vendor', async (t) => {
  const server = await startServer(t, silentFor(0));
  const url = server.url;
  await server.close();
  const { clock } = fakeClock();
  const client = closing(t, createHttpClient({ baseUrl: url, clock, retry: { maxAttempts: 3 } }));
  await assert.rejects(
    client.request({ method: 'POST', url: '/v1/employees', body: {} }),
    isHttpError('http.network', (e) => {
      assert.equal(e.attempts, 3);
      assert.equal(e.maybeDelivered, false);
      assert.equal(e.details?.errno, 'ECONNREFUSED');
    }),
  );
});

test('a 401 with a static API key is an auth error, not retried', async (t) => {
  const server = await startServer(t, (_req, res) => res.writeHead(401).end());
  const client = closing(t, createHttpClient({ baseUrl: server.url, auth: basicAuth('key', 'x') }));
  await assert.rejects(
    client.request({ method: 'GET', url: '/v1/employees/0' }),
    isHttpError('http.auth', (e) => {
      assert.equal(e.status, 401);
      assert.equal(e.attempts, 1);
    }),
  );
});

test('a 403 is an auth error that names missing permission', async (t) => {
  const server = await startServer(t, (_req, res) => res.writeHead(403).end());
  const client = closing(t, createHttpClient({ baseUrl: server.url }));
  await assert.rejects(
    client.request({ method: 'GET', url: '/x' }),
    isHttpError('http.auth', (e) => assert.match(e.message, /lack permission/)),
  );
});

test('a redirect is not followed and names where the vendor moved', async (t) => {
  const server = await startServer(t, (_req, res) =>
    res.writeHead(301, { location: 'https://acme.bamboohr.com/api/v1/employees' }).end(),
  );
  const client = closing(t, createHttpClient({ baseUrl: server.url }));
  await assert.rejects(
    client.request({ method: 'POST', url: '/v1/employees', body: {} }),
    isHttpError('http.status', (e) =>
      assert.match(e.message, /moved to https:\/\/acme\.bamboohr\.com\/api\/v1\/employees/),
    ),
  );
  assert.equal(server.received.length, 1);
});

test('many requests in flight on one client print no MaxListenersExceededWarning', async (t) => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);
  process.on('warning', onWarning);
  t.after(() => process.off('warning', onWarning));
  const server = await startServer(
    t,
    (_req, res) =>
      void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), 20),
  );
  const client = closing(t, createHttpClient({ baseUrl: server.url, rateLimit: { ratePerSecond: 1000, burst: 32 } }));
  await Promise.all(Array.from({ length: 24 }, () => client.request({ method: 'GET', url: '/x' })));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    warnings.filter((w) => w === 'MaxListenersExceededWarning'),
    [],
  );
});

test('an absolute URL on another host (a next-page link an answer named) is refused before any credentials are sent', async (t) => {
  let homeSeen = 0;
  let otherSeen = 0;
  const home = await startServer(
    t,
    (_req, res) => void (homeSeen++, res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')),
  );
  const other = await startServer(t, (_req, res) => void (otherSeen++, res.writeHead(200).end()));
  const client = closing(
    t,
    createHttpClient({ baseUrl: `${home.url}/v1`, auth: basicAuth('secret-key', 'x'), retry: false }),
  );
  await assert.rejects(
    client.request({ method: 'GET', url: `${other.url}/v1/candidates?page=2` }),
    isHttpError('http.foreign_host', (e) => {
      assert.equal(e.retryable, false);
      assert.equal(e.maybeDelivered, false);
      assert.doesNotMatch(e.message, /secret-key/);
    }),
  );
  assert.equal(otherSeen, 0, 'nothing reached the other host');
  // The connection's own host, written out in full, is fine.
  assert.deepEqual((await client.request({ method: 'GET', url: `${home.url}/v1/candidates?page=2` })).body, {
    ok: true,
  });
  assert.equal(homeSeen, 1);
});
