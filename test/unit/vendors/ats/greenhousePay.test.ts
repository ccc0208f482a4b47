import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  greenhouseCompensation,
  greenhouseEmploymentType,
  greenhouseStartDate,
  type CustomFields,
} from '../../../../lib/vendors/greenhouse/offerReading';
import type { AtsSettings } from '../../../../lib/vendors/ats';

const base: AtsSettings = { timeZone: 'UTC' };
// Custom fields as Greenhouse documents them on an offer (docs/vendors/greenhouse.md, "Custom fields").
const hourlyOffer: CustomFields = {
  wage: { name: 'Wage', type: 'currency', value: { amount: 32.5, unit: 'USD' } },
  pay_frequency: { name: 'Pay frequency', type: 'single_select', value: 'Hourly' },
  contract: { name: 'Contract', type: 'single_select', value: 'Part-time' },
  first_day: { name: 'First day', type: 'date', value: '2027-02-01' },
};

test('the pay, its period, the employment type and the start date come from the offer fields the connection names', () => {
  const settings: AtsSettings = {
    ...base,
    offerFields: { pay: 'wage', payPeriod: 'pay_frequency', employmentType: 'contract', startDate: 'first_day' },
  };
  const warnings: string[] = [];
  assert.deepEqual(greenhouseCompensation(hourlyOffer, settings, warnings), {
    amount: '32.5',
    currency: 'USD',
    period: 'hour',
  });
  assert.equal(greenhouseEmploymentType(hourlyOffer, undefined, settings), 'part_time');
  assert.equal(greenhouseStartDate(hourlyOffer, '2027-03-01', settings), '2027-02-01');
  assert.deepEqual(warnings, []);
});

test('a pay with no period on the offer and none declared keeps its period unknown, never "year"', () => {
  const pay = greenhouseCompensation(hourlyOffer, { ...base, offerFields: { pay: 'wage' } }, []);
  assert.deepEqual(pay, { amount: '32.5', currency: 'USD' });
});

test('a period the user declares on the connection applies when the offer carries none', () => {
  const pay = greenhouseCompensation(
    hourlyOffer,
    { ...base, offerFields: { pay: 'wage', declaredPayPeriod: 'year' } },
    [],
  );
  assert.deepEqual(pay, { amount: '32.5', currency: 'USD', period: 'year' });
});

test('the offer’s own period wins over the declared one', () => {
  const pay = greenhouseCompensation(
    hourlyOffer,
    { ...base, offerFields: { pay: 'wage', payPeriod: 'pay_frequency', declaredPayPeriod: 'year' } },
    [],
  );
  assert.equal(pay?.period, 'hour');
});

test('a period word nobody can read is named in a warning and the period stays unknown', () => {
  const fields: CustomFields = {
    ...hourlyOffer,
    pay_frequency: { name: 'Pay frequency', type: 'single_select', value: 'Per shift' },
  };
  const warnings: string[] = [];
  const pay = greenhouseCompensation(
    fields,
    { ...base, offerFields: { pay: 'wage', payPeriod: 'pay_frequency', declaredPayPeriod: 'year' } },
    warnings,
  );
  assert.equal(pay?.period, undefined);
  assert.match(warnings.join(' '), /Per shift/);
});

test('a compensation field Greenhouse flags with a frequency gives the period without any setting', () => {
  const fields: CustomFields = {
    base_pay: {
      name: 'Base pay',
      type: 'currency',
      value: { amount: 2500, unit: 'EUR' },
      compensation_type: 'base',
      frequency: 'monthly',
    },
  };
  assert.deepEqual(greenhouseCompensation(fields, base, []), { amount: '2500', currency: 'EUR', period: 'month' });
});

test('a pay field the connection names but the offer lacks is no pay at all, not another currency field', () => {
  assert.equal(greenhouseCompensation(hourlyOffer, { ...base, offerFields: { pay: 'salary' } }, []), undefined);
});
