import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GREENHOUSE_DEFAULTS, startGreenhouse } from '../../../sandbox/greenhouse';
import { basic, bearer, call, useEmulator } from './support';

const key = basic(GREENHOUSE_DEFAULTS.apiKeys[0]);
const client = GREENHOUSE_DEFAULTS.oauthClients[0];
const greenhouse = useEmulator(() => startGreenhouse());
const url = (path: string) => `${greenhouse().url}${path}`;
const writeBack = (employeeId: unknown) => ({ custom_fields: [{ name_key: 'employee_id', value: employeeId }] });

async function v3Token(sub?: string) {
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...(sub ? { sub } : {}) });
  return call(url('/token'), { headers: basic(client.clientId, client.clientSecret), body: form });
}

test('the employee id is written back to a candidate custom field on behalf of a user', async () => {
  const { candidateId } = greenhouse().addHire();
  const res = await call(url(`/v1/candidates/${candidateId}`), { method: 'PATCH', headers: { ...key, 'On-Behalf-Of': '4080' }, body: writeBack('E-101') });
  assert.equal(res.status, 200);
  assert.equal(res.json().custom_fields.employee_id, 'E-101');
  assert.equal(greenhouse().candidate(candidateId)?.custom_fields.employee_id, 'E-101');
});

test('a write without On-Behalf-Of is refused and changes nothing', async () => {
  const { candidateId } = greenhouse().addHire();
  const res = await call(url(`/v1/candidates/${candidateId}`), { method: 'PATCH', headers: key, body: writeBack('E-101') });
  assert.equal(res.status, 403);
  assert.equal(greenhouse().candidate(candidateId)?.custom_fields.employee_id, undefined);
});

test('a write to an unknown custom field or an undocumented parameter is a 422 naming the field', async () => {
  const { candidateId } = greenhouse().addHire();
  const headers = { ...key, 'On-Behalf-Of': '4080' };
  const unknownField = await call(url(`/v1/candidates/${candidateId}`), { method: 'PATCH', headers, body: { custom_fields: [{ name_key: 'hris_id', value: 'E' }] } });
  assert.equal(unknownField.status, 422);
  assert.equal(unknownField.json().errors[0].field, 'custom_fields[0]');
  const externalId = await call(url(`/v1/candidates/${candidateId}`), { method: 'PATCH', headers, body: { external_id: 'E-101' } });
  assert.equal(externalId.status, 422);
  assert.equal(externalId.json().message, 'Validation error');
});

test('a request with a wrong API key is refused with 401', async () => {
  const { candidateId } = greenhouse().addHire();
  assert.equal((await call(url(`/v1/candidates/${candidateId}`), { headers: basic('nope') })).status, 401);
});

test('hired applications since a time are listed page by page through the Link header', async () => {
  greenhouse().addHire({ hiredAt: '2026-01-01T00:00:00Z' });
  for (let i = 0; i < 3; i++) greenhouse().addHire({ hiredAt: `2026-02-0${i + 1}T00:00:00Z` });
  let next: string | undefined = url('/v1/applications?status=hired&last_activity_after=2026-01-15T00:00:00Z&per_page=2');
  const seen: number[] = [];
  while (next) {
    const res = await call(next, { headers: key });
    assert.equal(res.status, 200);
    seen.push(...res.json().map((a: { id: number }) => a.id));
    next = /<([^>]+)>; rel="next"/.exec(String(res.headers.link ?? ''))?.[1];
  }
  assert.equal(seen.length, 3);
});

test('v3 takes a client-credentials token and pages by cursor, with only a next link', async () => {
  for (let i = 0; i < 3; i++) greenhouse().addHire();
  const token = await v3Token('4080');
  assert.equal(token.status, 200);
  const auth = bearer(token.json().access_token);
  const first = await call(url('/v3/applications?per_page=2&status=hired'), { headers: auth });
  assert.equal(first.json().length, 2);
  assert.doesNotMatch(String(first.headers.link), /rel="(prev|last)"/);
  const next = /<([^>]+)>; rel="next"/.exec(String(first.headers.link))?.[1] ?? assert.fail('no next link');
  assert.equal((await call(`${next}&per_page=2`, { headers: auth })).status, 400);
  assert.equal((await call(next, { headers: auth })).json().length, 1);
});

test('the token endpoint refuses a wrong client secret, and an expired token is refused', async () => {
  assert.equal((await call(url('/token'), { headers: basic(client.clientId, 'wrong'), body: new URLSearchParams({ grant_type: 'client_credentials' }) })).status, 401);
  const token = (await v3Token()).json().access_token;
  greenhouse().tokens.expireAll();
  assert.equal((await call(url('/v3/applications'), { headers: bearer(token) })).status, 401);
});

test('a throttled request gets 429 with Retry-After and the X-RateLimit headers', async () => {
  greenhouse().injectFault({ kind: 'throttle', retryAfterSeconds: 3 });
  const res = await call(url('/v1/applications'), { headers: key });
  assert.equal(res.status, 429);
  assert.equal(res.headers['retry-after'], '3');
  assert.ok(res.headers['x-ratelimit-reset'] && res.headers['x-ratelimit-limit']);
});

test('a hire’s job and current offer are read on v1 with the API key and on v3 with a token', async () => {
  const { applicationId, jobId, offerId } = greenhouse().addHire({ jobName: 'Data Engineer', startsAt: '2026-12-01', salary: { amount: 90000, currency: 'EUR' } });
  const auth = bearer((await v3Token('4080')).json().access_token);
  for (const [version, headers] of [['v1', key], ['v3', auth]] as const) {
    const job = await call(url(`/${version}/jobs/${jobId}`), { headers });
    assert.deepEqual([job.status, job.json().id, job.json().name], [200, jobId, 'Data Engineer'], version);
    const offer = await call(url(`/${version}/applications/${applicationId}/offers/current_offer`), { headers });
    assert.deepEqual([offer.status, offer.json().id, offer.json().application_id, offer.json().starts_at], [200, offerId, applicationId, '2026-12-01'], version);
    assert.deepEqual(offer.json().custom_fields.salary, { amount: 90000, unit: 'EUR' }, version);
  }
});

test('an unknown job or application answers 404, and each version refuses the other’s credentials', async () => {
  const { applicationId, jobId } = greenhouse().addHire();
  assert.equal((await call(url('/v1/jobs/999999'), { headers: key })).status, 404);
  assert.equal((await call(url('/v1/applications/999999/offers/current_offer'), { headers: key })).status, 404);
  assert.equal((await call(url(`/v1/jobs/${jobId}`), { headers: basic('wrong') })).status, 401);
  assert.equal((await call(url(`/v3/applications/${applicationId}/offers/current_offer`), { headers: key })).status, 401);
});
