import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HIBOB_DEFAULTS, startHiBob } from '../../../sandbox/hibob';
import { basic, call, useEmulator } from './support';

const user = HIBOB_DEFAULTS.serviceUsers[0] ?? assert.fail('no default service user');
const auth = basic(user.id, user.token);
const hibob = useEmulator(() => startHiBob());
const url = (path: string) => `${hibob().url}${path}`;
const john = {
  firstName: 'John',
  surname: 'Doe',
  email: 'john@example.com',
  work: { site: 'New-York', startDate: '2026-01-15', title: 'Developer' },
};

test('a person is created by a service user and found again by email', async () => {
  const created = await call(url('/v1/people'), { headers: auth, body: john });
  assert.equal(created.status, 200);
  const found = await call(url('/v1/people/search'), {
    headers: auth,
    body: { filters: [{ fieldPath: 'root.email', operator: 'equals', values: ['john@example.com'] }] },
  });
  assert.deepEqual(
    found.json().employees.map((e: { id: string }) => e.id),
    [created.json().id],
  );
});

test('a wrong service-user token is refused with 401', async () => {
  assert.equal((await call(url('/v1/people'), { headers: basic(user.id, 'wrong'), body: john })).status, 401);
});

test('a person without work.startDate or with a site not in the list is refused', async () => {
  const missing = await call(url('/v1/people'), { headers: auth, body: { ...john, work: { site: 'New-York' } } });
  assert.equal(missing.status, 400);
  assert.match(missing.json().error, /work\.startDate/);
  assert.equal(
    (await call(url('/v1/people'), { headers: auth, body: { ...john, work: { ...john.work, site: 'Atlantis' } } }))
      .status,
    400,
  );
});

test('search hides people created within the read-after-write lag', async () => {
  const lagged = await startHiBob({ readAfterWriteLagMs: 60_000 });
  try {
    await call(`${lagged.url}/v1/people`, { headers: auth, body: john });
    assert.deepEqual((await call(`${lagged.url}/v1/people/search`, { headers: auth, body: {} })).json().employees, []);
  } finally {
    await lagged.stop();
  }
});

test('one person is read with POST /v1/people/{id} or by email, fields in the body; the shut-off GET routes are refused', async () => {
  const created = (await call(url('/v1/people'), { headers: auth, body: john })).json();
  const byId = await call(url(`/v1/people/${created.id}`), { headers: auth, body: { fields: ['root.id'] } });
  assert.equal(byId.status, 200);
  assert.equal(byId.json().id, created.id);
  assert.equal((await call(url('/v1/people/john@example.com'), { headers: auth, body: {} })).json().id, created.id);
  assert.equal((await call(url(`/v1/people/${created.id}`), { headers: auth, body: { limit: 10 } })).status, 400);
  for (const path of ['/v1/people', `/v1/people/${created.id}`]) {
    const retired = await call(url(path), { method: 'GET', headers: auth });
    assert.equal(retired.status, 404);
    assert.match(retired.json().error, /POST \/v1\/people\/search/);
  }
});
