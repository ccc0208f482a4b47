import { HrError } from '../errors';
import { Compensation } from '../model/compensation';
import { currencyExponent } from '../transform/currency';
import { type Ratio, absolute, compare, divide, multiply, parseDecimal, ratio, subtract, toDecimal } from '../transform/decimal';
import { type PayAssumptions, payInPeriod } from '../transform/pay';

export interface ReviewItem {
  field: string;
  rule: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface CompensationCheck {
  /** Dotted path of the compensation being written (default `compensation`). */
  actual: string;
  /** Dotted path of the offer's compensation it must agree with, in the canonical hire if given (default `offer.compensation`). */
  expected: string;
  /** Largest allowed relative difference, as a fraction: 0.02 is 2 %. */
  threshold: Ratio;
  assumptions: Partial<PayAssumptions>;
}

const valueAt = (record: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), record);

const money = (pay: Compensation, amount: string = pay.amount) => `${amount} ${pay.currency} per ${pay.period.replace('_', ' ')}`;

const percent = (fraction: Ratio, places: number) => `${toDecimal(multiply(fraction, ratio(100n)), places, 'half_up').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')} %`;

/** Reads a threshold such as 0.02 or "0.02" exactly. */
export function varianceThreshold(value: number | string): Ratio {
  const text = String(value);
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new HrError('validator.threshold_invalid', `The variance threshold must be a fraction such as 0.02, not ${JSON.stringify(value)}.`);
  }
  return parseDecimal(text);
}

/**
 * Compares the compensation being written with the offer's after converting it to the offer's period
 * (exactly, with no rounding), so a salary pushed into an hourly field or a month's pay written as a
 * year's shows up. Differences above the threshold go to review with both figures.
 */
export function compensationReview(record: unknown, offerSource: unknown, check: CompensationCheck): ReviewItem[] {
  const actual = Compensation.safeParse(valueAt(record, check.actual));
  const expected = Compensation.safeParse(valueAt(offerSource, check.expected));
  if (!actual.success || !expected.success) return [];
  const a = actual.data;
  const e = expected.data;
  const details = { actual: a, expected: e };
  if (a.currency !== e.currency) {
    return [
      {
        field: check.actual,
        rule: 'compensation_currency',
        message: `Compensation ${money(a)} is in a different currency from the offer's ${money(e)}.`,
        details,
      },
    ];
  }
  const inOfferPeriod = payInPeriod(a, e.period, check.assumptions);
  const offered = parseDecimal(e.amount);
  const difference = absolute(subtract(inOfferPeriod, offered));
  const variance = offered.num === 0n ? undefined : divide(difference, absolute(offered));
  if (variance ? compare(variance, check.threshold) <= 0 : difference.num === 0n) return [];

  const converted = toDecimal(inOfferPeriod, currencyExponent(a.currency), 'half_up');
  const direction = compare(inOfferPeriod, offered) > 0 ? 'above' : 'below';
  const shown = a.period === e.period ? money(a) : `${money(a)} (${money(e, converted)})`;
  const how = variance ? `${percent(variance, 2)} ${direction}` : direction;
  return [
    {
      field: check.actual,
      rule: 'compensation_variance',
      message: `Compensation ${shown} is ${how} the offer's ${money(e)}, more than the ${percent(check.threshold, 4)} allowed.`,
      details: { ...details, actualInOfferPeriod: converted, variance: variance ? toDecimal(variance, 6, 'half_up') : undefined },
    },
  ];
}
