import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ashby } from '../../../../lib/vendors/ashby/source';
import type { AtsSettings, HireEvent } from '../../../../lib/vendors/ats';
import { ashbySender } from '../../../../sandbox/senders';
import { ashbyAnswers, type Answers } from './answers';
import { deliveryOf, fakeApi } from './support';

const sender = ashbySender({ secret: 'ashby-secret' });

test('an Ashby hire is keyed by application and offer and completed with the pay from offer.info', async () => {
  const { ctx, calls } = fakeApi(ashbyAnswers());
  const delivery = deliveryOf(ashby, sender.candidateHire({ applicationId: 'app-a1', jobId: 'job-a1' }));
  assert.equal(delivery.key, 'hire:app-a1:offer-app-a1');
  const hire = (await ashby.canonical(delivery, ctx)).event as HireEvent;
  assert.deepEqual(hire.person.legalName, { first: 'Johnny', last: 'Smith' });
  assert.equal(hire.offer.startDate, '2026-12-01');
  // The offer's salary carries no interval here: its period is unknown, not assumed yearly.
  assert.deepEqual(hire.offer.compensation, { amount: '70000', currency: 'EUR' });
  assert.equal(hire.offer.employmentType, 'full_time');
  assert.equal(hire.sourceIds.applicationId, 'app-a1');
  assert.equal(hire.job.department?.name, 'Engineering', 'the job’s department, named by department.info');
  assert.deepEqual(
    calls.map((c) => c.url),
    ['candidate.info', 'offer.info', 'job.info', 'department.info'],
  );
});

test('the application update that comes with every Ashby hire is not reported as a second event', () => {
  const signed = sender.applicationSubmit();
  assert.throws(() => deliveryOf(ashby, signed), /not classified/);
});

test('an Ashby hire without its application id names the field', () => {
  const signed = sender.signed('candidateHire', 'action-1', { application: { candidate: { id: 'c1' } } });
  assert.throws(
    () => deliveryOf(ashby, signed),
    (err: { code: string; message: string }) =>
      err.code === 'ats.payload_invalid' && /application\.id/.test(err.message),
  );
});

test('Ashby’s ping, which has no webhookActionId, is acknowledged and not classified', () => {
  const ping = sender.ping();
  assert.throws(() => deliveryOf(ashby, ping), /not classified/);
});

test('an Ashby offer or deletion without a webhookActionId names the field', () => {
  const body = { action: 'candidateDelete', data: { candidate: { id: 'c1' } } };
  assert.throws(() => deliveryOf(ashby, sender.raw(body)), /webhookActionId/);
});

const offerWith = (latestVersion: Record<string, unknown>): Answers => ({
  ...ashbyAnswers(),
  'POST offer.info': { success: true, results: { id: 'offer-a1', latestVersion } },
});
const hireWith = async (answers: Answers, settings: Partial<AtsSettings>) => {
  const api = fakeApi(answers);
  api.ctx.settings = { ...api.ctx.settings, ...settings };
  return (
    await ashby.canonical(
      deliveryOf(ashby, sender.candidateHire({ applicationId: 'app-a1', jobId: 'job-a1' })),
      api.ctx,
    )
  ).event as HireEvent;
};

test('Ashby pay, its period, start date and employment type are read from the offer custom fields the connection names', async () => {
  const answers = offerWith({
    startDate: '2026-12-01',
    salary: { currencyCode: 'EUR', value: 70000 },
    customFields: [
      {
        id: 'f1',
        title: 'Hourly rate',
        value: { type: 'compensation-range', minValue: 32, maxValue: 32, currencyCode: 'USD', interval: '1 HOUR' },
      },
      { id: 'f2', title: 'First day', value: '2027-02-01' },
      { id: 'f3', title: 'Contract', value: 'Part-time' },
    ],
  });
  const hire = await hireWith(answers, {
    offerFields: { pay: 'Hourly rate', startDate: 'First day', employmentType: 'Contract' },
  });
  assert.deepEqual(hire.offer.compensation, { amount: '32', currency: 'USD', period: 'hour' });
  assert.equal(hire.offer.startDate, '2027-02-01');
  assert.equal(hire.offer.employmentType, 'part_time');
});

test('the Ashby salary’s period comes from the named period field, else the declared one, else none', async () => {
  const answers = offerWith({
    startDate: '2026-12-01',
    salary: { currencyCode: 'EUR', value: 5000 },
    customFields: [{ id: 'f1', title: 'Pay frequency', value: 'Monthly' }],
  });
  assert.equal(
    (await hireWith(answers, { offerFields: { payPeriod: 'Pay frequency' } })).offer.compensation?.period,
    'month',
  );
  assert.equal(
    (await hireWith(answers, { offerFields: { declaredPayPeriod: 'year' } })).offer.compensation?.period,
    'year',
  );
  assert.deepEqual(
    (await hireWith(answers, {})).offer.compensation,
    { amount: '5000', currency: 'EUR' },
    'no period, never a default year',
  );
});

test('the connection dialog lists the account’s offer custom fields by title', async () => {
  const { ctx, calls } = fakeApi({
    'POST customField.list': {
      success: true,
      results: [
        { id: 'f1', title: 'Pay frequency', objectType: 'Offer', isArchived: false, fieldType: 'ValueSelect' },
        { id: 'f2', title: 'HRIS Employee ID', objectType: 'Candidate', isArchived: false, fieldType: 'String' },
        { id: 'f3', title: 'Old bonus', objectType: 'Offer', isArchived: true, fieldType: 'Number' },
      ],
      moreDataAvailable: false,
    },
  });
  assert.deepEqual(await ashby.offerFieldChoices!(ctx), [
    { key: 'Pay frequency', name: 'Pay frequency', type: 'ValueSelect' },
  ]);
  assert.deepEqual(
    calls.map((c) => [c.method, c.url]),
    [['POST', 'customField.list']],
  );
});
