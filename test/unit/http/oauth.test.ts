import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpClient } from '../../../lib/http/client';
import { HttpError } from '../../../lib/http/httpError';
import { oauthClientCredentials, oauthRefreshToken, type OAuthOptions } from '../../../lib/http/oauth';
import { closing, fakeClock, startServer, type Received } from './support';

/**
 * A vendor with a token endpoint and one resource. Tokens are `tok-1`, `tok-2`, …; the resource
 * accepts only tokens in `valid`, so a test can revoke one.
 */
async function startVendor(
  t: TestContext,
  opts: { expiresIn?: number; tokenDelayMs?: number; tokenStatus?: number; rotate?: boolean } = {},
) {
  const tokenRequests: Received[] = [];
  const valid = new Set<string>();
  let issued = 0;
  let refuseAll = false;
  const server = await startServer(t, (req, res) => {
    if (req.url === '/token') {
      tokenRequests.push(req);
      if (opts.tokenStatus)
        return void res
          .writeHead(opts.tokenStatus, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid_client', error_description: 'Client authentication failed' }));
      const token = `tok-${++issued}`;
      if (!refuseAll) valid.add(token);
      const body = {
        access_token: token,
        token_type: 'Bearer',
        expires_in: opts.expiresIn ?? 3600,
        ...(opts.rotate ? { refresh_token: `refresh-${issued}` } : {}),
      };
      setTimeout(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
        opts.tokenDelayMs ?? 0,
      );
      return;
    }
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!valid.has(token)) return void res.writeHead(401).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token }));
  });
  const refuse = () => {
    refuseAll = true;
    valid.clear();
  };
  return {
    server,
    tokenRequests,
    valid,
    refuseAll: refuse,
    resourceRequests: () => server.received.filter((r) => r.url !== '/token'),
  };
}

function clientFor(
  t: TestContext,
  vendor: Awaited<ReturnType<typeof startVendor>>,
  clock = fakeClock().clock,
  extra: Partial<OAuthOptions> = {},
) {
  const auth = oauthClientCredentials({
    tokenUrl: `${vendor.server.url}/token`,
    clientId: 'id-1',
    clientSecret: 'secret-1',
    http: { clock },
    ...extra,
  });
  return closing(t, createHttpClient({ baseUrl: vendor.server.url, auth, clock }));
}

test('a client-credentials token is fetched once and reused', async (t) => {
  const vendor = await startVendor(t);
  const client = clientFor(t, vendor);
  for (let i = 0; i < 3; i++)
    assert.deepEqual((await client.request({ method: 'GET', url: '/v3/jobs' })).body, { token: 'tok-1' });
  assert.equal(vendor.tokenRequests.length, 1);
});

test('Greenhouse style: client id and secret in HTTP Basic, form body with grant type, scope and sub', async (t) => {
  const vendor = await startVendor(t);
  const client = clientFor(t, vendor, undefined, {
    clientAuth: 'basic',
    scope: 'harvest:candidates:list',
    extraParams: { sub: '4242' },
  });
  await client.request({ method: 'GET', url: '/v3/candidates' });
  const [tokenRequest] = vendor.tokenRequests;
  assert.equal(tokenRequest.headers.authorization, `Basic ${Buffer.from('id-1:secret-1').toString('base64')}`);
  assert.match(String(tokenRequest.headers['content-type']), /application\/x-www-form-urlencoded/);
  assert.deepEqual(Object.fromEntries(new URLSearchParams(tokenRequest.body)), {
    grant_type: 'client_credentials',
    scope: 'harvest:candidates:list',
    sub: '4242',
  });
});

test('JSON token requests carry the client id and secret in the body', async (t) => {
  const vendor = await startVendor(t);
  const client = clientFor(t, vendor, undefined, { bodyFormat: 'json' });
  await client.request({ method: 'GET', url: '/x' });
  assert.deepEqual(JSON.parse(vendor.tokenRequests[0].body), {
    grant_type: 'client_credentials',
    client_id: 'id-1',
    client_secret: 'secret-1',
  });
});

test('the token is refreshed shortly before it expires, so the vendor never sees an expired one', async (t) => {
  const vendor = await startVendor(t, { expiresIn: 3600 });
  const { clock, advance, now } = fakeClock();
  const client = clientFor(t, vendor, clock);
  await client.request({ method: 'GET', url: '/x' });
  assert.equal(client.tokenExpiresAt()?.getTime(), now() + 3_600_000);
  advance(3_600_000 - 61_000);
  await client.request({ method: 'GET', url: '/x' });
  assert.equal(vendor.tokenRequests.length, 1, 'still well within its lifetime');
  advance(2_000);
  const res = await client.request({ method: 'GET', url: '/x' });
  assert.deepEqual(res.body, { token: 'tok-2' }, 'refreshed 60 s ahead of expiry');
  assert.equal(client.tokenExpiresAt()?.getTime(), now() + 3_600_000);
});

test('a short-lived token is refreshed at 90 % of its lifetime', async (t) => {
  const vendor = await startVendor(t, { expiresIn: 100 });
  const { clock, advance } = fakeClock();
  const client = clientFor(t, vendor, clock);
  await client.request({ method: 'GET', url: '/x' });
  advance(89_000);
  await client.request({ method: 'GET', url: '/x' });
  assert.equal(vendor.tokenRequests.length, 1);
  advance(2_000);
  await client.request({ method: 'GET', url: '/x' });
  assert.equal(vendor.tokenRequests.length, 2);
});

test('20 concurrent requests share one token fetch', async (t) => {
  const vendor = await startVendor(t, { tokenDelayMs: 20 });
  const client = clientFor(t, vendor);
  const results = await Promise.all(Array.from({ length: 20 }, () => client.request({ method: 'GET', url: '/x' })));
  assert.equal(vendor.tokenRequests.length, 1);
  assert.ok(results.every((r) => (r.body as { token: string }).token === 'tok-1'));
});

test('a 401 from the resource forces one refresh, shared by every request that got it', async (t) => {
  const vendor = await startVendor(t, { tokenDelayMs: 5 });
  const client = clientFor(t, vendor);
  await client.request({ method: 'GET', url: '/x' });
  vendor.valid.delete('tok-1');
  const results = await Promise.all(Array.from({ length: 20 }, () => client.request({ method: 'GET', url: '/x' })));
  assert.ok(results.every((r) => (r.body as { token: string }).token === 'tok-2'));
  assert.ok(results.every((r) => r.attempts === 2));
  assert.equal(vendor.tokenRequests.length, 2);
});

test('a resource that refuses even a fresh token is an auth error after one forced refresh', async (t) => {
  const vendor = await startVendor(t);
  const client = clientFor(t, vendor);
  vendor.refuseAll();
  await assert.rejects(
    client.request({ method: 'GET', url: '/x' }),
    (e: unknown) => e instanceof HttpError && e.code === 'http.auth' && e.attempts === 2,
  );
});

test('a token endpoint that refuses the client is an auth error carrying its description', async (t) => {
  const vendor = await startVendor(t, { tokenStatus: 401 });
  const client = clientFor(t, vendor);
  await assert.rejects(client.request({ method: 'GET', url: '/x' }), (e: unknown) => {
    assert.ok(e instanceof HttpError);
    assert.equal(e.code, 'http.auth');
    assert.equal(e.retryable, false);
    assert.match(e.message, /refused the connection's credentials: Client authentication failed/);
    return true;
  });
  assert.equal(vendor.resourceRequests().length, 0);
});

test('a rotated refresh token is handed to the caller and used for the next refresh', async (t) => {
  const vendor = await startVendor(t, { expiresIn: 3600, rotate: true });
  const { clock, advance } = fakeClock();
  const stored: string[] = [];
  const auth = oauthRefreshToken({
    tokenUrl: `${vendor.server.url}/token`,
    clientId: 'id-1',
    clientSecret: 'secret-1',
    bodyFormat: 'json',
    refreshToken: 'refresh-0',
    onRefreshToken: (t) => stored.push(t),
    http: { clock },
  });
  const client = closing(t, createHttpClient({ baseUrl: vendor.server.url, auth, clock }));
  await client.request({ method: 'GET', url: '/x' });
  advance(3_600_000);
  await client.request({ method: 'GET', url: '/x' });
  assert.deepEqual(stored, ['refresh-1', 'refresh-2']);
  assert.deepEqual(
    vendor.tokenRequests.map((r) => (JSON.parse(r.body) as { refresh_token: string }).refresh_token),
    ['refresh-0', 'refresh-1'],
  );
  assert.equal((JSON.parse(vendor.tokenRequests[0].body) as { grant_type: string }).grant_type, 'refresh_token');
});
