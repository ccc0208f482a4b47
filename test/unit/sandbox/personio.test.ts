import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PERSONIO_DEFAULTS, startPersonio } from '../../../sandbox/personio';
import { bearer, call, useEmulator } from './support';

const client = PERSONIO_DEFAULTS.clients[0] ?? assert.fail('no default client');
const personio = useEmulator(() => startPersonio());
const url = (path: string) => `${personio().url}${path}`;
const ana = {
  first_name: 'Ana',
  last_name: 'Silva',
  email: 'ana@example.com',
  employments: [{ status: 'ONBOARDING', employment_start_date: '2026-03-01', position: { title: 'Developer' } }],
};

async function token(secret = client.clientSecret) {
  return call(url('/v2/auth/token'), {
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: secret }),
  });
}
const auth = async () => bearer((await token()).json().access_token);

test('a client-credentials token valid for 24 hours creates a person with an employment', async () => {
  const issued = await token();
  assert.equal(issued.json().expires_in, 86400);
  const res = await call(url('/v2/persons'), { headers: bearer(issued.json().access_token), body: ana });
  assert.equal(res.status, 201);
  assert.ok(res.json().id);
  assert.equal(personio().persons()[0]?.employments[0]?.status, 'ONBOARDING');
});

test('a wrong client secret gets no token', async () => {
  const res = await token('wrong');
  assert.equal(res.status, 401);
  assert.equal(res.json().error, 'invalid_client');
});

test('an expired token is refused with 401', async () => {
  const headers = await auth();
  personio().tokens.expireAll();
  assert.equal((await call(url('/v2/persons'), { headers, body: ana })).status, 401);
});

test('a person without a last name or with an unknown field is refused, naming the field', async () => {
  const headers = await auth();
  const missing = await call(url('/v2/persons'), { headers, body: { first_name: 'Ana' } });
  assert.equal(missing.status, 400);
  assert.match(missing.json().errors[0].detail, /last_name/);
  const unknown = await call(url('/v2/persons'), { headers, body: { ...ana, start_date: '2026-03-01' } });
  assert.equal(unknown.status, 400);
  assert.match(JSON.stringify(unknown.json().errors), /start_date/);
});

test('persons are found by email, at most 50 a page, following _meta.links.next', async () => {
  const headers = await auth();
  for (const n of [1, 2, 3]) await call(url('/v2/persons'), { headers, body: { ...ana, email: `p${n}@example.com` } });
  assert.equal((await call(url('/v2/persons?limit=51'), { headers })).status, 400);
  const byEmail = await call(url('/v2/persons?email=p2@example.com'), { headers });
  assert.deepEqual(
    byEmail.json()._data.map((p: { email: string }) => p.email),
    ['p2@example.com'],
  );
  const page = (await call(url('/v2/persons?limit=2'), { headers })).json();
  assert.equal(page._data.length, 2);
  assert.equal((await call(page._meta.links.next.href, { headers })).json()._data.length, 1);
});

test("one person is read at their id, employments by id only; their status is in the person's employments list; an unknown id is 404", async () => {
  const headers = await auth();
  const id = personio().addPerson({ ...ana, employments: [{ status: 'INACTIVE' }] });
  const res = await call(url(`/v2/persons/${id}`), { headers });
  assert.equal(res.status, 200);
  assert.equal(res.json().id, id);
  const [employment] = res.json().employments;
  assert.deepEqual(Object.keys(employment), ['id']);
  const employments = await call(res.json()._meta.links.employments.href, { headers });
  assert.deepEqual(
    employments
      .json()
      ._data.map((e: { id: string; status: string; person: { id: string } }) => [e.id, e.status, e.person.id]),
    [[employment.id, 'INACTIVE', id]],
  );
  assert.equal((await call(url('/v2/persons/999999'), { headers })).status, 404);
});
