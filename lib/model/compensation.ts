import { z } from 'zod';
import { CurrencyCode, DecimalAmount } from './primitives';

/**
 * How often an amount is paid. Beyond the usual six, day, quarter and half_year exist because
 * BambooHR `paidPer` and Merge `pay_period` use them and mapping them to something else would lose data.
 */
export const PayPeriod = z.enum([
  'hour',
  'day',
  'week',
  'biweekly',
  'semimonthly',
  'month',
  'quarter',
  'half_year',
  'year',
]);
export type PayPeriod = z.infer<typeof PayPeriod>;

/**
 * An amount of money as an exact decimal string. Its precision is not capped at the currency's minor
 * unit: hourly rates are often agreed to four decimals.
 */
export const Money = z.object({ amount: DecimalAmount, currency: CurrencyCode });
export type Money = z.infer<typeof Money>;

/**
 * `period` is absent when neither the offer nor the ATS connection says how often the amount is paid:
 * it is never guessed, and the validator holds such a pay for review ("pay period unknown").
 */
export const Compensation = Money.extend({ period: PayPeriod.optional() });
export type Compensation = z.infer<typeof Compensation>;
