import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lever } from '../../../../lib/vendors/lever/source';
import type { AtsSettings, CandidateEvent, HireEvent } from '../../../../lib/vendors/ats';
import { leverSender } from '../../../../sandbox/senders';
import { deliveryOf, fakeApi } from './support';
import { leverAnswers, type Answers } from './answers';

const sender = leverSender({ secret: 'lever-token', now: () => new Date('2026-11-02T15:04:05Z') });

const withSettings = (answers: Answers, settings: Partial<AtsSettings>) => {
  const api = fakeApi(answers);
  api.ctx.settings = { ...api.ctx.settings, ...settings };
  return api;
};

/** The offer's fields under other identifiers, as an account that named its own offer form would have them. */
const ownOfferFields = (fields: Array<{ identifier: string; text: string; value: unknown }>): Answers => ({
  ...leverAnswers(),
  'GET opportunities/opp-1/offers': {
    data: [{ id: 'offer-1', status: 'signed', createdAt: 1767225600000, posting: 'posting-1', fields }],
  },
});

test('a thin Lever hire is confirmed by the API, completed from the opportunity, its signed offer and the posting', async () => {
  const { ctx, calls } = fakeApi(leverAnswers());
  const delivery = deliveryOf(lever, sender.candidateHired({ opportunityId: 'opp-1', contactId: 'contact-1' }));
  assert.match(delivery.key, /^delivery:/, 'the delivery is journalled under its single-use token');
  const hire = (await lever.canonical(delivery, ctx)).event as HireEvent;
  assert.equal(hire.eventId, 'hire:opp-1', 'the event is keyed as the poll keys it');
  assert.deepEqual(hire.person.legalName, { first: 'Johnny', last: 'Smith' });
  assert.equal(hire.person.emails[0]?.address, 'johnny@example.com');
  assert.equal(hire.offer.startDate, '2026-12-01');
  assert.deepEqual(hire.offer.compensation, { amount: '95000', currency: 'USD', period: 'year' });
  assert.equal(hire.offer.employmentType, 'full_time');
  assert.equal(hire.job.department?.name, 'Engineering');
  assert.equal(hire.recruiter?.email, 'rita@example.com');
  assert.deepEqual(hire.sourceIds, {
    system: 'lever',
    candidateId: 'contact-1',
    applicationId: 'opp-1',
    offerId: 'offer-1',
    jobId: 'posting-1',
  });
  assert.ok(calls.every((c) => c.method === 'GET'));
  assert.ok(
    calls.some((c) => c.url === 'archive_reasons'),
    'the hired archive reasons were asked',
  );
});

test('a candidateHired body naming an opportunity Lever does not report as hired is not a hire', async () => {
  const answers = leverAnswers();
  const opp = (answers['GET opportunities/opp-1'] as { data: Record<string, unknown> }).data;
  opp.archived = null;
  const delivery = deliveryOf(lever, sender.candidateHired({ opportunityId: 'opp-1', contactId: 'contact-1' }));
  await assert.rejects(
    lever.canonical(delivery, fakeApi(answers).ctx),
    (err: { code: string; message: string }) => err.code === 'ats.unconfirmed' && /opp-1/.test(err.message),
  );
});

test('the ids of a hire are the API’s: the contact named in the body is not used', async () => {
  const delivery = deliveryOf(lever, sender.candidateHired({ opportunityId: 'opp-1', contactId: 'someone-else' }));
  const hire = (await lever.canonical(delivery, fakeApi(leverAnswers()).ctx)).event as HireEvent;
  assert.equal(hire.sourceIds.candidateId, 'contact-1');
  assert.equal(hire.application.candidateId, 'contact-1');
});

test('Lever’s connection test without an opportunity is acknowledged and not classified', () => {
  const signed = sender.signed('candidateHired', {});
  const body = JSON.parse(signed.rawBody.toString());
  assert.equal(
    lever.classify({ body, rawBody: signed.rawBody, headers: {}, receivedAt: new Date(), vendorEventId: null }),
    null,
  );
});

test('a Lever deletion is emitted once Lever no longer has the person, keyed the same whatever the delivery token', async () => {
  const gone = { 'GET opportunities': { data: [], hasNext: false } };
  const a = deliveryOf(lever, sender.signed('candidateDeleted', { contactId: 'contact-1' }, 'token-a'));
  const b = deliveryOf(lever, sender.signed('candidateDeleted', { contactId: 'contact-1' }, 'token-b'));
  assert.notEqual(a.key, b.key, 'each delivery is journalled under its own token');
  const { ctx, calls } = fakeApi(gone);
  const first = (await lever.canonical(a, ctx)).event as CandidateEvent;
  const second = (await lever.canonical(b, ctx)).event as CandidateEvent;
  assert.equal(first.type, 'candidate.deleted');
  assert.equal(first.candidateId, 'contact-1');
  assert.equal(first.eventId, second.eventId, 'a retry with a new token is the same event');
  assert.deepEqual(calls[0]?.query, { contact_id: 'contact-1', limit: 1 });
});

test('a forged deletion of a candidate Lever still has is not emitted', async () => {
  const live = { 'GET opportunities': { data: [{ id: 'opp-1' }], hasNext: false } };
  const delivery = deliveryOf(lever, sender.signed('candidateDeleted', { contactId: 'contact-1' }));
  await assert.rejects(
    lever.canonical(delivery, fakeApi(live).ctx),
    (err: { code: string }) => err.code === 'ats.unconfirmed',
  );
  const withOpportunity = deliveryOf(
    lever,
    sender.signed('candidateDeleted', { contactId: 'contact-1', opportunityId: 'opp-1' }),
  );
  const answers = { ...leverAnswers(), 'GET opportunities': { data: [], hasNext: false } };
  await assert.rejects(
    lever.canonical(withOpportunity, fakeApi(answers).ctx),
    (err: { code: string }) => err.code === 'ats.unconfirmed',
    'the named opportunity still exists',
  );
});

test('a Lever deletion without its contact names the missing field', () => {
  const signed = sender.signed('candidateDeleted', { opportunityId: 'opp-1' });
  assert.throws(() => deliveryOf(lever, signed), /data\.contactId/);
});

test('Lever pay is read from the offer fields the connection names', async () => {
  const answers = ownOfferFields([
    { identifier: 'base_pay', text: 'Base pay', value: 31.5 },
    { identifier: 'salary_currency', text: 'Currency', value: 'USD' },
    { identifier: 'pay_frequency', text: 'Pay frequency', value: 'Hourly' },
    { identifier: 'first_day', text: 'First day', value: Date.UTC(2027, 0, 4) },
    { identifier: 'contract', text: 'Contract', value: 'Part-time' },
  ]);
  const { ctx } = withSettings(answers, {
    offerFields: { pay: 'base_pay', payPeriod: 'pay_frequency', startDate: 'first_day', employmentType: 'contract' },
  });
  const hire = (await lever.canonical(deliveryOf(lever, sender.candidateHired({ opportunityId: 'opp-1' })), ctx))
    .event as HireEvent;
  assert.deepEqual(hire.offer.compensation, { amount: '31.5', currency: 'USD', period: 'hour' });
  assert.equal(hire.offer.startDate, '2027-01-04');
  assert.equal(hire.offer.employmentType, 'part_time');
});

test('a Lever pay without a period is left without one, unless the connection declares it', async () => {
  const answers = ownOfferFields([
    { identifier: 'salary_amount', text: 'Salary', value: 80000 },
    { identifier: 'salary_currency', text: 'Currency', value: 'EUR' },
    { identifier: 'anticipated_start_date', text: 'Anticipated start date', value: Date.UTC(2027, 0, 4) },
  ]);
  const delivery = deliveryOf(lever, sender.candidateHired({ opportunityId: 'opp-1' }));
  const unknown = (await lever.canonical(delivery, fakeApi(answers).ctx)).event as HireEvent;
  assert.deepEqual(unknown.offer.compensation, { amount: '80000', currency: 'EUR' }, 'no period, never a default year');
  const declared = (
    await lever.canonical(delivery, withSettings(answers, { offerFields: { declaredPayPeriod: 'month' } }).ctx)
  ).event as HireEvent;
  assert.equal(declared.offer.compensation?.period, 'month');
});

test('the connection dialog lists the offer fields of the account’s recent hires', async () => {
  const answers: Answers = { ...leverAnswers(), 'GET opportunities': { data: [{ id: 'opp-1' }], hasNext: false } };
  const offers = answers['GET opportunities/opp-1/offers'] as {
    data: Array<{ fields: Array<Record<string, unknown>> }>;
  };
  for (const field of offers.data[0]!.fields) field.text = `Label of ${String(field.identifier)}`;
  const { ctx, calls } = fakeApi(answers);
  const choices = await lever.offerFieldChoices!(ctx);
  assert.deepEqual(
    choices.map((c) => c.key),
    ['anticipated_start_date', 'salary_amount', 'salary_currency', 'salary_interval'],
  );
  assert.equal(choices[1]?.name, 'Label of salary_amount');
  assert.deepEqual(calls.find((c) => c.url === 'opportunities')?.query, {
    archive_reason_id: 'reason-hired',
    limit: 5,
  });
});

test('without API credentials a Lever hire says what to configure', async () => {
  const delivery = deliveryOf(lever, sender.candidateHired({ opportunityId: 'opp-1' }));
  const ctx = {
    settings: { timeZone: 'UTC' },
    auth: null,
    send: () => Promise.reject(Object.assign(new Error('add API credentials'), { code: 'ats.api_not_configured' })),
  };
  await assert.rejects(
    lever.canonical(delivery, ctx),
    (err: { code: string }) => err.code === 'ats.api_not_configured',
  );
});
