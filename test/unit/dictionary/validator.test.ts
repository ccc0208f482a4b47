import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileValidator } from '../../../lib/dictionary/validator';
import { defaultDictionary } from '../../../lib/dictionary/defaultDictionary';
import type { DictionaryField } from '../../../lib/dictionary/field';
import { HrError } from '../../../lib/errors';
import { sampleHire } from '../model/sampleHire';

const validateHire = compileValidator(defaultDictionary);

const field = (name: string, type: DictionaryField['type'], extra: Partial<DictionaryField> = {}): DictionaryField => ({
  name,
  label: name,
  type,
  required: true,
  owner: 'ats',
  syncDirection: 'ats_to_hris',
  sensitivity: 'internal',
  ...extra,
});

test('a canonical Greenhouse hire passes the default dictionary', () => {
  assert.deepEqual(validateHire(sampleHire()), { status: 'valid', errors: [], review: [] });
});

test('every problem in a record is reported, not just the first', () => {
  const hire = sampleHire();
  const broken = {
    ...hire,
    person: {
      ...hire.person,
      legalName: { first: 'Johnny' },
      emails: [{ address: 'not-an-email', type: 'personal' }],
      phones: [{ number: '518-555-1212', type: 'work' }],
      address: { line1: '455 Broadway', city: 'New York', country: 'UK' },
    },
    job: { ...hire.job, title: 'x'.repeat(300) },
    offer: { ...hire.offer, startDate: '04/15/2013', employmentType: 'Full-time' },
  };
  const report = validateHire(broken);
  assert.equal(report.status, 'invalid');
  assert.deepEqual(
    report.errors.map((e) => [e.field, e.rule]),
    [
      ['person.legalName.last', 'required'],
      ['person.emails.0.address', 'format'],
      ['person.phones.0.number', 'format'],
      ['person.address.country', 'format'],
      ['job.title', 'maxLength'],
      ['offer.startDate', 'format'],
      ['offer.employmentType', 'allowedValues'],
    ],
  );
  const messages = report.errors.map((e) => e.message);
  assert.ok(messages.includes('Legal last name is required.'));
  assert.ok(messages.includes('Job title is 300 characters long, more than the 255 allowed.'));
  assert.ok(messages.some((m) => m.startsWith('Employment type is "Full-time", not one of "full_time", "part_time"')));
});

test('an optional part may be absent, but when present its required fields must be there', () => {
  const hire = sampleHire();
  assert.equal(validateHire({ ...hire, person: { ...hire.person, address: undefined } }).status, 'valid');
  const report = validateHire({
    ...hire,
    person: { ...hire.person, address: { line1: '455 Broadway', country: 'US' } },
  });
  assert.deepEqual(report.errors, [{ field: 'person.address.city', rule: 'required', message: 'City is required.' }]);
});

test('a record with the wrong kind of value says what was expected', () => {
  const hire = sampleHire();
  const report = validateHire({ ...hire, person: { ...hire.person, consent: { backgroundCheck: 'yes' } } });
  assert.deepEqual(report.errors, [
    {
      field: 'person.consent.backgroundCheck',
      rule: 'type',
      message: 'Background check consent must be true or false.',
    },
  ]);
});

test('something that is not a record at all is invalid, not a crash', () => {
  assert.equal(validateHire(null).status, 'invalid');
  assert.equal(validateHire('hello').status, 'invalid');
});

test('maximum length counts characters, so an emoji is one', () => {
  const validate = compileValidator([field('note', 'string', { maxLength: 3 })]);
  assert.equal(validate({ note: '😀😀😀' }).status, 'valid');
  assert.equal(validate({ note: '😀😀😀😀' }).errors[0]?.rule, 'maxLength');
});

test('named formats and regular expressions are checked', () => {
  const validate = compileValidator([
    field('code', 'string', { format: '[A-Z]{3}-\\d{2}' }),
    field('guid', 'string', { format: 'uuid' }),
  ]);
  assert.equal(validate({ code: 'ABC-12', guid: '0f8fad5b-d9cb-469f-a165-70867728950e' }).status, 'valid');
  assert.deepEqual(
    validate({ code: 'ABC-123', guid: '42' }).errors.map((e) => [e.field, e.rule]),
    [
      ['code', 'format'],
      ['guid', 'format'],
    ],
  );
});

test('a dictionary that lists fields under a plain value is refused when compiled', () => {
  assert.throws(
    () => compileValidator([field('job.title', 'string'), field('job.title.text', 'string')]),
    (err: unknown) =>
      err instanceof HrError && err.code === 'dictionary.invalid' && /"job.title" is a string/.test(err.message),
  );
});

const offer = { compensation: { amount: '120000.00', currency: 'USD', period: 'year' } };
const payCheck = compileValidator([]);

test('monthly pay 1.99 % above the yearly offer is within the 2 % rule', () => {
  assert.deepEqual(payCheck({ offer, compensation: { amount: '10199.00', currency: 'USD', period: 'month' } }), {
    status: 'valid',
    errors: [],
    review: [],
  });
});

test('monthly pay 2.01 % above the yearly offer goes to review with both figures', () => {
  const report = payCheck({ offer, compensation: { amount: '10201.00', currency: 'USD', period: 'month' } });
  assert.equal(report.status, 'review');
  assert.equal(report.review.length, 1);
  assert.equal(report.review[0]?.rule, 'compensation_variance');
  assert.equal(
    report.review[0]?.message,
    "The pay sent in compensation, 10201.00 USD per month (122412.00 USD per year), is 2.01 % above the offer's 120000.00 USD per year, more than the 2 % allowed.",
  );
  assert.equal(report.review[0]?.details?.variance, '0.020100');
});

test('pay exactly 2 % away is still within the rule', () => {
  assert.equal(
    payCheck({ offer, compensation: { amount: '117600.00', currency: 'USD', period: 'year' } }).status,
    'valid',
  );
});

test('an hourly rate equal to the offer at 2080 hours a year passes', () => {
  const record = {
    offer: { compensation: { amount: '103000.00', currency: 'USD', period: 'year' } },
    compensation: { amount: '49.52', currency: 'USD', period: 'hour' },
  };
  assert.equal(payCheck(record).status, 'valid');
});

test('a yearly salary pushed into an hourly pay field is caught', () => {
  const record = {
    offer: { compensation: { amount: '103000.00', currency: 'USD', period: 'year' } },
    compensation: { amount: '103000.00', currency: 'USD', period: 'hour' },
  };
  const report = payCheck(record);
  assert.equal(report.status, 'review');
  assert.match(report.review[0]?.message ?? '', /214240000\.00 USD per year\), is 207900 % above/);
});

test('pay in another currency than the offer goes to review', () => {
  const report = payCheck({ offer, compensation: { amount: '120000.00', currency: 'EUR', period: 'year' } });
  assert.deepEqual([report.status, report.review[0]?.rule], ['review', 'compensation_currency']);
});

test('the variance threshold and compensation paths can be configured', () => {
  const lenient = compileValidator([], {
    varianceThreshold: 0.05,
    compensation: { pay: 'employee.pay', offer: 'hire.offer.pay' },
  });
  const record = {
    hire: { offer: { pay: offer.compensation } },
    employee: { pay: { amount: '124000.00', currency: 'USD', period: 'year' } },
  };
  assert.equal(lenient(record).status, 'valid');
  assert.throws(
    () => compileValidator([], { varianceThreshold: 'two percent' }),
    (err: unknown) => err instanceof HrError && err.code === 'validator.threshold_invalid',
  );
  assert.throws(
    () => compileValidator([], { varianceThreshold: -0.02 }),
    (err: unknown) => err instanceof HrError && err.code === 'validator.threshold_invalid',
  );
  assert.throws(
    () => compileValidator([], { payAssumptions: { hoursPerWeek: 0 } }),
    (err: unknown) => err instanceof HrError && err.code === 'transform.pay_assumption_invalid',
  );
});

test('extra rules add errors and review items; errors win the status', () => {
  const validate = compileValidator([], {
    rules: [
      (record) =>
        ((record as { startDate?: string }).startDate ?? '') < '2026-01-01'
          ? [{ field: 'startDate', rule: 'start_in_past', message: 'The start date has passed.', severity: 'review' }]
          : [],
      (record) =>
        (record as { country?: string }).country === 'KP'
          ? [{ field: 'country', rule: 'sanctioned', message: 'Hiring here is not allowed.', severity: 'error' }]
          : [],
    ],
  });
  assert.equal(validate({ startDate: '2025-06-01', country: 'US' }).status, 'review');
  const both = validate({ startDate: '2025-06-01', country: 'KP' });
  assert.equal(both.status, 'invalid');
  assert.deepEqual([both.errors.length, both.review.length], [1, 1]);
});

test('a required name that is only spaces counts as missing', () => {
  const hire = sampleHire();
  const report = validateHire({ ...hire, person: { ...hire.person, legalName: { first: '  ', last: 'Smith' } } });
  assert.deepEqual(report.errors, [
    { field: 'person.legalName.first', rule: 'required', message: 'Legal first name is required.' },
  ]);
});

test('a mapped record is checked against the offer in the canonical hire beside it', () => {
  const hire = sampleHire();
  const mapped = { firstName: 'Johnny', compensation: { amount: '8000.00', currency: 'USD', period: 'month' } };
  const report = payCheck(mapped, hire);
  assert.equal(report.status, 'review');
  assert.match(
    report.review[0]?.message ?? '',
    /8000\.00 USD per month \(96000\.00 USD per year\), is 20 % above the offer's 80000\.00 USD per year/,
  );
});
