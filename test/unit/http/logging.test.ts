import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { bearerToken } from '../../../lib/http/auth';
import { createHttpClient, type HttpLogEntry } from '../../../lib/http/client';
import { HttpError } from '../../../lib/http/httpError';
import { oauthClientCredentials } from '../../../lib/http/oauth';
import { closing, fakeClock, startServer } from './support';

const SECRETS = [
  'key-9f8e7d6c',
  'bearer-5a4b3c2d',
  '123-45-6789',
  'AB123456C',
  '1990-04-01',
  '4111111111111111',
  'qs-secret-77',
];

function assertNoSecret(lines: unknown[], extra: string[] = []) {
  const text = JSON.stringify(lines);
  for (const secret of [...SECRETS, ...extra]) assert.ok(!text.includes(secret), `"${secret}" leaked into ${text}`);
}

const employee = {
  firstName: 'Ana',
  ssn: '123-45-6789',
  nationalId: { value: 'AB123456C', country: 'GB' },
  dateOfBirth: '1990-04-01',
  bank: { card: 4111111111111111 },
};

test('a logged request and answer never show the API key, the Bearer token or the secret fields', async (t) => {
  // The vendor echoes the request back, so the secrets appear in the answer too.
  const server = await startServer(t, (req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ received: JSON.parse(req.body), headers: req.headers })),
  );
  const lines: HttpLogEntry[] = [];
  const client = closing(
    t,
    createHttpClient({
      baseUrl: server.url,
      headers: { 'X-Api-Key': 'key-9f8e7d6c' },
      auth: bearerToken('bearer-5a4b3c2d'),
      logger: (entry) => lines.push(entry),
      logBodies: true,
      redact: ['ssn', 'nationalId.value', 'dateOfBirth'],
    }),
  );
  await client.request({ method: 'POST', url: '/v1/employees', query: { api_key: 'qs-secret-77' }, body: employee });
  assert.equal(lines.length, 1);
  assertNoSecret(lines);
  const [line] = lines;
  assert.equal((line.requestBody as typeof employee).firstName, 'Ana', 'what is not secret stays readable');
  assert.equal(line.requestHeaders.Authorization, '[REDACTED]');
  assert.match(line.url, /api_key=\[REDACTED\]/);
});

test('an error that quotes the secret back keeps it out of the message, the details and every log line', async (t) => {
  const server = await startServer(t, (_req, res) =>
    res
      .writeHead(422, { 'content-type': 'application/json' })
      .end(JSON.stringify({ message: 'Invalid national id AB123456C for ssn 123-45-6789 (Bearer bearer-5a4b3c2d)' })),
  );
  const lines: HttpLogEntry[] = [];
  const client = closing(
    t,
    createHttpClient({
      baseUrl: server.url,
      auth: bearerToken('bearer-5a4b3c2d'),
      logger: (e) => lines.push(e),
      logBodies: true,
      redact: ['nationalId.value', 'ssn', 'dateOfBirth'],
    }),
  );
  const err = await client.request({ method: 'POST', url: '/v1/employees', body: employee }).catch((e: unknown) => e);
  assert.ok(err instanceof HttpError);
  assertNoSecret([err.message, inspect(err, { depth: Infinity }), lines]);
  assert.match(err.message, /Invalid national id \[REDACTED\]/);
});

test('a network failure does not drag the request, with its credentials and body, into the error', async (t) => {
  const server = await startServer(t, (_req, _res, socket) => socket.destroy());
  const client = closing(
    t,
    createHttpClient({
      baseUrl: server.url,
      headers: { 'X-Api-Key': 'key-9f8e7d6c' },
      auth: bearerToken('bearer-5a4b3c2d'),
    }),
  );
  const err = await client.request({ method: 'POST', url: '/v1/employees', body: employee }).catch((e: unknown) => e);
  assert.ok(err instanceof HttpError && err.code === 'http.network');
  assertNoSecret([inspect(err, { depth: Infinity, showHidden: true })]);
});

test('OAuth token requests and answers are logged without the client secret or the tokens', async (t) => {
  const server = await startServer(t, (req, res) => {
    if (req.url === '/token')
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"access_token":"at-0a1b2c3d","expires_in":3600}');
    res.writeHead(200).end();
  });
  const lines: HttpLogEntry[] = [];
  const logger = (e: HttpLogEntry) => lines.push(e);
  const { clock } = fakeClock();
  const auth = oauthClientCredentials({
    tokenUrl: `${server.url}/token`,
    clientId: 'id',
    clientSecret: 'cs-7e6f5a4b',
    http: { logger, logBodies: true, clock },
  });
  const client = closing(t, createHttpClient({ baseUrl: server.url, auth, logger, logBodies: true, clock }));
  await client.request({ method: 'GET', url: '/x' });
  assert.equal(lines.length, 2);
  assertNoSecret(lines, ['cs-7e6f5a4b', 'at-0a1b2c3d']);
});

test('an incoming-webhook URL is the credential and is never logged', async (t) => {
  const server = await startServer(t, (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
  const lines: HttpLogEntry[] = [];
  const client = closing(t, createHttpClient({ secretUrl: true, logger: (e) => lines.push(e) }));
  await client.request({
    method: 'POST',
    url: `${server.url}/services/T000/B000/XXXXSECRET`,
    body: { text: 'Hire failed' },
  });
  assertNoSecret(lines, ['XXXXSECRET']);
});
