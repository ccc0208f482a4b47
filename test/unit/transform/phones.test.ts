import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toE164 } from '../../../lib/transform/phones';
import { HrError } from '../../../lib/errors';

const isCode = (code: string, message?: RegExp) => (err: unknown) =>
  err instanceof HrError && err.code === code && (message === undefined || message.test(err.message));

test('US numbers in national formats become E.164 with US as the default country', () => {
  assert.equal(toE164('518-555-1212', { defaultCountry: 'US' }), '+15185551212');
  assert.equal(toE164('(650) 253-0000', { defaultCountry: 'US' }), '+16502530000');
  assert.equal(toE164('650.253.0000', { defaultCountry: 'US' }), '+16502530000');
});

test('international formats keep their own country whatever the default', () => {
  assert.equal(toE164('+1 650 253 0000', { defaultCountry: 'GB' }), '+16502530000');
  assert.equal(toE164('+44 20 7946 0958', { defaultCountry: 'US' }), '+442079460958');
  assert.equal(toE164('+44 (0)7911 123456'), '+447911123456');
});

test('UK numbers in national format become E.164 with GB as the default country', () => {
  assert.equal(toE164('020 7946 0958', { defaultCountry: 'GB' }), '+442079460958');
  assert.equal(toE164('07911 123456', { defaultCountry: 'GB' }), '+447911123456');
});

test('a number that is not assigned in its country is refused', () => {
  assert.throws(
    () => toE164('07700 900123', { defaultCountry: 'GB' }),
    isCode('transform.phone_invalid', /not a valid number in GB/),
  );
  assert.throws(() => toE164('555-1212', { defaultCountry: 'US' }), isCode('transform.phone_invalid'));
});

test('text that is not a phone number is refused with the reason', () => {
  assert.throws(
    () => toE164('call me', { defaultCountry: 'US' }),
    isCode('transform.phone_invalid', /not a phone number/),
  );
  assert.throws(() => toE164('020 7946 0958'), isCode('transform.phone_invalid', /no default country/));
  assert.throws(() => toE164('my number is 650 253 0000', { defaultCountry: 'US' }), isCode('transform.phone_invalid'));
});

test('an extension is refused instead of silently dropped', () => {
  assert.throws(
    () => toE164('212 736 5000 ext. 12', { defaultCountry: 'US' }),
    isCode('transform.phone_extension', /extension 12/),
  );
});

test('an unknown default country is refused', () => {
  assert.throws(
    () => toE164('650 253 0000', { defaultCountry: 'UK' }),
    isCode('transform.phone_country_unknown', /"UK"/),
  );
});
