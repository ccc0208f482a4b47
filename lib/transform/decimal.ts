import { HrError } from '../errors';

/**
 * An exact rational number. Money and pay conversions are done in these, never in floating point,
 * so 103000 / 2080 * 2080 is exactly 103000 again and a cent is never lost to binary rounding.
 */
export interface Ratio {
  readonly num: bigint;
  /** Always positive. */
  readonly den: bigint;
}

/**
 * How a value exactly halfway between two results is rounded. `half_up` rounds away from zero
 * (what a payroll clerk with a calculator does, and the default); `half_even` rounds to the even
 * neighbour (banker's rounding, which does not drift upwards when many amounts are summed).
 */
export type Rounding = 'half_up' | 'half_even';

const abs = (n: bigint): bigint => (n < 0n ? -n : n);
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? abs(a) : gcd(b, a % b));

export function ratio(num: bigint, den: bigint = 1n): Ratio {
  if (den === 0n) throw new HrError('transform.division_by_zero', 'A conversion divided by zero.');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den);
  return { num: (sign * num) / g, den: (sign * den) / g };
}

/** Reads a plain decimal such as "-103000.125"; anything else is `transform.amount_invalid`. */
export function parseDecimal(text: string): Ratio {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new HrError('transform.amount_invalid', `"${text}" is not a decimal number.`);
  const [, sign, whole, fraction = ''] = match;
  const num = BigInt(`${sign}${whole}${fraction}`);
  return ratio(num, 10n ** BigInt(fraction.length));
}

export const multiply = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.num, a.den * b.den);
export const divide = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den, a.den * b.num);
export const subtract = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den - b.num * a.den, a.den * b.den);
export const absolute = (a: Ratio): Ratio => ratio(abs(a.num), a.den);
export const compare = (a: Ratio, b: Ratio): number => {
  const d = a.num * b.den - b.num * a.den;
  return d === 0n ? 0 : d < 0n ? -1 : 1;
};

/** The value rounded to `scale` decimal places, as an integer count of 10^-scale units. */
function roundToUnits(value: Ratio, scale: number, rounding: Rounding): bigint {
  const scaled = value.num * 10n ** BigInt(scale);
  const quotient = scaled / value.den;
  const twiceRemainder = 2n * abs(scaled % value.den);
  const away = value.num < 0n ? -1n : 1n;
  if (twiceRemainder > value.den) return quotient + away;
  if (twiceRemainder < value.den) return quotient;
  if (rounding === 'half_up') return quotient + away;
  return quotient % 2n === 0n ? quotient : quotient + away;
}

/** Writes an integer count of 10^-scale units as a decimal string with exactly `scale` places. */
export function unitsToDecimal(units: bigint, scale: number): string {
  const digits = abs(units)
    .toString()
    .padStart(scale + 1, '0');
  const sign = units < 0n ? '-' : '';
  if (scale === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

export function toDecimal(value: Ratio, scale: number, rounding: Rounding): string {
  return unitsToDecimal(roundToUnits(value, scale, rounding), scale);
}
