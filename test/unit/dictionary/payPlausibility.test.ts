import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileValidator } from '../../../lib/dictionary/validator';
import { defaultDictionary } from '../../../lib/dictionary/defaultDictionary';
import { DEFAULT_PAY_BOUNDS, implausiblePay } from '../../../lib/dictionary/payBounds';
import { dictionaryFromJson } from '../../../lib/dictionary/jsonDictionary';
import { bambooRecord, hireWithPay } from './payFixtures';

const payCheck = compileValidator(defaultDictionary, { fields: false, compensation: { pay: { format: 'bamboohr' } } });

test('32.50 USD per year is held for review, asking whether it meant per hour', () => {
  const hire = hireWithPay({ amount: '32.50', currency: 'USD', period: 'year' });
  const report = payCheck(bambooRecord('32.50 USD', 'Year'), hire);
  assert.equal(report.status, 'review');
  assert.equal(report.review[0]?.rule, 'pay_implausible');
  assert.match(report.review[0]?.message ?? '', /^32\.50 USD per year — did you mean per hour\?/);
  assert.match(report.review[0]?.message ?? '', /0\.02 USD an hour, below the 7\.25 USD/);
});

test('103000 USD per hour is held for review, asking whether it meant per year', () => {
  const report = payCheck(
    bambooRecord('103000.00 USD', 'Hour'),
    hireWithPay({ amount: '103000.00', currency: 'USD', period: 'hour' }),
  );
  assert.equal(report.review[0]?.rule, 'pay_implausible');
  assert.match(report.review[0]?.message ?? '', /^103000\.00 USD per hour — did you mean per year\?/);
});

test('a yearly salary and an hourly wage within the bounds pass', () => {
  assert.equal(
    payCheck(
      bambooRecord('103000.00 USD', 'Year'),
      hireWithPay({ amount: '103000.00', currency: 'USD', period: 'year' }),
    ).status,
    'valid',
  );
  assert.equal(
    payCheck(bambooRecord('32.50 USD', 'Hour'), hireWithPay({ amount: '32.50', currency: 'USD', period: 'hour' }))
      .status,
    'valid',
  );
});

test('the bounds are exact at the edges: the minimum itself is plausible, a cent under it is not', () => {
  const bounds = DEFAULT_PAY_BOUNDS;
  assert.equal(implausiblePay({ amount: '7.25', currency: 'USD', period: 'hour' }, bounds, {}), undefined);
  assert.equal(implausiblePay({ amount: '7.24', currency: 'USD', period: 'hour' }, bounds, {})?.direction, 'below');
  assert.equal(implausiblePay({ amount: '1000', currency: 'USD', period: 'hour' }, bounds, {}), undefined);
  assert.equal(implausiblePay({ amount: '1000.01', currency: 'USD', period: 'hour' }, bounds, {})?.direction, 'above');
  // 15080 = 7.25 × 2080: the full-time yearly minimum.
  assert.equal(implausiblePay({ amount: '15080', currency: 'USD', period: 'year' }, bounds, {}), undefined);
  assert.equal(implausiblePay({ amount: '15079', currency: 'USD', period: 'year' }, bounds, {})?.direction, 'below');
});

test('bounds come from the dictionary when it has them, per currency', () => {
  const dictionary = dictionaryFromJson({
    ...defaultDictionary,
    payBounds: { USD: { minHourly: '40', maxHourly: '100' } },
  });
  const strict = compileValidator(dictionary, { fields: false, compensation: { pay: { format: 'bamboohr' } } });
  const report = strict(
    bambooRecord('32.50 USD', 'Hour'),
    hireWithPay({ amount: '32.50', currency: 'USD', period: 'hour' }),
  );
  assert.equal(report.review[0]?.rule, 'pay_implausible');
  assert.throws(
    () => dictionaryFromJson({ ...defaultDictionary, payBounds: { USD: { minHourly: '100', maxHourly: '40' } } }),
    /payBounds\.USD\.maxHourly: must be more than minHourly/,
  );
});

test('a currency without bounds and a switched-off rule check nothing', () => {
  assert.equal(
    payCheck(bambooRecord('32.50 SEK', 'Year'), hireWithPay({ amount: '32.50', currency: 'SEK', period: 'year' }))
      .status,
    'valid',
  );
  const off = compileValidator(defaultDictionary, {
    fields: false,
    plausibility: false,
    compensation: { pay: { format: 'bamboohr' } },
  });
  assert.equal(
    off(bambooRecord('32.50 USD', 'Year'), hireWithPay({ amount: '32.50', currency: 'USD', period: 'year' })).status,
    'valid',
  );
});

test('an offer pay with no period is held as "pay period unknown", never compared as yearly', () => {
  const hire = hireWithPay({ amount: '32.50', currency: 'USD' });
  const report = payCheck({ firstName: 'Ana', payRate: '32.50 USD' }, hire);
  assert.equal(report.status, 'review');
  assert.deepEqual(report.errors, []);
  assert.deepEqual(
    report.review.map((r) => r.rule),
    ['pay_period_unknown'],
  );
  assert.match(
    report.review[0]?.message ?? '',
    /^Pay period unknown: the offer's pay of 32\.50 USD does not say per what/,
  );
});
