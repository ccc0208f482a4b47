import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMARTRECRUITERS_DEFAULTS, startSmartRecruiters } from '../../../sandbox/smartrecruiters';
import { call, useEmulator } from './support';

const key = { 'X-SmartToken': SMARTRECRUITERS_DEFAULTS.apiKeys[0] ?? assert.fail('no default key') };
const sr = useEmulator(() => startSmartRecruiters());
const url = (path: string) => `${sr().url}${path}`;

function application(status: 'OFFER' | 'HIRED' = 'HIRED') {
  const jobId = sr().addJob({ title: 'Developer', department: 'Engineering', typeOfEmployment: 'Full-time', city: 'Berlin', country: 'Germany' });
  const candidateId = sr().addCandidate({ firstName: 'Mia', lastName: 'Keller', email: 'mia@example.com' });
  sr().apply({ candidateId, jobId, status });
  return { jobId, candidateId };
}

test('a hired application is read back: status, candidate, job and offers', async () => {
  const { jobId, candidateId } = application();
  sr().addOffer(jobId, candidateId, { startDate: '2026-12-01', salary: { value: 60000, currency: 'EUR' } });
  assert.equal((await call(url(`/jobs/${jobId}/candidates/${candidateId}/status`), { headers: key })).json().status, 'HIRED');
  assert.equal((await call(url(`/candidates/${candidateId}`), { headers: key })).json().lastName, 'Keller');
  assert.equal((await call(url(`/jobs/${jobId}`), { headers: key })).json().typeOfEmployment.label, 'Full-time');
  const offers = (await call(url(`/candidates/${candidateId}/jobs/${jobId}/offers`), { headers: key })).json();
  assert.deepEqual(offers.content.map((o: { startDate: string; salary: unknown }) => [o.startDate, o.salary]), [['2026-12-01', { value: 60000, currency: 'EUR', period: 'YEAR' }]]);
});

test('a status change is what the next read shows', async () => {
  const { jobId, candidateId } = application('OFFER');
  sr().setStatus(jobId, candidateId, 'HIRED');
  assert.equal((await call(url(`/jobs/${jobId}/candidates/${candidateId}/status`), { headers: key })).json().status, 'HIRED');
});

test('a missing or wrong X-SmartToken is refused with 401', async () => {
  const { candidateId } = application();
  assert.equal((await call(url(`/candidates/${candidateId}`))).status, 401);
  const res = await call(url(`/candidates/${candidateId}`), { headers: { 'X-SmartToken': 'nope' } });
  assert.equal(res.status, 401);
  assert.equal(res.json().errors[0].code, 'UNAUTHORIZED');
});

test('a candidate who never applied to the job answers 404', async () => {
  const { jobId } = application();
  const stranger = sr().addCandidate({ firstName: 'No', lastName: 'Body' });
  assert.equal((await call(url(`/jobs/${jobId}/candidates/${stranger}/status`), { headers: key })).status, 404);
});

const listed = (query: string, headers: Record<string, string> = key) => call(url(`/candidates?${query}`), { headers });

test('the candidates list filters by status and update time, and pages by offset up to totalFound', async () => {
  const hires = [application().candidateId, application().candidateId, application().candidateId];
  application('OFFER');
  const since = encodeURIComponent(new Date(Date.now() - 60_000).toISOString());
  const first = await listed(`status=HIRED&updatedAfter=${since}&limit=2&offset=0`);
  assert.deepEqual([first.status, first.json().totalFound, first.json().content.map((c: { id: string }) => c.id)], [200, 3, hires.slice(0, 2)]);
  const last = await listed(`status=HIRED&updatedAfter=${since}&limit=2&offset=2`);
  assert.deepEqual([last.json().totalFound, last.json().content.map((c: { id: string }) => c.id)], [3, hires.slice(2)]);
  assert.equal((await listed('status=HIRED&status=OFFER')).json().totalFound, 4, 'several statuses are any of them');
  const later = await listed(`status=HIRED&updatedAfter=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
  assert.deepEqual([later.json().totalFound, later.json().content], [0, []]);
});

test('the candidates list needs the X-SmartToken', async () => {
  application();
  assert.equal((await listed('status=HIRED', {})).status, 401);
  assert.equal((await listed('status=HIRED', { 'X-SmartToken': 'wrong' })).status, 401);
});
