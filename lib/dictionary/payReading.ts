/**
 * Reads the pay a record will send, wherever its target keeps it, as an exact canonical Compensation,
 * so the compensation check compares like with like. One format per shape of record:
 *
 * - `compensation`: an object `{ amount, currency, period }` at one path (default `compensation`): the
 *   canonical model's shape, and what the shipped generic-REST mapping sends.
 * - `bamboohr`: `payRate` as BambooHR returns it, "<amount> <CUR>" ("103000.00 USD"), or as an object
 *   `{ value, currency }` (the write format is unconfirmed, docs/vendors/bamboohr.md), with the period in
 *   `paidPer` (Hour, Day, Week, Month, Quarter, Year) or `payPer`, the name the brief used for it.
 * - `paths`: amount, currency and period each at a path of its own; the amount may carry its currency
 *   code as BambooHR's does, and the period is one of the canonical periods (hour … year).
 *
 * HiBob and Personio take pay in separate salary/compensation records, and their shipped mappings send
 * none: a check after those mappings finds no pay and has nothing to compare (choose `paths` after
 * adding pay to such a mapping). Paths use the mapping tables' syntax (lib/recordPath.ts),
 * alternatives included: `paidPer | payPer`.
 *
 * Amounts are read with the exact currency transforms (no floating point); a value that is there but
 * cannot be read is an HrError naming the field, never a silently skipped check.
 */
import { HrError } from '../errors';
import { Compensation, PayPeriod } from '../model/compensation';
import { BAMBOOHR_PAID_PER } from '../vendors/bamboohr/payPeriods';
import { type PathStep, parseSourcePath } from '../recordPath';
import { formatAmount, parseAmount } from '../transform/currency';
import { compileTranslation } from '../transform/translation';
import { describeIssues } from '../zodIssues';

export const PAY_FORMATS = ['compensation', 'bamboohr', 'paths'] as const;
export type PayFormat = (typeof PAY_FORMATS)[number];

export interface PayLocation {
  format: PayFormat;
  /** `compensation`: where the pay object is. */
  path?: string;
  /** `paths` (and `bamboohr`, to override its field names): where the amount, currency and period are. */
  amount?: string;
  currency?: string;
  period?: string;
}

/** The pay as read, and the record field it was read from (for messages and review items). */
export interface PayRead {
  pay: Compensation;
  field: string;
  /** The record's own values, as sent: what a reviewer sees next to the offer. */
  sent: Record<string, unknown>;
}

/** Returns the pay in the record, undefined when the record sends none, or throws validator.pay_unreadable. */
export type PayReader = (record: unknown) => PayRead | undefined;

const DEFAULTS: Record<PayFormat, Omit<PayLocation, 'format'>> = {
  compensation: { path: 'compensation' },
  bamboohr: { amount: 'payRate', period: 'paidPer | payPer' },
  paths: {},
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const missing = (v: unknown) => v === undefined || v === null || v === '';

function walk(value: unknown, steps: readonly PathStep[]): unknown {
  let at = value;
  for (const step of steps) {
    if (step.kind === 'field') at = isObject(at) ? at[step.name] : undefined;
    else if (step.kind === 'index') at = Array.isArray(at) ? at[step.index] : undefined;
    else
      at = Array.isArray(at)
        ? at.find((item) => isObject(item) && (String(item[step.field]) === step.value) !== step.negate)
        : undefined;
    if (missing(at)) return undefined;
  }
  return at;
}

const stepText = (steps: readonly PathStep[]) =>
  steps
    .map((s, i) =>
      s.kind === 'field'
        ? `${i ? '.' : ''}${s.name}`
        : s.kind === 'index'
          ? `[${s.index}]`
          : `[${s.field}${s.negate ? '!=' : '='}${s.value}]`,
    )
    .join('');

interface Located {
  field: string;
  value: unknown;
}

/** A configured path, checked on deploy; reading gives the first alternative with a value and its name. */
function compilePath(text: string, what: string): (record: unknown) => Located | undefined {
  const parsed = parseSourcePath(text);
  if (!parsed.ok)
    throw new HrError('validator.pay_path_invalid', `The ${what} path is not valid: ${parsed.message}.`, {
      field: what,
    });
  return (record) => {
    for (const steps of parsed.value) {
      const value = walk(record, steps);
      if (!missing(value)) return { field: stepText(steps), value };
    }
    return undefined;
  };
}

const unreadable = (field: string, message: string, cause?: unknown) =>
  new HrError('validator.pay_unreadable', `${field}: ${message}`, { field }, cause ? { cause } : undefined);

const CURRENCY_CODE = /(?:^|\s)([A-Z]{3})(?:\s|$)/;

/** "103,000.00 USD", "USD 103000", 103000 with a currency beside it, or BambooHR's `{ value, currency }`. */
function readAmount(located: Located, currencyBeside: Located | undefined): { amount: string; currency: string } {
  const { field } = located;
  let value = located.value;
  let currency = currencyBeside?.value;
  if (isObject(value)) {
    currency = value.currency ?? currency;
    value = value.value;
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw unreadable(field, `${JSON.stringify(value)} is not an amount such as "103000.00 USD".`);
  }
  const code =
    typeof currency === 'string' ? currency.trim().toUpperCase() : CURRENCY_CODE.exec(String(value).trim())?.[1];
  if (!code)
    throw unreadable(
      field,
      `"${value}" has no currency: write it as "103000.00 USD", or give the currency a path of its own.`,
    );
  try {
    return { amount: formatAmount(parseAmount(value, code), code), currency: code };
  } catch (err) {
    throw unreadable(field, (err as Error).message, err);
  }
}

/** Accepts the canonical period names in any case; BambooHR's words (Hour … Year) are those names capitalised. */
const canonicalPeriod = compileTranslation(Object.fromEntries(PayPeriod.options.map((p) => [p, p])), {
  loose: true,
  what: 'pay period',
});
const bambooPeriod = compileTranslation(
  Object.fromEntries(Object.entries(BAMBOOHR_PAID_PER).map(([ours, theirs]) => [theirs, ours])),
  { loose: true, what: 'BambooHR pay period' },
);

function readPeriod(located: Located | undefined, amountField: string, translate: (v: unknown) => string): PayPeriod {
  if (!located)
    throw unreadable(
      amountField,
      'the pay has an amount but no period (per hour, month, year…), so it cannot be compared with the offer.',
    );
  try {
    return translate(located.value) as PayPeriod;
  } catch (err) {
    throw unreadable(located.field, (err as Error).message, err);
  }
}

function objectReader(path: string): PayReader {
  const at = compilePath(path, 'pay');
  return (record) => {
    const located = at(record);
    if (!located) return undefined;
    const parsed = Compensation.safeParse(located.value);
    if (!parsed.success)
      throw unreadable(
        located.field,
        `not a pay of the form { amount, currency, period }: ${describeIssues(parsed.error, located.field)}.`,
      );
    return { pay: parsed.data, field: located.field, sent: { [located.field]: located.value } };
  };
}

function partsReader(
  location: Required<Pick<PayLocation, 'amount' | 'period'>> & Pick<PayLocation, 'currency'>,
  translatePeriod: (v: unknown) => string,
): PayReader {
  const amountAt = compilePath(location.amount, 'amount');
  const currencyAt = location.currency ? compilePath(location.currency, 'currency') : () => undefined;
  const periodAt = compilePath(location.period, 'period');
  return (record) => {
    const amount = amountAt(record);
    if (!amount) return undefined;
    const currency = currencyAt(record);
    const period = periodAt(record);
    const money = readAmount(amount, currency);
    const sent = Object.fromEntries(
      [amount, currency, period].filter((x): x is Located => !!x).map((x) => [x.field, x.value]),
    );
    return { pay: { ...money, period: readPeriod(period, amount.field, translatePeriod) }, field: amount.field, sent };
  };
}

/** Compiles the reader for a pay location once, on deploy; a bad path or a missing one is refused by name. */
export function compilePayReader(location: PayLocation | string): PayReader {
  const { format, ...given } =
    typeof location === 'string' ? { format: 'compensation' as const, path: location } : location;
  const set = Object.fromEntries(Object.entries(given).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
  const l = { ...DEFAULTS[format], ...set };
  switch (format) {
    case 'compensation':
      return objectReader(l.path ?? 'compensation');
    case 'bamboohr':
      return partsReader({ amount: l.amount!, period: l.period!, currency: l.currency }, bambooPeriod);
    case 'paths':
      if (!l.amount || !l.period) {
        throw new HrError(
          'validator.pay_path_invalid',
          'Reading pay from paths needs the path of the amount and of the period (the currency may be part of the amount).',
          { field: l.amount ? 'period' : 'amount' },
        );
      }
      return partsReader({ amount: l.amount, period: l.period, currency: l.currency }, canonicalPeriod);
    default:
      throw new HrError(
        'validator.pay_format_unknown',
        `"${String(format)}" is not a pay format; use one of ${PAY_FORMATS.join(', ')}.`,
      );
  }
}
