import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smartrecruiters } from '../../../../lib/vendors/smartrecruiters/source';
import { workable } from '../../../../lib/vendors/workable/source';
import { passthrough } from '../../../../lib/vendors/ats/passthrough';
import type { CandidateEvent, HireEvent, OfferFieldSettings, WebhookEvent } from '../../../../lib/vendors/ats';
import { smartRecruitersSender, standardWebhooksSender, workableSender } from '../../../../sandbox/senders';
import { smartRecruitersAnswers, smartRecruitersOfferFields, workableAnswers, workableOfferFields } from './answers';
import { deliveryOf, fakeApi, withOfferFields } from './support';

/** The fake API with the account's offer fields set, as the ATS connection would hand them over. */
function apiWith(answers: Record<string, unknown>, offerFields: OfferFieldSettings) {
  const api = fakeApi(answers);
  return { ...api, ctx: withOfferFields(api.ctx, offerFields) };
}
const workableFields: OfferFieldSettings = workableOfferFields;
const srFields: OfferFieldSettings = smartRecruitersOfferFields;
const withOffer = (answers: Record<string, unknown>, key: string, edit: (offer: any) => void) => {
  edit(answers[key]);
  return answers;
};

test('a Workable candidate_moved envelope into Hired is a hire keyed by the candidate, completed from the job and the offer', async () => {
  const delivery = deliveryOf(workable, workableSender({ secret: 's' }).candidateMoved({ eventId: 'evt-9' }));
  assert.deepEqual([delivery.type, delivery.key, delivery.vendorType], ['hire', 'hire:3fc9a80f', 'candidate_moved']);
  const { ctx, calls } = apiWith(workableAnswers(), workableFields);
  const hire = (await workable.canonical(delivery, ctx)).event as HireEvent;
  assert.deepEqual(hire.person.legalName, { first: 'Lakita', last: 'Marrero' });
  assert.deepEqual(hire.offer.compensation, { amount: '50000', currency: 'EUR', period: 'year' });
  assert.deepEqual(
    [hire.offer.startDate, hire.offer.location, hire.offer.employmentType],
    ['2026-12-01', 'Athens, Greece', 'full_time'],
  );
  assert.deepEqual(
    calls.map((c) => `${c.method} ${c.url}`),
    ['GET jobs/GROOV003', 'GET candidates/3fc9a80f/offer'],
  );
});

test('a Workable salary without a frequency keeps its period unknown, unless the user declared one for it', async () => {
  const noFrequency = () =>
    withOffer(
      workableAnswers(),
      'GET candidates/3fc9a80f/offer',
      (o) => delete o.document_variables[1].value.data.frequency,
    );
  const delivery = deliveryOf(workable, workableSender({ secret: 's' }).candidateMoved());
  const unknown = (await workable.canonical(delivery, apiWith(noFrequency(), workableFields).ctx)).event as HireEvent;
  assert.deepEqual(unknown.offer.compensation, { amount: '50000', currency: 'EUR' });
  const declared = (
    await workable.canonical(delivery, apiWith(noFrequency(), { ...workableFields, declaredPayPeriod: 'month' }).ctx)
  ).event as HireEvent;
  assert.equal(declared.offer.compensation.period, 'month');
});

test('a Workable frequency we cannot read is named in the warnings, not replaced by the declared period', async () => {
  const answers = withOffer(
    workableAnswers(),
    'GET candidates/3fc9a80f/offer',
    (o) => (o.document_variables[1].value.data.frequency = 'per shift'),
  );
  const delivery = deliveryOf(workable, workableSender({ secret: 's' }).candidateMoved());
  const { event, warnings } = await workable.canonical(
    delivery,
    apiWith(answers, { ...workableFields, declaredPayPeriod: 'year' }).ctx,
  );
  assert.equal((event as HireEvent).offer.compensation.period, undefined);
  assert.ok(
    warnings.some((w) => /pay period "per shift" is not one/.test(w)),
    warnings.join('; '),
  );
});

test('the Workable pay, period and employment type come from the variables the user named', async () => {
  const answers = withOffer(workableAnswers(), 'GET candidates/3fc9a80f/offer', (o) =>
    o.document_variables.push(
      { document_variable: { name: 'Bonus', slug: 'bonus' }, value: { data: { amount: 5000, currency_iso: 'EUR' } } },
      { document_variable: { name: 'Contract', slug: 'contract' }, value: { body: 'Part-time' } },
      { document_variable: { name: 'Paid', slug: 'paid' }, value: { body: 'monthly' } },
    ),
  );
  const delivery = deliveryOf(workable, workableSender({ secret: 's' }).candidateMoved());
  const fields = { ...workableFields, pay: 'bonus', payPeriod: 'paid', employmentType: 'contract' };
  const hire = (await workable.canonical(delivery, apiWith(answers, fields).ctx)).event as HireEvent;
  assert.deepEqual(
    [hire.offer.compensation, hire.offer.employmentType],
    [{ amount: '5000', currency: 'EUR', period: 'month' }, 'part_time'],
  );
  await assert.rejects(
    workable.canonical(delivery, apiWith(answers, workableFields).ctx),
    (err: Error & { code?: string }) => {
      assert.equal(err.code, 'ats.offer_field_ambiguous');
      assert.match(err.message, /salary, bonus/);
      return true;
    },
  );
});

test('a Workable hire without a start-date variable set is refused naming the setting', async () => {
  const delivery = deliveryOf(workable, workableSender({ secret: 's' }).candidateMoved());
  await assert.rejects(
    workable.canonical(delivery, fakeApi(workableAnswers()).ctx),
    (err: Error & { code?: string }) => err.code === 'ats.offer_field_unset' && /start date/.test(err.message),
  );
});

test('a Workable envelope for a candidate in another stage is a candidate update keyed by the event id', async () => {
  const delivery = deliveryOf(
    workable,
    workableSender({ secret: 's' }).candidateMoved({ stage: 'Interview', eventId: 'evt-7' }),
  );
  assert.equal(delivery.key, 'candidate_moved:evt-7');
  const event = (await workable.canonical(delivery, fakeApi({}).ctx)).event as CandidateEvent;
  assert.deepEqual([event.type, event.status], ['candidate.updated', 'Interview']);
});

test('a Workable body that is the bare candidate, not the envelope, is refused naming the field', () => {
  const signed = workableSender({ secret: 's' }).signed({
    id: 'x',
    firstname: 'A',
    lastname: 'B',
    stage: 'Hired',
    job: { shortcode: 'J' },
  });
  assert.throws(() => deliveryOf(workable, signed), /event_type/);
});

test('a Workable envelope whose candidate lacks its job names the field', () => {
  const signed = workableSender({ secret: 's' }).signed({
    id: 'e',
    event_type: 'candidate_moved',
    data: { id: 'x', firstname: 'A', lastname: 'B' },
  });
  assert.throws(() => deliveryOf(workable, signed), /data\.job/);
});

test('a SmartRecruiters status change to HIRED becomes a hire keyed by its application, the notification by its event id', async () => {
  const signed = smartRecruitersSender({ secret: 's' }).applicationStatusUpdated({
    eventId: 'ev-1',
    jobId: 'job-1',
    candidateId: 'cand-1',
  });
  const delivery = deliveryOf(smartrecruiters, signed, 'ev-1');
  assert.equal(delivery.key, 'application.status.updated:ev-1');
  const { ctx, calls } = apiWith(smartRecruitersAnswers(), srFields);
  const hire = (await smartrecruiters.canonical(delivery, ctx)).event as HireEvent;
  assert.equal(hire.type, 'hire');
  assert.equal(hire.eventId, 'hire:job-1:cand-1');
  assert.deepEqual(hire.person.legalName, { first: 'Mia', last: 'Keller' });
  assert.deepEqual(
    [hire.offer.id, hire.offer.startDate, hire.offer.employmentType],
    ['sr-offer-1', '2026-12-01', 'full_time'],
  );
  assert.deepEqual(hire.offer.compensation, { amount: '60000', currency: 'EUR', period: 'year' });
  assert.deepEqual(
    calls.map((c) => c.url),
    ['candidates/cand-1', 'jobs/job-1', 'candidates/cand-1/jobs/job-1/offers'],
    'the status is read from the assignment, no status route',
  );
});

test('a SmartRecruiters status change to another status is a candidate update with that status', async () => {
  const answers = smartRecruitersAnswers();
  (answers['GET candidates/cand-1'] as any).primaryAssignment.status = 'OFFERED';
  const delivery = deliveryOf(
    smartrecruiters,
    smartRecruitersSender({ secret: 's' }).applicationStatusUpdated({
      eventId: 'ev-3',
      jobId: 'job-1',
      candidateId: 'cand-1',
    }),
    'ev-3',
  );
  const event = (await smartrecruiters.canonical(delivery, apiWith(answers, srFields).ctx)).event as CandidateEvent;
  assert.deepEqual(
    [event.type, event.status, event.applicationIds],
    ['candidate.updated', 'OFFERED', ['job-1:cand-1']],
  );
});

test('the SmartRecruiters start date and employment type come from offer properties when the user named them', async () => {
  const answers = smartRecruitersAnswers();
  (answers['GET candidates/cand-1/jobs/job-1/offers'] as any).content[0].properties.start = '2027-01-15T00:00:00.000Z';
  (answers['GET candidates/cand-1/jobs/job-1/offers'] as any).content[0].properties.kind = {
    id: 'c',
    label: 'Contract',
  };
  const delivery = deliveryOf(
    smartrecruiters,
    smartRecruitersSender({ secret: 's' }).applicationStatusUpdated({
      eventId: 'ev-4',
      jobId: 'job-1',
      candidateId: 'cand-1',
    }),
    'ev-4',
  );
  const hire = (
    await smartrecruiters.canonical(
      delivery,
      apiWith(answers, { ...srFields, startDate: 'start', employmentType: 'kind' }).ctx,
    )
  ).event as HireEvent;
  assert.deepEqual([hire.offer.startDate, hire.offer.employmentType], ['2027-01-15', 'contractor']);
});

test('a SmartRecruiters pay with no period property keeps its period unknown; without a pay property set the hire is refused', async () => {
  const delivery = deliveryOf(
    smartrecruiters,
    smartRecruitersSender({ secret: 's' }).applicationStatusUpdated({
      eventId: 'ev-5',
      jobId: 'job-1',
      candidateId: 'cand-1',
    }),
    'ev-5',
  );
  const hire = (
    await smartrecruiters.canonical(delivery, apiWith(smartRecruitersAnswers(), { pay: 'base_salary' }).ctx)
  ).event as HireEvent;
  assert.deepEqual(hire.offer.compensation, { amount: '60000', currency: 'EUR' });
  await assert.rejects(
    smartrecruiters.canonical(delivery, fakeApi(smartRecruitersAnswers()).ctx),
    (err: Error & { code?: string }) => err.code === 'ats.offer_field_unset',
  );
});

test('the SmartRecruiters offer fields offered in the connection dialog are the account’s offer properties', async () => {
  const { ctx, calls } = apiWith(
    {
      'GET configuration/offer-properties': {
        categories: [
          {
            id: 'c',
            properties: [
              { key: 'base_salary', label: 'Base salary', type: 'CURRENCY' },
              { key: 'start', type: 'DATE' },
            ],
          },
        ],
      },
    },
    {},
  );
  assert.deepEqual(await smartrecruiters.offerFieldChoices!(ctx), [
    { key: 'base_salary', name: 'Base salary', type: 'CURRENCY' },
    { key: 'start', name: 'start', type: 'DATE' },
  ]);
  assert.deepEqual(
    calls.map((c) => `${c.method} ${c.url}`),
    ['GET configuration/offer-properties'],
  );
});

test('a SmartRecruiters notification without the candidate id names the field', () => {
  const signed = smartRecruitersSender({ secret: 's' }).signed(
    'application.status.updated',
    'v201910',
    'ev-2',
    '<x>; rel=self',
    { job_id: 'j' },
  );
  assert.throws(() => deliveryOf(smartrecruiters, signed, 'ev-2'), /candidate_id/);
});

test('a Standard Webhooks message passes through under its webhook-id', async () => {
  const source = passthrough('standard-webhooks');
  const signed = standardWebhooksSender({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).message({
    id: 'msg_1',
    type: 'employee.hired',
    data: { id: 'e1' },
  });
  const delivery = deliveryOf(source, signed, 'msg_1');
  assert.equal(delivery.key, 'msg_1');
  const event = (await source.canonical(delivery, fakeApi({}).ctx)).event as WebhookEvent;
  assert.deepEqual([event.type, event.name, event.data], ['webhook', 'employee.hired', { id: 'e1' }]);
});
