import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertPay, payInPeriod, periodsPerYear } from '../../../lib/transform/pay';
import type { Compensation } from '../../../lib/model/compensation';
import { HrError } from '../../../lib/errors';

const salary: Compensation = { amount: '103000.00', currency: 'USD', period: 'year' };

test('a yearly salary becomes an hourly rate at 40 hours and 52 weeks', () => {
  assert.deepEqual(convertPay(salary, 'hour'), { amount: '49.52', currency: 'USD', period: 'hour' });
});

test('an hourly rate becomes a yearly salary', () => {
  assert.equal(convertPay({ amount: '49.52', currency: 'USD', period: 'hour' }, 'year').amount, '103001.60');
  assert.equal(convertPay({ amount: '0.10', currency: 'USD', period: 'hour' }, 'year').amount, '208.00');
});

test('a yearly salary in each calendar period, rounded to the cent', () => {
  assert.equal(convertPay(salary, 'week').amount, '1980.77');
  assert.equal(convertPay(salary, 'biweekly').amount, '3961.54');
  assert.equal(convertPay(salary, 'semimonthly').amount, '4291.67');
  assert.equal(convertPay(salary, 'month').amount, '8583.33');
  assert.equal(convertPay(salary, 'day').amount, '396.15');
});

test('conversions between periods that divide evenly come back exactly', () => {
  const weekly: Compensation = { amount: '1000.00', currency: 'USD', period: 'week' };
  assert.equal(convertPay(weekly, 'biweekly').amount, '2000.00');
  assert.equal(convertPay(convertPay(weekly, 'year'), 'week').amount, '1000.00');
  const monthly: Compensation = { amount: '5000.00', currency: 'EUR', period: 'month' };
  assert.equal(convertPay(convertPay(monthly, 'semimonthly'), 'month').amount, '5000.00');
});

test('the exact value has no drift: an hourly rate times the hours in a year is the salary to the cent', () => {
  const hourly = payInPeriod(salary, 'hour');
  const yearly = { num: hourly.num * periodsPerYear('hour').num, den: hourly.den };
  assert.equal(yearly.num % yearly.den, 0n);
  assert.equal(yearly.num / yearly.den, 103000n);
});

test('the working-week assumptions can be changed', () => {
  assert.equal(convertPay(salary, 'hour', { hoursPerWeek: 37.5 }).amount, '52.82');
  assert.equal(convertPay(salary, 'week', { weeksPerYear: '52.1429' }).amount, '1975.34');
  assert.throws(
    () => convertPay(salary, 'hour', { hoursPerWeek: 0 }),
    (err: unknown) =>
      err instanceof HrError && err.code === 'transform.pay_assumption_invalid' && /hoursPerWeek/.test(err.message),
  );
});

test('more decimal places can be kept for hourly rates', () => {
  assert.equal(convertPay(salary, 'hour', { scale: 4 }).amount, '49.5192');
});

test('a value exactly halfway rounds up by default and to even when asked', () => {
  const pay: Compensation = { amount: '1.05', currency: 'USD', period: 'year' };
  assert.equal(convertPay(pay, 'half_year').amount, '0.53');
  assert.equal(convertPay(pay, 'half_year', { rounding: 'half_even' }).amount, '0.52');
});

test('yen stay whole and dinars keep three decimals', () => {
  assert.equal(convertPay({ amount: '5000000', currency: 'JPY', period: 'year' }, 'month').amount, '416667');
  assert.equal(convertPay({ amount: '12000', currency: 'BHD', period: 'year' }, 'week').amount, '230.769');
});
