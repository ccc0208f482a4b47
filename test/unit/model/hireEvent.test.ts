import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HireEvent } from '../../../lib/model/hireEvent';
import { parseOrThrow } from '../../../lib/model/parse';
import { HrError } from '../../../lib/errors';
import { sampleHire } from './sampleHire';

const failure = (value: unknown): HrError => {
  try {
    parseOrThrow(HireEvent, value, 'The hire event');
  } catch (err) {
    if (err instanceof HrError) return err;
    throw err;
  }
  assert.fail('the hire event was accepted');
};

test('a Greenhouse hire in canonical form is accepted as it is', () => {
  const hire = sampleHire();
  assert.deepEqual(parseOrThrow(HireEvent, hire, 'The hire event'), hire);
});

test('a hire delivered through Merge keeps the ids of the ATS behind it', () => {
  const hire = { ...sampleHire(), system: 'merge' };
  assert.equal(parseOrThrow(HireEvent, hire, 'The hire event').sourceIds.system, 'greenhouse');
});

test('an invalid hire names every failing field in one message', () => {
  const hire = sampleHire();
  const broken = {
    ...hire,
    person: { ...hire.person, phones: [{ number: '518-555-1212', type: 'work' }] },
    offer: {
      ...hire.offer,
      startDate: '04/15/2013',
      compensation: { amount: 80000, currency: 'usd', period: 'annually' },
    },
  };
  const err = failure(broken);
  assert.equal(err.code, 'model.invalid');
  assert.match(err.message, /^The hire event is not valid: /);
  for (const field of [
    'person.phones.0.number',
    'offer.startDate',
    'offer.compensation.amount',
    'offer.compensation.currency',
    'offer.compensation.period',
  ]) {
    assert.ok(err.message.includes(`${field}: `), `names ${field}`);
  }
  assert.equal((err.details?.issues as unknown[]).length, 5);
});

test('a hire with no offer is refused, naming the offer', () => {
  const { offer: _, ...withoutOffer } = sampleHire();
  assert.match(failure(withoutOffer).message, /offer: /);
});

test('a missing start date reads "is required", a wrongly written one names its format', () => {
  const hire = sampleHire();
  const { startDate: _, ...offerWithoutStart } = hire.offer;
  assert.match(failure({ ...hire, offer: offerWithoutStart }).message, /offer\.startDate: is required$/);
  assert.match(
    failure({ ...hire, offer: { ...hire.offer, startDate: '04/15/2013' } }).message,
    /offer\.startDate: must be a date written YYYY-MM-DD$/,
  );
  const { amount: __, ...compensationWithoutAmount } = hire.offer.compensation!;
  assert.match(
    failure({ ...hire, offer: { ...hire.offer, compensation: compensationWithoutAmount } }).message,
    /offer\.compensation\.amount: is required$/,
  );
});
