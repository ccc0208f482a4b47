import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorkable, WORKABLE_DEFAULTS } from '../../../sandbox/workable';
import { bearer, call, useEmulator } from './support';

const token = bearer(WORKABLE_DEFAULTS.tokens[0] ?? assert.fail('no default token'));
const workable = useEmulator(() => startWorkable());
const url = (path: string) => `${workable().url}/spi/v3${path}`;

function hired() {
  const shortcode = workable().addJob({
    title: 'Groove Tester',
    department: 'QA',
    employmentType: 'Full-time',
    city: 'Athens',
    country: 'Greece',
  });
  const id = workable().addCandidate({
    firstname: 'Lakita',
    lastname: 'Marrero',
    email: 'lakita@example.com',
    jobShortcode: shortcode,
  });
  workable().setOffer(id, { startDate: '2026-12-01', salary: { amount: 50000, currency: 'EUR', frequency: 'year' } });
  return { shortcode, id };
}

test('a hired candidate’s job and offer are read with a Bearer token, the offer’s variables in Workable’s shape', async () => {
  const { shortcode, id } = hired();
  const job = await call(url(`/jobs/${shortcode}`), { headers: token });
  assert.equal(job.status, 200);
  assert.deepEqual(
    [job.json().title, job.json().department, job.json().employment_type, job.json().location.city],
    ['Groove Tester', 'QA', 'Full-time', 'Athens'],
  );
  const offer = (await call(url(`/candidates/${id}/offer`), { headers: token })).json();
  assert.deepEqual([offer.candidate, offer.state], [{ id, name: 'Lakita Marrero' }, 'accepted']);
  assert.deepEqual(offer.document_variables, [
    { document_variable: { name: 'Start Date', slug: 'start_date' }, value: { body: '2026-12-01' } },
    {
      document_variable: { name: 'Salary', slug: 'salary' },
      value: { data: { amount: 50000, frequency: 'year', currency_iso: 'EUR', cached_value: 'EUR 50000 per year' } },
    },
  ]);
});

test('a missing or wrong token is refused with 401', async () => {
  const { shortcode } = hired();
  assert.equal((await call(url(`/jobs/${shortcode}`))).status, 401);
  assert.equal((await call(url(`/jobs/${shortcode}`), { headers: bearer('nope') })).status, 401);
});

test('an unknown job, and a candidate without an offer, answer 404', async () => {
  const shortcode = workable().addJob({ title: 'Developer' });
  const id = workable().addCandidate({ firstname: 'No', lastname: 'Offer', jobShortcode: shortcode });
  assert.equal((await call(url('/jobs/NOPE'), { headers: token })).status, 404);
  assert.equal((await call(url(`/candidates/${id}/offer`), { headers: token })).status, 404);
});

test('over the rate limit it answers 429 with the reset time Workable sends', async () => {
  const { shortcode } = hired();
  workable().setRateLimit({ perSecond: 1, burst: 1 });
  await call(url(`/jobs/${shortcode}`), { headers: token });
  const res = await call(url(`/jobs/${shortcode}`), { headers: token });
  assert.equal(res.status, 429);
  assert.ok(Number(res.headers['x-rate-limit-reset']) > Date.now() / 1000);
  assert.equal(res.headers['retry-after'], '1');
});

const ids = (res: { json(): { candidates: Array<{ id: string }> } }) => res.json().candidates.map((c) => c.id);

test('the candidates list filters by stage slug and update time, and pages through paging.next', async () => {
  const hires = [hired().id, hired().id, hired().id];
  const shortcode = workable().addJob({ title: 'Designer' });
  workable().addCandidate({
    firstname: 'Ida',
    lastname: 'Sand',
    email: 'ida@example.com',
    jobShortcode: shortcode,
    stage: 'Phone Screen',
  });
  const first = await call(
    url(
      `/candidates?stage=hired&updated_after=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}&limit=2`,
    ),
    { headers: token },
  );
  assert.deepEqual([first.status, ids(first)], [200, hires.slice(0, 2)]);
  const next = first.json().paging?.next ?? assert.fail('no next page');
  assert.match(next, /stage=hired/, 'the next link keeps the filters');
  const last = await call(next, { headers: token });
  assert.deepEqual([ids(last), last.json().paging], [hires.slice(2), undefined]);
  assert.equal((await call(url('/candidates?stage=phone-screen'), { headers: token })).json().candidates.length, 1);
  const later = await call(
    url(`/candidates?stage=hired&updated_after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`),
    { headers: token },
  );
  assert.deepEqual(ids(later), []);
});

test('the candidates list needs the Bearer token and refuses an unknown filter', async () => {
  hired();
  assert.equal((await call(url('/candidates?stage=hired'))).status, 401);
  assert.equal((await call(url('/candidates?stage=hired'), { headers: bearer('wrong') })).status, 401);
  assert.equal((await call(url('/candidates?color=blue'), { headers: token })).status, 400);
});
