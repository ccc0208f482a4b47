import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GREENHOUSE_DEFAULTS, startGreenhouse } from '../../../sandbox/greenhouse';
import { basic, bearer, call, useEmulator } from './support';

const client = GREENHOUSE_DEFAULTS.oauthClients[0];
const greenhouse = useEmulator(() => startGreenhouse());
const url = (path: string) => `${greenhouse().url}${path}`;
const writeBack = (employeeId: unknown) => ({ custom_fields: [{ name_key: 'employee_id', value: employeeId }] });

async function v3Token(sub?: string) {
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...(sub ? { sub } : {}) });
  return call(url('/token'), { headers: basic(client.clientId, client.clientSecret), body: form });
}
const auth = async () => bearer((await v3Token('4080')).json().access_token);

test('the employee id is written back to a candidate custom field with a v3 token', async () => {
  const { candidateId } = greenhouse().addHire();
  const res = await call(url(`/v3/candidates/${candidateId}`), {
    method: 'PATCH',
    headers: await auth(),
    body: writeBack('E-101'),
  });
  assert.equal(res.status, 200);
  assert.equal(res.json().custom_fields.employee_id.value, 'E-101');
  assert.equal(greenhouse().candidate(candidateId)?.custom_fields.employee_id, 'E-101');
});

test('a write without a token is refused and changes nothing', async () => {
  const { candidateId } = greenhouse().addHire();
  const res = await call(url(`/v3/candidates/${candidateId}`), { method: 'PATCH', body: writeBack('E-101') });
  assert.equal(res.status, 401);
  assert.equal(greenhouse().candidate(candidateId)?.custom_fields.employee_id, undefined);
});

test('a write to an unknown custom field or an undocumented parameter is a 422 naming the field', async () => {
  const { candidateId } = greenhouse().addHire();
  const headers = await auth();
  const unknownField = await call(url(`/v3/candidates/${candidateId}`), {
    method: 'PATCH',
    headers,
    body: { custom_fields: [{ name_key: 'hris_id', value: 'E' }] },
  });
  assert.equal(unknownField.status, 422);
  assert.equal(unknownField.json().errors[0].field, 'custom_fields[0]');
  const externalId = await call(url(`/v3/candidates/${candidateId}`), {
    method: 'PATCH',
    headers,
    body: { external_id: 'E-101' },
  });
  assert.equal(externalId.status, 422);
  assert.equal(externalId.json().message, 'Validation error');
});

test('the retired v1 routes answer as a retired API, whatever the credentials', async () => {
  const { candidateId } = greenhouse().addHire();
  assert.equal((await call(url(`/v1/candidates/${candidateId}`), { headers: basic('any-v1-key') })).status, 410);
  assert.equal((await call(url('/v1/applications?status=hired'), { headers: await auth() })).status, 410);
});

test('hired applications updated since a time are listed with the v3 operator filter, page by page through the cursor link', async () => {
  greenhouse().addHire({ hiredAt: '2026-01-01T00:00:00Z' });
  for (let i = 0; i < 3; i++) greenhouse().addHire({ hiredAt: `2026-02-0${i + 1}T00:00:00Z` });
  const headers = await auth();
  let next: string | undefined = url('/v3/applications?status=hired&updated_at=gte|2026-01-15T00:00:00Z&per_page=2');
  const seen: number[] = [];
  while (next) {
    const res = await call(next, { headers });
    assert.equal(res.status, 200);
    seen.push(...res.json().map((a: { id: number }) => a.id));
    assert.doesNotMatch(String(res.headers.link ?? ''), /rel="(prev|last)"/);
    next = /<([^>]+)>; rel="next"/.exec(String(res.headers.link ?? ''))?.[1];
  }
  assert.equal(seen.length, 3);
});

test('a cursor must be the only query parameter, and a filter without an operator is a 422', async () => {
  for (let i = 0; i < 3; i++) greenhouse().addHire();
  const headers = await auth();
  const first = await call(url('/v3/applications?per_page=2&status=hired'), { headers });
  const next = /<([^>]+)>; rel="next"/.exec(String(first.headers.link))?.[1] ?? assert.fail('no next link');
  assert.equal((await call(`${next}&per_page=2`, { headers })).status, 400);
  assert.equal((await call(next, { headers })).json().length, 1);
  assert.equal((await call(url('/v3/applications?updated_at=2026-01-01T00:00:00Z'), { headers })).status, 422);
});

test('the token endpoint refuses a wrong client secret and a user id it does not know; an expired token is refused', async () => {
  assert.equal(
    (
      await call(url('/token'), {
        headers: basic(client.clientId, 'wrong'),
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      })
    ).status,
    401,
  );
  assert.equal((await v3Token('999')).status, 400);
  const token = (await v3Token()).json().access_token;
  greenhouse().tokens.expireAll();
  assert.equal((await call(url('/v3/applications'), { headers: bearer(token) })).status, 401);
});

test('a throttled request gets 429 with Retry-After and the X-RateLimit headers', async () => {
  const headers = await auth();
  greenhouse().injectFault({ kind: 'throttle', retryAfterSeconds: 3 });
  const res = await call(url('/v3/applications'), { headers });
  assert.equal(res.status, 429);
  assert.equal(res.headers['retry-after'], '3');
  assert.ok(res.headers['x-ratelimit-reset'] && res.headers['x-ratelimit-limit']);
});

test('a hire’s candidate, job and current offer are read from their v3 lists by id', async () => {
  const { candidateId, applicationId, jobId, offerId } = greenhouse().addHire({
    jobName: 'Data Engineer',
    startsAt: '2026-12-01',
    salary: { amount: 90000, currency: 'EUR' },
  });
  const headers = await auth();
  const [candidate] = (await call(url(`/v3/candidates?ids=${candidateId}`), { headers })).json();
  assert.equal(candidate.id, candidateId);
  const [job] = (await call(url(`/v3/jobs?ids=${jobId}`), { headers })).json();
  assert.deepEqual([job.id, job.name], [jobId, 'Data Engineer']);
  const offers = (await call(url(`/v3/offers?application_ids=${applicationId}&current_only=true`), { headers })).json();
  assert.deepEqual(
    offers.map((o: { id: number; application_id: number; starts_on: string; status: string }) => [
      o.id,
      o.application_id,
      o.starts_on,
      o.status,
    ]),
    [[offerId, applicationId, '2026-12-01', 'Accepted']],
  );
  assert.deepEqual(offers[0].custom_fields.salary.value, { amount: 90000, unit: 'EUR' });
  assert.deepEqual((await call(url('/v3/jobs?ids=999999'), { headers })).json(), []);
});

test('a candidate is anonymised with the fields named in the body, or deleted with its applications and offers', async () => {
  const one = greenhouse().addHire();
  const headers = await auth();
  const anonymized = await call(url(`/v3/candidates/${one.candidateId}/anonymize`), {
    method: 'PATCH',
    headers,
    body: { fields: ['full_name', 'email_addresses'] },
  });
  assert.equal(anonymized.status, 200);
  assert.equal(greenhouse().candidate(one.candidateId)?.first_name, 'Anonymized');
  assert.equal(
    (await call(url(`/v3/candidates/${one.candidateId}/anonymize`), { method: 'PATCH', headers, body: {} })).status,
    422,
  );
  const two = greenhouse().addHire();
  assert.equal((await call(url(`/v3/candidates/${two.candidateId}`), { method: 'DELETE', headers })).status, 200);
  assert.equal(greenhouse().candidate(two.candidateId), undefined);
  assert.deepEqual((await call(url(`/v3/offers?application_ids=${two.applicationId}`), { headers })).json(), []);
  assert.equal((await call(url(`/v3/candidates/${two.candidateId}`), { method: 'DELETE', headers })).status, 404);
});

test('the account’s offer custom fields are listed by field type, with whether each is active', async () => {
  const fields = (await call(url('/v3/custom_fields?field_type=offer'), { headers: await auth() })).json();
  assert.deepEqual(
    fields.map((f: { name_key: string; active: boolean }) => [f.name_key, f.active]),
    [
      ['salary', true],
      ['pay_frequency', true],
      ['old_bonus', false],
    ],
  );
});
