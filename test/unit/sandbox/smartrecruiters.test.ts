import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMARTRECRUITERS_DEFAULTS, startSmartRecruiters } from '../../../sandbox/smartrecruiters';
import { call, useEmulator } from './support';

const key = { 'X-SmartToken': SMARTRECRUITERS_DEFAULTS.apiKeys[0] ?? assert.fail('no default key') };
const sr = useEmulator(() => startSmartRecruiters());
const url = (path: string) => `${sr().url}${path}`;

function application(status: 'OFFERED' | 'HIRED' = 'HIRED') {
  const jobId = sr().addJob({
    title: 'Developer',
    department: 'Engineering',
    typeOfEmployment: 'Full-time',
    city: 'Berlin',
    country: 'Germany',
  });
  const candidateId = sr().addCandidate({ firstName: 'Mia', lastName: 'Keller', email: 'mia@example.com' });
  sr().apply({ candidateId, jobId, status, ...(status === 'HIRED' ? { startsOn: '2026-12-01T00:00:00.000Z' } : {}) });
  return { jobId, candidateId };
}

test('a hired application is read back: the candidate with its assignment, the job and the offers with their properties', async () => {
  const { jobId, candidateId } = application();
  sr().addOffer(jobId, candidateId, { properties: { base_salary: { code: 'EUR', value: 60000 } } });
  const candidate = (await call(url(`/candidates/${candidateId}`), { headers: key })).json();
  assert.deepEqual(
    [candidate.lastName, candidate.primaryAssignment],
    ['Keller', { job: { id: jobId, title: 'Developer' }, status: 'HIRED', startsOn: '2026-12-01T00:00:00.000Z' }],
  );
  assert.equal((await call(url(`/jobs/${jobId}`), { headers: key })).json().typeOfEmployment.label, 'Full-time');
  const offers = (await call(url(`/candidates/${candidateId}/jobs/${jobId}/offers`), { headers: key })).json();
  assert.deepEqual(Object.keys(offers.content[0]).sort(), [
    'actions',
    'createdOn',
    'id',
    'properties',
    'status',
    'updatedOn',
  ]);
  assert.deepEqual(offers.content[0].properties, { base_salary: { code: 'EUR', value: 60000 } });
});

test('there is no job-scoped status route: it answers 404 as SmartRecruiters would', async () => {
  const { jobId, candidateId } = application();
  assert.equal((await call(url(`/jobs/${jobId}/candidates/${candidateId}/status`), { headers: key })).status, 404);
});

test('a status change shows on the assignment and in the status history', async () => {
  const { jobId, candidateId } = application('OFFERED');
  sr().setStatus(jobId, candidateId, 'HIRED', '2027-01-04T00:00:00.000Z');
  const candidate = (await call(url(`/candidates/${candidateId}`), { headers: key })).json();
  assert.deepEqual(
    [candidate.primaryAssignment.status, candidate.primaryAssignment.startsOn],
    ['HIRED', '2027-01-04T00:00:00.000Z'],
  );
  const history = (await call(url(`/candidates/${candidateId}/status/history`), { headers: key })).json();
  assert.deepEqual(
    [history.totalFound, history.content.map((h: { status: string }) => h.status)],
    [2, ['OFFERED', 'HIRED']],
  );
});

test('the account’s offer properties are listed by category', async () => {
  const res = (await call(url('/configuration/offer-properties'), { headers: key })).json();
  assert.deepEqual(
    res.categories.flatMap((c: { properties: Array<{ key: string }> }) => c.properties.map((p) => p.key)),
    ['base_salary', 'pay_frequency', 'start_date'],
  );
});

test('a missing or wrong X-SmartToken is refused with 401', async () => {
  const { candidateId } = application();
  assert.equal((await call(url(`/candidates/${candidateId}`))).status, 401);
  const res = await call(url(`/candidates/${candidateId}`), { headers: { 'X-SmartToken': 'nope' } });
  assert.equal(res.status, 401);
  assert.equal(res.json().errors[0].code, 'UNAUTHORIZED');
});

test('offers of a candidate who never applied to the job answer 404', async () => {
  const { jobId } = application();
  const stranger = sr().addCandidate({ firstName: 'No', lastName: 'Body' });
  assert.equal((await call(url(`/candidates/${stranger}/jobs/${jobId}/offers`), { headers: key })).status, 404);
});

const listed = (query: string, headers: Record<string, string> = key) => call(url(`/candidates?${query}`), { headers });
const ids = (res: { json(): { content: Array<{ id: string }> } }) => res.json().content.map((c) => c.id);

test('the search filters by status and update time and pages by pageId, the next one in nextPageId and Link', async () => {
  const hires = [application().candidateId, application().candidateId, application().candidateId];
  application('OFFERED');
  const since = encodeURIComponent(new Date(Date.now() - 60_000).toISOString());
  const first = await listed(`status=HIRED&updatedAfter=${since}&limit=2`);
  assert.deepEqual([first.status, first.json().totalFound, ids(first)], [200, 3, hires.slice(0, 2)]);
  const pageId = first.json().nextPageId ?? assert.fail('no nextPageId');
  assert.match(String(first.headers.link), /rel="next"/);
  const last = await listed(`status=HIRED&updatedAfter=${since}&limit=2&pageId=${encodeURIComponent(pageId)}`);
  assert.deepEqual([ids(last), last.json().nextPageId, last.headers.link], [hires.slice(2), undefined, undefined]);
  assert.equal((await listed('status=HIRED&status=OFFERED')).json().totalFound, 4, 'several statuses are any of them');
  const later = await listed(
    `status=HIRED&updatedAfter=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
  );
  assert.deepEqual([later.json().totalFound, later.json().content], [0, []]);
});

test('the search refuses offset paging and a page id it never gave', async () => {
  application();
  assert.equal((await listed('status=HIRED&offset=2')).status, 400);
  assert.equal((await listed('status=HIRED&pageId=bogus')).status, 400);
});

test('in search results a secondary application names its job only', async () => {
  const { candidateId } = application('OFFERED');
  const other = sr().addJob({ title: 'Designer' });
  sr().apply({ candidateId, jobId: other, status: 'HIRED' });
  const [found] = (await listed('status=HIRED')).json().content;
  assert.deepEqual([found.primaryAssignment.status, found.secondaryAssignments], ['OFFERED', [{ job: { id: other } }]]);
});

test('the search needs the X-SmartToken', async () => {
  application();
  assert.equal((await listed('status=HIRED', {})).status, 401);
  assert.equal((await listed('status=HIRED', { 'X-SmartToken': 'wrong' })).status, 401);
});
