import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePayReader } from '../../../lib/dictionary/payReading';
import { compileValidator } from '../../../lib/dictionary/validator';
import { HrError } from '../../../lib/errors';
import { compileTable } from '../../../lib/mapping/compileTable';
import { sampleHire } from '../../../lib/mapping/sampleHire';
import { startingTables } from '../../../lib/mapping/startingTables';

const bamboo = compilePayReader({ format: 'bamboohr' });
const failsWith = (code: string, message?: RegExp) => (err: unknown) =>
  err instanceof HrError && err.code === code && (!message || message.test(err.message));

test('BambooHR pay is read from payRate "<amount> <CUR>" and paidPer, exactly', () => {
  assert.deepEqual(bamboo({ payRate: '103000 USD', paidPer: 'Year' })?.pay, {
    amount: '103000.00',
    currency: 'USD',
    period: 'year',
  });
  assert.deepEqual(bamboo({ payRate: '49.52 USD', paidPer: 'Hour' })?.pay, {
    amount: '49.52',
    currency: 'USD',
    period: 'hour',
  });
  assert.deepEqual(
    bamboo({ payRate: '103,000.00 USD', payPer: 'month' })?.pay,
    { amount: '103000.00', currency: 'USD', period: 'month' },
    'payPer and grouped thousands',
  );
  assert.deepEqual(
    bamboo({ payRate: { value: '8583.33', currency: 'EUR' }, paidPer: 'Month' })?.pay,
    { amount: '8583.33', currency: 'EUR', period: 'month' },
    'the { value, currency } write form',
  );
  assert.deepEqual(bamboo({ payRate: '103000 USD', paidPer: 'Year' })?.sent, {
    payRate: '103000 USD',
    paidPer: 'Year',
  });
});

test('a record that sends no pay has nothing to read', () => {
  assert.equal(bamboo({ firstName: 'Ana' }), undefined);
  assert.equal(bamboo({ payRate: '', paidPer: 'Year' }), undefined);
  assert.equal(compilePayReader('compensation')({ firstName: 'Ana' }), undefined);
});

test('pay that is there but cannot be read is a named error naming the field', () => {
  assert.throws(
    () => bamboo({ payRate: '103000', paidPer: 'Year' }),
    failsWith('validator.pay_unreadable', /^payRate: "103000" has no currency/),
  );
  assert.throws(
    () => bamboo({ payRate: '103.000,00 EUR', paidPer: 'Year' }),
    failsWith('validator.pay_unreadable', /^payRate: .*not an amount/),
  );
  assert.throws(
    () => bamboo({ payRate: '49.5192 USD', paidPer: 'Hour' }),
    failsWith('validator.pay_unreadable', /more decimals than USD allows/),
  );
  assert.throws(
    () => bamboo({ payRate: '103000 USD' }),
    failsWith('validator.pay_unreadable', /^payRate: the pay has an amount but no period/),
  );
  assert.throws(
    () => bamboo({ payRate: '103000 USD', paidPer: 'Fortnight' }),
    failsWith('validator.pay_unreadable', /^paidPer: "Fortnight" is not a known BambooHR pay period/),
  );
  assert.throws(
    () => compilePayReader('compensation')({ compensation: { amount: '1e5', currency: 'USD', period: 'year' } }),
    failsWith('validator.pay_unreadable', /^compensation: not a pay of the form/),
  );
});

test('amount, currency and period can each come from a path of their own', () => {
  const read = compilePayReader({
    format: 'paths',
    amount: 'employment.salary.amount',
    currency: 'employment.salary.currency',
    period: 'employment.salary.interval',
  });
  assert.deepEqual(read({ employment: { salary: { amount: 61800, currency: 'EUR', interval: 'Year' } } })?.pay, {
    amount: '61800.00',
    currency: 'EUR',
    period: 'year',
  });
  assert.throws(() => compilePayReader({ format: 'paths', amount: 'salary' }), failsWith('validator.pay_path_invalid'));
  assert.throws(
    () => compilePayReader({ format: 'paths', amount: 'salary..amount', period: 'period' }),
    failsWith('validator.pay_path_invalid', /amount path is not valid/),
  );
});

const hire = sampleHire();
const payCheck = compileValidator([], { fields: false, compensation: { pay: { format: 'bamboohr' } } });

test("the shipped BambooHR mapping sends the offer's pay, which passes the check", async () => {
  const record = await compileTable(startingTables.bamboohr).map(hire);
  assert.deepEqual(payCheck(record, hire), { status: 'valid', errors: [], review: [] });
});

test('BambooHR pay 3 % above the offer goes to review, explaining both figures; 1 % passes', () => {
  const report = payCheck({ firstName: 'Ana', payRate: '106090 USD', paidPer: 'Year' }, hire);
  assert.equal(report.status, 'review');
  assert.equal(
    report.review[0]?.message,
    "The pay sent in payRate, 106090.00 USD per year, is 3 % above the offer's 103000.00 USD per year, more than the 2 % allowed.",
  );
  assert.deepEqual(report.review[0]?.details?.sent, { payRate: '106090 USD', paidPer: 'Year' });
  assert.equal(report.review[0]?.details?.variance, '0.030000');
  assert.equal(payCheck({ payRate: '104030 USD', paidPer: 'Year' }, hire).status, 'valid');
});

test('a yearly salary sent as BambooHR monthly pay is converted and caught', () => {
  const report = payCheck({ payRate: '103000 USD', paidPer: 'Month' }, hire);
  assert.match(
    report.review[0]?.message ?? '',
    /103000\.00 USD per month \(1236000\.00 USD per year\), is 1100 % above/,
  );
});

test('BambooHR pay in another currency than the offer goes to review', () => {
  assert.equal(payCheck({ payRate: '103000 EUR', paidPer: 'Year' }, hire).review[0]?.rule, 'compensation_currency');
});

test('unreadable BambooHR pay makes the record invalid, naming the field', () => {
  const report = payCheck({ payRate: '103000', paidPer: 'Year' }, hire);
  assert.equal(report.status, 'invalid');
  assert.deepEqual([report.errors[0]?.field, report.errors[0]?.rule], ['payRate', 'payUnreadable']);
});

test('the shipped HiBob and Personio mappings send no pay, so there is nothing to compare', async () => {
  for (const target of ['hibob', 'personio'] as const) {
    const record = await compileTable(startingTables[target]).map(hire);
    assert.doesNotMatch(JSON.stringify(record), /103000/, `${target} sends no pay`);
  }
});

test('the shipped generic mapping sends the canonical pay object the default format reads', async () => {
  const record = await compileTable(startingTables.generic).map(hire);
  const check = compileValidator([], { fields: false });
  assert.equal(check(record, hire).status, 'valid');
  assert.equal(
    check({ ...record, compensation: { ...hire.offer.compensation, amount: '99910.00' } }, hire).status,
    'review',
    '3 % below',
  );
});
