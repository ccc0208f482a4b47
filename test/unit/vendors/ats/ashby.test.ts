import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ashby } from '../../../../lib/vendors/ashby/source';
import type { HireEvent } from '../../../../lib/vendors/ats';
import { ashbySender } from '../../../../sandbox/senders';
import { ashbyAnswers } from './answers';
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
  assert.deepEqual(calls.map((c) => c.url), ['candidate.info', 'offer.info', 'job.info']);
});

test('the application update that comes with every Ashby hire is not reported as a second event', () => {
  const signed = sender.applicationSubmit();
  assert.throws(() => deliveryOf(ashby, signed), /not classified/);
});

test('an Ashby hire without its application id names the field', () => {
  const signed = sender.signed('candidateHire', 'action-1', { application: { candidate: { id: 'c1' } } });
  assert.throws(() => deliveryOf(ashby, signed), (err: { code: string; message: string }) => err.code === 'ats.payload_invalid' && /application\.id/.test(err.message));
});
