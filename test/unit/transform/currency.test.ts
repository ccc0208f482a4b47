import { test } from 'node:test';
import assert from 'node:assert/strict';
import { currencyExponent, formatAmount, parseAmount } from '../../../lib/transform/currency';
import { HrError } from '../../../lib/errors';

const isCode = (code: string, message?: RegExp) => (err: unknown) =>
  err instanceof HrError && err.code === code && (message === undefined || message.test(err.message));

test('a salary written with thousands separators becomes exact cents', () => {
  assert.equal(parseAmount('103,000.00', 'USD'), 10_300_000n);
  assert.equal(parseAmount('103000', 'USD'), 10_300_000n);
  assert.equal(parseAmount(103000, 'USD'), 10_300_000n);
  assert.equal(parseAmount(' 49.5 ', 'USD'), 4_950n);
});

test('BambooHR pay rates with a currency code next to the amount are read', () => {
  assert.equal(parseAmount('65000.00 USD', 'USD'), 6_500_000n);
  assert.equal(parseAmount('EUR 1,250.50', 'EUR'), 125_050n);
  assert.throws(() => parseAmount('65000.00 EUR', 'USD'), isCode('transform.currency_mismatch', /in EUR, not USD/));
});

test('each currency keeps its own number of decimals: yen none, dinar three', () => {
  assert.equal(currencyExponent('JPY'), 0);
  assert.equal(currencyExponent('USD'), 2);
  assert.equal(currencyExponent('BHD'), 3);
  assert.equal(parseAmount('5,000,000', 'JPY'), 5_000_000n);
  assert.equal(parseAmount('1.5', 'BHD'), 1_500n);
  assert.equal(parseAmount('1.234', 'BHD'), 1_234n);
});

test('an amount finer than the currency allows is refused, not rounded', () => {
  assert.throws(() => parseAmount('1000.5', 'JPY'), isCode('transform.amount_precision', /JPY allows \(0\)/));
  assert.throws(() => parseAmount('10.005', 'USD'), isCode('transform.amount_precision'));
  assert.throws(
    () => parseAmount(0.1 + 0.2, 'USD'),
    isCode('transform.amount_precision'),
    'floating-point noise is caught',
  );
  assert.equal(parseAmount('10.500', 'USD'), 1_050n, 'trailing zeros lose nothing');
});

test('amounts that could be misread are refused', () => {
  assert.throws(() => parseAmount('103.000,00', 'EUR'), isCode('transform.amount_invalid', /"103.000,00"/));
  assert.throws(() => parseAmount('1,03,000', 'INR'), isCode('transform.amount_invalid'));
  assert.throws(() => parseAmount('$103,000', 'USD'), isCode('transform.amount_invalid'));
  assert.throws(() => parseAmount(Number.NaN, 'USD'), isCode('transform.amount_invalid'));
  assert.throws(() => parseAmount(1e21, 'USD'), isCode('transform.amount_invalid'));
});

test('an unknown currency code is refused', () => {
  assert.throws(() => parseAmount('100', 'XYZ'), isCode('transform.currency_unknown', /"XYZ"/));
  assert.throws(() => parseAmount('100', 'usd'), isCode('transform.currency_unknown'));
});

test('minor units are written back as a decimal amount, optionally grouped', () => {
  assert.equal(formatAmount(10_300_000n, 'USD'), '103000.00');
  assert.equal(formatAmount(10_300_000n, 'USD', { grouping: true }), '103,000.00');
  assert.equal(formatAmount(5_000_000n, 'JPY', { grouping: true }), '5,000,000');
  assert.equal(formatAmount(1_234n, 'BHD'), '1.234');
  assert.equal(formatAmount(5n, 'USD'), '0.05');
  assert.equal(formatAmount(-150n, 'USD'), '-1.50');
});

test('parsing then formatting gives the amount back', () => {
  for (const [text, currency] of [
    ['103,000.00', 'USD'],
    ['0.07', 'EUR'],
    ['12,345,678', 'KRW'],
    ['99.999', 'KWD'],
  ] as const) {
    assert.equal(formatAmount(parseAmount(text, currency), currency, { grouping: true }), text);
  }
});
