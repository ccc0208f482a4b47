/** SmartRecruiters' payloads in the published specification's shapes (test/fixtures/vendors/smartrecruiters/README.md) read as the trigger reads them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HttpRequest, HttpResponse } from '../../../../lib/http';
import type { AtsContext, HireEvent } from '../../../../lib/vendors/ats';
import { smartrecruiters } from '../../../../lib/vendors/smartrecruiters/source';
import { startSmartRecruiters } from '../../../../sandbox/smartrecruiters';
import { smartRecruitersSender } from '../../../../sandbox/senders';
import { deliveryOf, fakeApi } from '../ats/support';
import { fixture } from './fixtures';

const CANDIDATE = 'a1b2c3d4-0000-4000-8000-000000000001';
const JOB = 'f0e1d2c3-0000-4000-8000-000000000002';

function notification() {
  const { headers, body } = fixture('smartrecruiters', 'notification-status-updated.json');
  return {
    signed: smartRecruitersSender({ secret: 's' }).signed(
      headers['event-name'],
      headers['event-version'],
      headers['event-id'],
      headers.link,
      body,
    ),
    eventId: headers['event-id'] as string,
  };
}

const answers = () => ({
  [`GET candidates/${CANDIDATE}`]: fixture('smartrecruiters', 'candidate.json'),
  [`GET jobs/${JOB}`]: fixture('smartrecruiters', 'job.json'),
  [`GET candidates/${CANDIDATE}/jobs/${JOB}/offers`]: fixture('smartrecruiters', 'offers.json'),
});

test('an application.status.updated notification for a HIRED assignment becomes the hire, read by the documented routes', async () => {
  const { signed, eventId } = notification();
  const delivery = deliveryOf(smartrecruiters, signed, eventId);
  assert.deepEqual([delivery.type, delivery.key], ['candidate.updated', `application.status.updated:${eventId}`]);
  const api = fakeApi(answers());
  const ctx: AtsContext = {
    ...api.ctx,
    settings: { timeZone: 'Europe/Berlin', offerFields: { pay: 'base_salary', payPeriod: 'pay_frequency' } },
  };
  const hire = (await smartrecruiters.canonical(delivery, ctx)).event as HireEvent;
  assert.equal(hire.eventId, `hire:${JOB}:${CANDIDATE}`);
  assert.deepEqual(hire.offer.compensation, { amount: '65000', currency: 'EUR', period: 'year' });
  assert.deepEqual(
    [hire.offer.startDate, hire.offer.employmentType, hire.offer.id],
    ['2026-12-01', 'full_time', '7a7b7c7d-0000-4000-8000-000000000004'],
  );
  assert.deepEqual(hire.person.phones, [{ number: '+49301234567', type: 'other' }]);
  assert.deepEqual(
    api.calls.map((c) => `${c.method} ${c.url}`),
    [`GET candidates/${CANDIDATE}`, `GET jobs/${JOB}`, `GET candidates/${CANDIDATE}/jobs/${JOB}/offers`],
  );
});

test('the offer-properties configuration becomes the connection dialog’s choices', async () => {
  const api = fakeApi({ 'GET configuration/offer-properties': fixture('smartrecruiters', 'offer-properties.json') });
  assert.deepEqual(await smartrecruiters.offerFieldChoices!(api.ctx), [
    { key: 'base_salary', name: 'Base salary', type: 'CURRENCY' },
    { key: 'pay_frequency', name: 'Pay frequency', type: 'SINGLE_SELECT' },
    { key: 'start_date', name: 'Start date', type: 'DATE' },
  ]);
});

test('a search page is read by status, updatedAfter and limit, the next page asked for by its nextPageId', async () => {
  const page = fixture('smartrecruiters', 'search-page.json');
  const calls: HttpRequest[] = [];
  const bodies: Record<string, unknown> = { [`candidates/${CANDIDATE}`]: fixture('smartrecruiters', 'candidate.json') };
  const ctx: AtsContext = {
    settings: { timeZone: 'UTC' },
    auth: 'apiKey',
    async send(request): Promise<HttpResponse> {
      calls.push(request);
      const body =
        request.url === 'candidates'
          ? request.query?.pageId
            ? { limit: 10, totalFound: 11, content: [] }
            : page
          : bodies[request.url];
      return { status: 200, headers: {}, body, attempts: 1, durationMs: 1 };
    },
  };
  const { hires, capped } = await smartrecruiters.recentHires!(new Date('2026-11-01T00:00:00Z'), ctx);
  assert.deepEqual([hires.map((h) => h.key), capped], [[`hire:${JOB}:${CANDIDATE}`], false]);
  const search = { status: 'HIRED', updatedAfter: '2026-11-01T00:00:00.000Z', limit: 100 };
  assert.deepEqual(
    calls.filter((c) => c.url === 'candidates').map((c) => c.query),
    [search, { ...search, pageId: page.nextPageId }],
  );
  assert.ok(
    calls.some((c) => c.url === `candidates/${CANDIDATE}`),
    'the secondary assignment’s status is read from the candidate',
  );
});

test('the emulator answers with the keys of the specification’s models and serves no job-scoped status route', async () => {
  const emulator = await startSmartRecruiters();
  try {
    const jobId = emulator.addJob({ title: 'Backend Developer', typeOfEmployment: 'Full-time' });
    const candidateId = emulator.addCandidate({ firstName: 'Mia', lastName: 'Keller' });
    emulator.apply({ candidateId, jobId, status: 'HIRED', startsOn: '2026-12-01T00:00:00.000Z' });
    emulator.addOffer(jobId, candidateId, { properties: { base_salary: { code: 'EUR', value: 65000 } } });
    const get = (p: string) =>
      fetch(`${emulator.url}${p}`, { headers: { 'X-SmartToken': 'sandbox-smartrecruiters-key' } });
    const keysOf = (value: object) => Object.keys(value).sort();
    const offers = (await (await get(`/candidates/${candidateId}/jobs/${jobId}/offers`)).json()) as any;
    assert.deepEqual(keysOf(offers.content[0]), keysOf(fixture('smartrecruiters', 'offers.json').content[0]));
    const history = (await (await get(`/candidates/${candidateId}/status/history`)).json()) as any;
    assert.deepEqual(
      [keysOf(history), keysOf(history.content[0])],
      [keysOf(fixture('smartrecruiters', 'status-history.json')), ['changedOn', 'status']],
    );
    const search = (await (await get('/candidates?status=HIRED')).json()) as any;
    for (const k of ['limit', 'totalFound', 'content']) assert.ok(k in search, k);
    assert.equal((await get(`/jobs/${jobId}/candidates/${candidateId}/status`)).status, 404);
  } finally {
    await emulator.stop();
  }
});
