/**
 * Ashby's own published payload shapes (test/fixtures/vendors/ashby/README.md) parse into our canonical
 * events, and our requests are the documented RPC calls: POST `<category>.<method>` with the documented body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ashby } from '../../../../lib/vendors/ashby/source';
import type { HireEvent } from '../../../../lib/vendors/ats';
import { ashbyHiresApi } from '../../../../lib/vendors/ashby/hires';
import { projectRoot } from '../../../support/runtimes';
import { ashbySender } from '../../../../sandbox/senders';
import { deliveryOf, fakeApi } from './support';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(
    fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'vendors', 'ashby', `${name}.json`), 'utf8'),
  ) as Record<string, unknown>;
const sender = ashbySender({ secret: 'ashby-secret' });
/** Ashby's example candidate is called only "James"; a surname is added where a complete hire is wanted. */
const named = (name: string) => {
  const candidate = fixture('candidate.info');
  (candidate.results as Record<string, unknown>).name = name;
  return candidate;
};
const answers = (name = 'James Example') => ({
  'POST candidate.info': named(name),
  'POST offer.info': fixture('offer.info'),
  'POST job.info': fixture('job.info'),
  'POST department.info': fixture('department.info'),
  'POST location.info': fixture('location.info'),
});

test('Ashby’s example candidate, with one name only, is a hire with that one name and no invented surname', async () => {
  const { ctx } = fakeApi(answers('James'));
  const hire = (await ashby.canonical(deliveryOf(ashby, sender.raw(fixture('candidateHire'))), ctx)).event as HireEvent;
  // Whether the HRIS needs a last name is the target dictionary's question, asked by the validator.
  assert.deepEqual(hire.person.legalName, { first: 'James' });
});

test('Ashby’s candidateHire, completed from candidate.info, offer.info and job.info, is one hire keyed by application and offer', async () => {
  const delivery = deliveryOf(ashby, sender.raw(fixture('candidateHire')));
  assert.equal(delivery.key, 'hire:3ae2b801-19f6-41ef-ad28-214bd731948f:2c6991c5-c9e2-4af8-879e-29c5a9d26509');
  assert.deepEqual(delivery.subjects, {
    candidateIds: ['5b591aec-ea47-4b4d-9c25-f4d5ad2e7a65'],
    emails: ['test@ashbyhq.com'],
  });
  const { ctx, calls } = fakeApi(answers());
  const hire = (await ashby.canonical(delivery, ctx)).event as HireEvent;
  assert.deepEqual(hire.person.legalName, { first: 'James', last: 'Example' });
  assert.equal(hire.person.emails[0]?.address, 'test@ashbyhq.com');
  assert.equal(hire.offer.startDate, '2022-10-03');
  assert.deepEqual(hire.offer.compensation, { amount: '100000', currency: 'USD' }, 'Ashby’s salary has no period');
  assert.equal(hire.offer.employmentType, 'full_time');
  assert.equal(hire.job.title, 'First Designer');
  assert.equal(hire.job.department?.name, 'Engineering');
  assert.equal(hire.job.office?.name, 'Springfield');
  assert.deepEqual(
    calls.map((c) => [c.method, c.url, c.body]),
    [
      ['POST', 'candidate.info', { id: '5b591aec-ea47-4b4d-9c25-f4d5ad2e7a65' }],
      ['POST', 'offer.info', { offerId: '2c6991c5-c9e2-4af8-879e-29c5a9d26509' }],
      ['POST', 'job.info', { id: '4071538b-3cac-4fbf-ac76-f78ed250ffdd' }],
      ['POST', 'department.info', { departmentId: 'a1b2c3d4-5e6f-4a0b-9c8d-7e6f5a4b3c2d' }],
      ['POST', 'location.info', { locationId: 'e9f0f9b6-8d3b-44c2-a6e7-1c4a0c6f2a11' }],
    ],
  );
});

test('a Currency offer custom field named by the connection is read as Ashby documents it: { value, currencyCode }', async () => {
  const { ctx } = fakeApi(answers());
  ctx.settings = {
    ...ctx.settings,
    offerFields: { pay: 'Salary expectation', startDate: 'Expected start date', declaredPayPeriod: 'year' },
  };
  const hire = (await ashby.canonical(deliveryOf(ashby, sender.raw(fixture('candidateHire'))), ctx)).event as HireEvent;
  assert.deepEqual(hire.offer.compensation, { amount: '100000', currency: 'USD', period: 'year' });
  assert.equal(hire.offer.startDate, '2022-11-10');
});

test('Ashby’s ping is acknowledged, not an event', () => {
  assert.throws(() => deliveryOf(ashby, sender.raw(fixture('ping'))), /not classified/);
});

test('the poll reads Ashby’s application.list page into the hire its candidateHire would be', async () => {
  const { ctx, calls } = fakeApi({
    'POST application.list': fixture('application.list'),
    'POST offer.list': {
      success: true,
      results: [fixture('offer.info').results as Record<string, unknown>],
      moreDataAvailable: false,
    },
  });
  const poll = await ashby.resumableHires!(new Date('2022-08-01T00:00:00Z'), null, ctx);
  assert.deepEqual(
    poll.hires.map((h) => h.key),
    ['hire:3ae2b801-19f6-41ef-ad28-214bd731948f:2c6991c5-c9e2-4af8-879e-29c5a9d26509'],
  );
  assert.deepEqual(JSON.parse(poll.resumeFrom!).syncToken, '6W05prn4d');
  assert.deepEqual(calls[0], ashbyHiresApi.hired({}));
  assert.deepEqual(calls[1]?.body, { applicationId: '3ae2b801-19f6-41ef-ad28-214bd731948f' });
});

test('the connection dialog offers Ashby’s Offer custom fields from customField.list', async () => {
  const { ctx } = fakeApi({ 'POST customField.list': fixture('customField.list') });
  assert.deepEqual(await ashby.offerFieldChoices!(ctx), [
    { key: 'Salary expectation', name: 'Salary expectation', type: 'Currency' },
  ]);
});
