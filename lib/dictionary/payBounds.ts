import { z } from 'zod';
import type { Compensation, PayPeriod } from '../model/compensation';
import { CurrencyCode } from '../model/primitives';
import { currencyExponent } from '../transform/currency';
import { type Ratio, compare, parseDecimal, toDecimal } from '../transform/decimal';
import { type PayAssumptions, payInPeriod } from '../transform/pay';

const Decimal = z.string().regex(/^\d+(\.\d+)?$/, 'must be a decimal number such as 7.25');

/**
 * The hourly pay a hire can plausibly have, per currency: below `minHourly` for full-time work, or
 * above `maxHourly`, the amount was most likely read with the wrong period. Bounds, not law: a review
 * item, never a refusal.
 */
export const PayBound = z
  .object({ minHourly: Decimal, maxHourly: Decimal })
  .refine((b) => compare(parseDecimal(b.minHourly), parseDecimal(b.maxHourly)) < 0, {
    path: ['maxHourly'],
    message: 'must be more than minHourly',
  });
export const PayBounds = z.record(CurrencyCode, PayBound);
export type PayBounds = z.infer<typeof PayBounds>;

/**
 * Shipped bounds, meant to be edited in the dictionary: the minimum is at or under the lowest national
 * (or federal) minimum wage of the currency's main country (US federal 7.25 USD, dol.gov/agencies/whd/minimum-wage;
 * UK National Living Wage, gov.uk/national-minimum-wage-rates; German Mindestlohn, bmas.de), rounded down so
 * that apprentice and regional rates still pass; the ceiling is a round figure far above any hourly wage.
 */
export const DEFAULT_PAY_BOUNDS: PayBounds = {
  USD: { minHourly: '7.25', maxHourly: '1000' },
  EUR: { minHourly: '5', maxHourly: '1000' },
  GBP: { minHourly: '5', maxHourly: '800' },
  CAD: { minHourly: '10', maxHourly: '1400' },
  AUD: { minHourly: '15', maxHourly: '1500' },
  CHF: { minHourly: '10', maxHourly: '1000' },
};

export interface Implausible {
  /** The pay per hour under the working-year assumptions, rounded for display. */
  hourly: string;
  direction: 'below' | 'above';
  bound: string;
  /** Periods in which the same amount would be plausible, the likeliest (as offers are usually written) first. */
  readings: PayPeriod[];
}

// The periods a user might have meant, in the order offers are usually written.
const READINGS: PayPeriod[] = [
  'hour',
  'year',
  'month',
  'day',
  'week',
  'biweekly',
  'semimonthly',
  'quarter',
  'half_year',
];

const plausible = (hourly: Ratio, min: Ratio, max: Ratio) => compare(hourly, min) >= 0 && compare(hourly, max) <= 0;

/** Undefined when the pay is plausible, its currency has no bounds, or its period is unknown. */
export function implausiblePay(
  pay: Compensation,
  bounds: PayBounds,
  assumptions: Partial<PayAssumptions>,
): Implausible | undefined {
  const bound = bounds[pay.currency];
  if (!bound || !pay.period) return undefined;
  const min = parseDecimal(bound.minHourly);
  const max = parseDecimal(bound.maxHourly);
  const hourly = payInPeriod(pay, 'hour', assumptions);
  if (plausible(hourly, min, max)) return undefined;
  const below = compare(hourly, min) < 0;
  const readings = READINGS.filter(
    (period) => period !== pay.period && plausible(payInPeriod({ ...pay, period }, 'hour', assumptions), min, max),
  );
  return {
    hourly: toDecimal(hourly, currencyExponent(pay.currency), 'half_up'),
    direction: below ? 'below' : 'above',
    bound: below ? bound.minHourly : bound.maxHourly,
    readings,
  };
}

export const periodWords = (period: PayPeriod): string => period.replace('_', ' ');
