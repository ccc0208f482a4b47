import { test } from 'node:test';
import assert from 'node:assert/strict';
import { greenhouse } from '../../../../lib/vendors/greenhouse/source';
import type { HireEvent, OfferEvent } from '../../../../lib/vendors/ats';
import { greenhouseSender, hireCandidatePayload } from '../../../../sandbox/senders';
import { deliveryOf, noApi } from './support';

const sender = greenhouseSender({ secret: 'gh-secret' });

test('a Greenhouse hire becomes a canonical hire with ISO start date, E.164 phone, pay and the ids for write-back', async () => {
  const { event } = await greenhouse.canonical(
    deliveryOf(greenhouse, sender.hire({ firstName: 'Zoë', salary: 103000 })),
    noApi,
  );
  const hire = event as HireEvent;
  assert.equal(hire.type, 'hire');
  assert.deepEqual(hire.person.legalName, { first: 'Zoë', last: 'Smith' });
  assert.deepEqual(hire.person.emails, [{ address: 'personal@example.com', type: 'personal' }]);
  assert.equal(hire.offer.startDate, '2015-01-23');
  // Greenhouse's documented salary field has no frequency: the period is unknown, never assumed yearly.
  assert.deepEqual(hire.offer.compensation, { amount: '103000', currency: 'USD' });
  assert.equal(hire.offer.employmentType, 'full_time');
  assert.equal(hire.offer.department, 'Technology');
  assert.equal(hire.offer.location, 'New York, NY');
  assert.equal(hire.job.office?.externalId, 'ex-office-1');
  assert.deepEqual(hire.sourceIds, {
    system: 'greenhouse',
    candidateId: '35897443',
    applicationId: '46194062',
    offerId: '506409',
    jobId: '323753',
  });
});

test('every phone Greenhouse sends without a country code is read in the connection country, or named as unreadable', async () => {
  const { event, warnings } = await greenhouse.canonical(
    deliveryOf(greenhouse, sender.hire({ phone: '(415) 555-0132' })),
    noApi,
  );
  const phones = (event as HireEvent).person.phones;
  assert.ok(
    phones.length === 1 ? phones[0]!.number === '+14155550132' : warnings.some((w) => w.includes('415')),
    JSON.stringify({ phones, warnings }),
  );
});

test('an offer event’s MM/DD/YYYY start date becomes ISO', async () => {
  const { event } = await greenhouse.canonical(
    deliveryOf(greenhouse, sender.offerCreated({ startDate: '2026-04-15' })),
    noApi,
  );
  const offer = event as OfferEvent;
  assert.equal(offer.type, 'offer');
  assert.equal(offer.offer.startDate, '2026-04-15');
  assert.equal(offer.status, 'draft');
  assert.equal(offer.applicationId, '46194062');
});

test('the same hire keys alike however it is delivered, so a redelivery and the poll are recognised', () => {
  const a = deliveryOf(greenhouse, sender.hire());
  const b = deliveryOf(greenhouse, sender.signed(hireCandidatePayload(), 'another-delivery-id'));
  assert.equal(a.key, b.key);
  assert.equal(a.key, 'hire:46194062:506409');
  assert.deepEqual(a.subjects, { candidateIds: ['35897443'], emails: ['personal@example.com'] });
});

test('a hire without the candidate’s first name is refused with an error naming the field', async () => {
  const payload = hireCandidatePayload() as { payload: { application: { candidate: Record<string, unknown> } } };
  delete payload.payload.application.candidate.first_name;
  const delivery = deliveryOf(greenhouse, sender.signed(payload));
  await assert.rejects(greenhouse.canonical(delivery, noApi), (err: { code: string; message: string }) => {
    assert.equal(err.code, 'ats.payload_invalid');
    assert.match(err.message, /candidate\.first_name/);
    return true;
  });
});

test('a hire without pay fails with the model naming offer.compensation', async () => {
  const payload = hireCandidatePayload() as { payload: { application: { offer: { custom_fields: unknown } } } };
  payload.payload.application.offer.custom_fields = {};
  await assert.rejects(
    greenhouse.canonical(deliveryOf(greenhouse, sender.signed(payload)), noApi),
    /offer\.compensation/,
  );
});

test('an action the package does not handle is not classified, and one without its ids names the missing field', () => {
  const body = { action: 'job_created', payload: { job: { id: 1 } } };
  assert.equal(
    greenhouse.classify({
      body,
      rawBody: Buffer.from(JSON.stringify(body)),
      headers: {},
      receivedAt: new Date(),
      vendorEventId: null,
    }),
    null,
  );
  const broken = { action: 'hire_candidate', payload: { application: { candidate: { id: 1 } } } };
  assert.throws(
    () =>
      greenhouse.classify({
        body: broken,
        rawBody: Buffer.from(JSON.stringify(broken)),
        headers: {},
        receivedAt: new Date(),
        vendorEventId: null,
      }),
    /application\.id/,
  );
});
