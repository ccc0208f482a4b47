import { HrError } from '../errors';
import type { Compensation, PayPeriod } from '../model/compensation';
import { currencyExponent } from './currency';
import { type Ratio, type Rounding, divide, multiply, parseDecimal, ratio, toDecimal } from './decimal';

/**
 * What a working year looks like, needed to turn hourly, daily, weekly and biweekly pay into each
 * other and into calendar periods. Defaults: 40 hours a week, 5 days a week, 52 weeks a year
 * (2080 hours). A UK employer might set 37.5 hours; someone counting 365/7 weeks might set 52.1429.
 */
export interface PayAssumptions {
  hoursPerWeek: number | string;
  daysPerWeek: number | string;
  weeksPerYear: number | string;
}

export const DEFAULT_PAY_ASSUMPTIONS: PayAssumptions = { hoursPerWeek: 40, daysPerWeek: 5, weeksPerYear: 52 };

export interface PayConversionOptions extends Partial<PayAssumptions> {
  /** Decimal places of the result; default the currency's minor unit (2 for USD). */
  scale?: number;
  /** Default `half_up` (see Rounding). */
  rounding?: Rounding;
}

function positive(value: number | string, name: keyof PayAssumptions): Ratio {
  const text = String(value);
  const parsed = /^\d+(\.\d+)?$/.test(text) ? parseDecimal(text) : undefined;
  if (!parsed || parsed.num === 0n) {
    throw new HrError('transform.pay_assumption_invalid', `${name} must be a positive number, not "${text}".`);
  }
  return parsed;
}

/** How many times the period occurs in a year, exactly, under the assumptions. */
export function periodsPerYear(period: PayPeriod, assumptions: Partial<PayAssumptions> = {}): Ratio {
  const a = { ...DEFAULT_PAY_ASSUMPTIONS, ...assumptions };
  const weeks = positive(a.weeksPerYear, 'weeksPerYear');
  switch (period) {
    case 'hour':
      return multiply(positive(a.hoursPerWeek, 'hoursPerWeek'), weeks);
    case 'day':
      return multiply(positive(a.daysPerWeek, 'daysPerWeek'), weeks);
    case 'week':
      return weeks;
    case 'biweekly':
      return divide(weeks, ratio(2n));
    case 'semimonthly':
      return ratio(24n);
    case 'month':
      return ratio(12n);
    case 'quarter':
      return ratio(4n);
    case 'half_year':
      return ratio(2n);
    case 'year':
      return ratio(1n);
  }
}

/** A pay whose period nobody stated cannot be converted: it is never assumed to be yearly. */
function knownPeriod(pay: Compensation): PayPeriod {
  if (pay.period) return pay.period;
  throw new HrError(
    'transform.pay_period_unknown',
    `The pay ${pay.amount} ${pay.currency} has no known period, so it cannot be converted.`,
  );
}

/** The exact value of the pay in another period, unrounded; for comparisons such as the variance check. */
export function payInPeriod(pay: Compensation, period: PayPeriod, assumptions: Partial<PayAssumptions> = {}): Ratio {
  let amount: Ratio;
  try {
    amount = parseDecimal(pay.amount);
  } catch {
    throw new HrError('transform.amount_invalid', `The pay amount "${pay.amount}" is not a decimal number.`);
  }
  return divide(multiply(amount, periodsPerYear(knownPeriod(pay), assumptions)), periodsPerYear(period, assumptions));
}

/**
 * Converts pay between periods, e.g. 103000.00 USD a year → 49.52 USD an hour at 2080 hours a year.
 * The arithmetic is exact; the only rounding is the final one, to `scale` places.
 */
export function convertPay(pay: Compensation, to: PayPeriod, options: PayConversionOptions = {}): Compensation {
  const { scale = currencyExponent(pay.currency), rounding = 'half_up', ...assumptions } = options;
  if (!Number.isInteger(scale) || scale < 0) {
    throw new HrError(
      'transform.pay_assumption_invalid',
      `scale must be a whole number of decimal places, not ${scale}.`,
    );
  }
  return { amount: toDecimal(payInPeriod(pay, to, assumptions), scale, rounding), currency: pay.currency, period: to };
}
