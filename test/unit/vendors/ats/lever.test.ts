import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lever } from '../../../../lib/vendors/lever/source';
import type { CandidateEvent, HireEvent } from '../../../../lib/vendors/ats';
import { leverSender } from '../../../../sandbox/senders';
import { deliveryOf, fakeApi } from './support';
import { leverAnswers } from './answers';

const sender = leverSender({ secret: 'lever-token', now: () => new Date('2026-11-02T15:04:05Z') });

test('a thin Lever hire is completed from the opportunity, its signed offer and the posting', async () => {
  const { ctx, calls } = fakeApi(leverAnswers());
  const delivery = deliveryOf(lever, sender.candidateHired({ opportunityId: 'opp-1', contactId: 'contact-1' }));
  assert.equal(delivery.key, 'hire:opp-1');
  const hire = (await lever.canonical(delivery, ctx)).event as HireEvent;
  assert.deepEqual(hire.person.legalName, { first: 'Johnny', last: 'Smith' });
  assert.equal(hire.person.emails[0]?.address, 'johnny@example.com');
  assert.equal(hire.offer.startDate, '2026-12-01');
  assert.deepEqual(hire.offer.compensation, { amount: '95000', currency: 'USD', period: 'year' });
  assert.equal(hire.offer.employmentType, 'full_time');
  assert.equal(hire.job.department?.name, 'Engineering');
  assert.equal(hire.recruiter?.email, 'rita@example.com');
  assert.deepEqual(hire.sourceIds, { system: 'lever', candidateId: 'contact-1', applicationId: 'opp-1', offerId: 'offer-1', jobId: 'posting-1' });
  assert.ok(calls.every((c) => c.method === 'GET'));
});

test('Lever’s connection test without an opportunity is acknowledged and not classified', () => {
  const signed = sender.signed('candidateHired', {});
  const body = JSON.parse(signed.rawBody.toString());
  assert.equal(lever.classify({ body, rawBody: signed.rawBody, headers: {}, receivedAt: new Date(), vendorEventId: null }), null);
});

test('a Lever deletion is a candidate.deleted event, the same whatever the delivery token', async () => {
  const a = deliveryOf(lever, sender.signed('candidateDeleted', { contactId: 'contact-1' }, 'token-a'));
  const b = deliveryOf(lever, sender.signed('candidateDeleted', { contactId: 'contact-1' }, 'token-b'));
  const event = (await lever.canonical(a, fakeApi({}).ctx)).event as CandidateEvent;
  assert.equal(event.type, 'candidate.deleted');
  assert.equal(event.candidateId, 'contact-1');
  assert.match(a.key, /^candidateDeleted:contact-1:/);
  assert.equal(a.key, b.key, 'a new delivery token does not make a new event');
});

test('a Lever deletion without its contact names the missing field', () => {
  const signed = sender.signed('candidateDeleted', { opportunityId: 'opp-1' });
  assert.throws(() => deliveryOf(lever, signed), /data\.contactId/);
});

test('without API credentials a Lever hire says what to configure', async () => {
  const delivery = deliveryOf(lever, sender.candidateHired({ opportunityId: 'opp-1' }));
  const ctx = { settings: { timeZone: 'UTC' }, auth: null, send: () => Promise.reject(Object.assign(new Error('add API credentials'), { code: 'ats.api_not_configured' })) };
  await assert.rejects(lever.canonical(delivery, ctx), (err: { code: string }) => err.code === 'ats.api_not_configured');
});
