import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smartrecruiters } from '../../../../lib/vendors/smartrecruiters/source';
import { workable } from '../../../../lib/vendors/workable/source';
import { passthrough } from '../../../../lib/vendors/ats/passthrough';
import type { CandidateEvent, HireEvent, WebhookEvent } from '../../../../lib/vendors/ats';
import { smartRecruitersSender, standardWebhooksSender, workableSender } from '../../../../sandbox/senders';
import { smartRecruitersAnswers, workableAnswers } from './answers';
import { deliveryOf, fakeApi } from './support';

test('a Workable candidate moved to Hired is a hire completed from the job and the offer', async () => {
  const delivery = deliveryOf(workable, workableSender({ secret: 's' }).candidateMoved());
  assert.equal(delivery.key, 'hire:3fc9a80f');
  const hire = (await workable.canonical(delivery, fakeApi(workableAnswers()).ctx)).event as HireEvent;
  assert.deepEqual(hire.person.legalName, { first: 'Lakita', last: 'Marrero' });
  assert.deepEqual(hire.offer.compensation, { amount: '50000', currency: 'EUR', period: 'year' });
  assert.equal(hire.offer.location, 'Athens, Greece');
});

test('a Workable candidate in another stage is a candidate update', async () => {
  const delivery = deliveryOf(workable, workableSender({ secret: 's' }).candidateMoved({ stage: 'Interview' }));
  const event = (await workable.canonical(delivery, fakeApi({}).ctx)).event as CandidateEvent;
  assert.equal(event.type, 'candidate.updated');
  assert.equal(event.status, 'Interview');
});

test('a Workable body without the candidate’s job names the field', () => {
  const signed = workableSender({ secret: 's' }).signed({ id: 'x', firstname: 'A', lastname: 'B' });
  assert.throws(() => deliveryOf(workable, signed), /job/);
});

test('a SmartRecruiters status change to HIRED becomes a hire keyed by its application, the notification by its event id', async () => {
  const signed = smartRecruitersSender({ secret: 's' }).applicationStatusUpdated({ eventId: 'ev-1', jobId: 'job-1', candidateId: 'cand-1' });
  const delivery = deliveryOf(smartrecruiters, signed, 'ev-1');
  assert.equal(delivery.key, 'application.status.updated:ev-1');
  const hire = (await smartrecruiters.canonical(delivery, fakeApi(smartRecruitersAnswers()).ctx)).event as HireEvent;
  assert.equal(hire.type, 'hire');
  assert.equal(hire.eventId, 'hire:job-1:cand-1');
  assert.deepEqual(hire.person.legalName, { first: 'Mia', last: 'Keller' });
  assert.equal(hire.offer.startDate, '2026-12-01');
});

test('a SmartRecruiters notification without the candidate id names the field', () => {
  const signed = smartRecruitersSender({ secret: 's' }).signed('application.status.updated', 'v201910', 'ev-2', '<x>; rel=self', { job_id: 'j' });
  assert.throws(() => deliveryOf(smartrecruiters, signed, 'ev-2'), /candidate_id/);
});

test('a Standard Webhooks message passes through under its webhook-id', async () => {
  const source = passthrough('standard-webhooks');
  const signed = standardWebhooksSender({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).message({ id: 'msg_1', type: 'employee.hired', data: { id: 'e1' } });
  const delivery = deliveryOf(source, signed, 'msg_1');
  assert.equal(delivery.key, 'msg_1');
  const event = (await source.canonical(delivery, fakeApi({}).ctx)).event as WebhookEvent;
  assert.deepEqual([event.type, event.name, event.data], ['webhook', 'employee.hired', { id: 'e1' }]);
});
