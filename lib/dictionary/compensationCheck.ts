import { HrError } from '../errors';
import { Compensation } from '../model/compensation';
import { currencyExponent } from '../transform/currency';
import {
  type Ratio,
  absolute,
  compare,
  divide,
  multiply,
  parseDecimal,
  ratio,
  subtract,
  toDecimal,
} from '../transform/decimal';
import { type PayAssumptions, payInPeriod } from '../transform/pay';
import { type PayBounds, implausiblePay, periodWords } from './payBounds';
import type { PayRead, PayReader } from './payReading';

export interface ReviewItem {
  field: string;
  rule: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface CompensationCheck {
  /** Reads the pay the record will send (see payReading.ts). */
  pay: PayReader;
  /** Dotted path of the offer's compensation in the canonical hire (default `offer.compensation`). */
  offer: string;
  /** Largest allowed relative difference, as a fraction: 0.02 is 2 %. */
  threshold: Ratio;
  assumptions: Partial<PayAssumptions>;
  /** Hourly bounds per currency for the plausibility rule; absent or false: the rule is off. */
  bounds?: PayBounds | false;
}

/** What the check found: review items, or the error that the record's pay cannot be read. */
export interface CompensationFindings {
  review: ReviewItem[];
  unreadable?: { field: string; rule: 'payUnreadable'; message: string };
}

const valueAt = (record: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      record,
    );

const money = (pay: Compensation, amount: string = pay.amount) =>
  `${amount} ${pay.currency} per ${pay.period ? pay.period.replace('_', ' ') : 'unknown period'}`;

const percent = (fraction: Ratio, places: number) =>
  `${toDecimal(multiply(fraction, ratio(100n)), places, 'half_up')
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '')} %`;

/** Reads a threshold such as 0.02 or "0.02" exactly. */
export function varianceThreshold(value: number | string): Ratio {
  const text = String(value);
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new HrError(
      'validator.threshold_invalid',
      `The variance threshold must be a fraction such as 0.02, not ${JSON.stringify(value)}.`,
    );
  }
  return parseDecimal(text);
}

/**
 * What the offer's own pay says before any comparison: a pay with no period is held ("pay period
 * unknown", never read as yearly), and an amount implausible for its period is held showing the
 * readings that would be plausible ("32.50 USD per year — did you mean per hour?").
 */
function offerFindings(offer: Compensation, check: CompensationCheck): ReviewItem[] {
  const field = check.offer;
  if (!offer.period) {
    const message = `Pay period unknown: the offer's pay of ${offer.amount} ${offer.currency} does not say per what (hour, month, year…), so it is held and not written. Name the offer field that holds the period, or declare the period, on the ATS connection.`;
    return [{ field, rule: 'pay_period_unknown', message, details: { expected: offer } }];
  }
  const odd = check.bounds ? implausiblePay(offer, check.bounds, check.assumptions) : undefined;
  if (!odd) return [];
  const guess = odd.readings.length
    ? `did you mean per ${periodWords(odd.readings[0]!)}?`
    : 'it is implausible in every period; check the amount.';
  const message = `${money(offer)} — ${guess} Full time, that is ${odd.hourly} ${offer.currency} an hour, ${odd.direction} the ${odd.bound} ${offer.currency} the data dictionary's pay bounds allow.`;
  return [
    {
      field,
      rule: 'pay_implausible',
      message,
      details: { expected: offer, hourly: odd.hourly, bound: odd.bound, readings: odd.readings },
    },
  ];
}

/**
 * Checks the offer's pay (see offerFindings), then compares the pay the record will send with the
 * offer's after converting it to the offer's period (exactly, with no rounding), so a salary pushed
 * into an hourly field or a month's pay written as a year's shows up. Differences above the threshold
 * go to review with both figures; a record that sends no pay, or an offer without one, has nothing to
 * compare.
 */
export function checkCompensation(
  record: unknown,
  offerSource: unknown,
  check: CompensationCheck,
): CompensationFindings {
  const expected = Compensation.safeParse(valueAt(offerSource, check.offer));
  if (!expected.success) return { review: [] };
  const e = expected.data;
  const own = offerFindings(e, check);
  // With no period on the offer the record's pay cannot be right either: one reason, not two.
  if (!e.period) return { review: own };
  const compared = compareWithOffer(record, { ...e, period: e.period }, check);
  return { ...compared, review: [...own, ...compared.review] };
}

function compareWithOffer(
  record: unknown,
  e: Compensation & { period: NonNullable<Compensation['period']> },
  check: CompensationCheck,
): CompensationFindings {
  let read: PayRead | undefined;
  try {
    read = check.pay(record);
  } catch (err) {
    if (err instanceof HrError && err.code === 'validator.pay_unreadable') {
      return {
        review: [],
        unreadable: { field: String(err.details?.field ?? ''), rule: 'payUnreadable', message: err.message },
      };
    }
    throw err;
  }
  if (!read) return { review: [] };
  const a = read.pay;
  const details = { actual: a, expected: e, sent: read.sent };
  if (a.currency !== e.currency) {
    const message = `The pay sent in ${read.field}, ${money(a)}, is in another currency than the offer's ${money(e)}; the two cannot be compared without an exchange rate.`;
    return { review: [{ field: read.field, rule: 'compensation_currency', message, details }] };
  }
  if (!a.period) {
    const message = `Pay period unknown: ${money(a)} is sent in ${read.field} against the offer's ${money(e)}. Map the offer's period to the record's period field.`;
    return { review: [{ field: read.field, rule: 'pay_period_unknown', message, details }] };
  }
  const inOfferPeriod = payInPeriod(a, e.period, check.assumptions);
  const offered = parseDecimal(e.amount);
  const difference = absolute(subtract(inOfferPeriod, offered));
  const variance = offered.num === 0n ? undefined : divide(difference, absolute(offered));
  if (variance ? compare(variance, check.threshold) <= 0 : difference.num === 0n) return { review: [] };

  const converted = toDecimal(inOfferPeriod, currencyExponent(a.currency), 'half_up');
  const direction = compare(inOfferPeriod, offered) > 0 ? 'above' : 'below';
  const shown = a.period === e.period ? money(a) : `${money(a)} (${money(e, converted)})`;
  const how = variance ? `${percent(variance, 2)} ${direction}` : direction;
  return {
    review: [
      {
        field: read.field,
        rule: 'compensation_variance',
        message: `The pay sent in ${read.field}, ${shown}, is ${how} the offer's ${money(e)}, more than the ${percent(check.threshold, 4)} allowed.`,
        details: {
          ...details,
          actualInOfferPeriod: converted,
          variance: variance ? toDecimal(variance, 6, 'half_up') : undefined,
        },
      },
    ],
  };
}
