import { HrError } from '../errors';
import { CURRENCY_EXPONENTS } from '../model/currencies';
import { unitsToDecimal } from './decimal';

/** Digits after the decimal point in the currency's minor unit: JPY 0, USD 2, BHD 3. */
export function currencyExponent(currency: string): number {
  const exponent = CURRENCY_EXPONENTS.get(currency);
  if (exponent === undefined) {
    throw new HrError(
      'transform.currency_unknown',
      `"${currency}" is not an ISO 4217 currency code such as USD or EUR.`,
    );
  }
  return exponent;
}

// An optional currency code before or after the number ("65000.00 USD" is how BambooHR returns payRate),
// a sign, digits grouped by commas in threes or not at all, and decimals after a point.
const AMOUNT = /^(?:([A-Z]{3})\s+)?(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s+([A-Z]{3}))?$/;

/**
 * Reads an amount ("103,000.00", "103000", 103000, "65000.00 USD") as an exact count of the
 * currency's minor units (cents for USD). Decimal commas ("103.000,00") are refused rather than
 * guessed, and so is any amount finer than the currency's minor unit.
 */
export function parseAmount(value: string | number, currency: string): bigint {
  const exponent = currencyExponent(currency);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new HrError('transform.amount_invalid', `${value} is not an amount of money.`);
  }
  const text = String(value).trim();
  const match = AMOUNT.exec(text);
  if (!match) {
    throw new HrError(
      'transform.amount_invalid',
      `"${text}" is not an amount: write digits with an optional "." for decimals, e.g. 103000.00 or 103,000.00.`,
    );
  }
  const [, codeBefore, sign, whole, fraction = '', codeAfter] = match;
  const code = codeBefore ?? codeAfter;
  if (code !== undefined && code !== currency) {
    throw new HrError('transform.currency_mismatch', `"${text}" is in ${code}, not ${currency}.`);
  }
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) {
    throw new HrError(
      'transform.amount_precision',
      `"${text}" has more decimals than ${currency} allows (${exponent}); it cannot be paid exactly.`,
    );
  }
  return BigInt(`${sign}${whole.replace(/,/g, '')}${significant.padEnd(exponent, '0')}`);
}

/** 1234567 → 1,234,567, in one pass (a lookahead per digit would be quadratic in the length). */
function groupThousands(digits: string): string {
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/** Writes minor units back as a decimal amount: 10300000n USD → "103000.00", or "103,000.00" with grouping. */
export function formatAmount(minorUnits: bigint, currency: string, options: { grouping?: boolean } = {}): string {
  const plain = unitsToDecimal(minorUnits, currencyExponent(currency));
  if (!options.grouping) return plain;
  return plain.replace(/^(-?)(\d+)/, (_, sign: string, whole: string) => sign + groupThousands(whole));
}
