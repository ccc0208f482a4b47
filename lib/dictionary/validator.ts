import type { z } from 'zod';
import type { PayAssumptions } from '../transform/pay';
import { periodsPerYear } from '../transform/pay';
import { type ReviewItem, checkCompensation, varianceThreshold } from './compensationCheck';
import type { Dictionary, DictionaryField, FieldType } from './field';
import { unreadableContacts } from './contactCheck';
import { DEFAULT_PAY_BOUNDS, type PayBounds } from './payBounds';
import { type PayLocation, compilePayReader } from './payReading';
import { recordSchema } from './recordSchema';

export type { ReviewItem } from './compensationCheck';

export interface ValidationError {
  /** Dotted path in the record, with list positions: `person.emails.0.address`. */
  field: string;
  /** required | type | format | maxLength | allowedValues | payUnreadable, or an extra rule's name. */
  rule: string;
  message: string;
}

export interface ValidationReport {
  status: 'valid' | 'invalid' | 'review';
  errors: ValidationError[];
  review: ReviewItem[];
}

/** A rule beyond the dictionary's; what it finds is an error or goes to review. */
export type ExtraRule = (
  record: unknown,
) => (ValidationError & { severity: 'error' | 'review'; details?: Record<string, unknown> })[];

export interface ValidatorOptions {
  /** Largest allowed difference between the compensation written and the offer's, as a fraction; default 0.02 (2 %). */
  varianceThreshold?: number | string;
  payAssumptions?: Partial<PayAssumptions>;
  /**
   * Where the pay the record sends is (a PayLocation, or the path of a `{ amount, currency, period }`
   * object; default `compensation`) and where the offer's compensation is in the canonical hire
   * (default `offer.compensation`); false to skip the check.
   */
  compensation?: { pay?: PayLocation | string; offer?: string } | false;
  /**
   * The plausibility rule: an offer's pay implausible for its period goes to review. Default on, with
   * the dictionary's pay bounds (else the shipped ones); false to switch it off.
   */
  plausibility?: boolean;
  /** Hold for review a record whose mapper left behind a value the dictionary marks required (msg.mapping.notSent). */
  holdNotSent?: boolean;
  /** false to check only the pay, for a record that is not shaped like the dictionary (a mapped target record). */
  fields?: boolean;
  rules?: readonly ExtraRule[];
}

const TYPE_WORDS: Record<FieldType, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  date: 'a date written YYYY-MM-DD',
  datetime: 'an ISO 8601 date-time with an offset',
  email: 'an email address',
  phone: 'an E.164 phone number',
  money: 'an amount with a currency',
  enum: 'one of the allowed values',
  object: 'an object',
};

const ZOD_TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** `person.emails.0.address` → `person.emails[].address`, the dictionary's name for it. */
const dictionaryName = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (name, key) => (typeof key === 'number' ? `${name}[]` : name ? `${name}.${String(key)}` : String(key)),
    '',
  );

function toValidationError(issue: z.core.$ZodIssue, fields: ReadonlyMap<string, DictionaryField>): ValidationError {
  const field = issue.path.map(String).join('.') || '(record)';
  const declared = fields.get(dictionaryName(issue.path));
  const label = declared?.label ?? (issue.path.length ? field : 'The record');
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined || issue.input === null)
      return { field, rule: 'required', message: `${label} is required.` };
    const expected = declared ? TYPE_WORDS[declared.type] : (ZOD_TYPE_WORDS[issue.expected] ?? issue.expected);
    return { field, rule: 'type', message: `${label} must be ${expected}.` };
  }
  if (issue.code === 'custom') {
    // The model's own refinements (country and currency codes) are format checks.
    const rule = typeof issue.params?.rule === 'string' ? issue.params.rule : 'format';
    return { field, rule, message: `${label} ${issue.message}.` };
  }
  const rule =
    issue.code === 'invalid_format' ? 'format' : issue.code === 'invalid_value' ? 'allowedValues' : issue.code;
  return { field, rule, message: `${label}: ${issue.message}.` };
}

/**
 * Compiles a validator from the dictionary once (on deploy). Each call checks a record against every
 * field and returns every failure, not the first; a record that is valid but whose compensation
 * differs from the offer's by more than the threshold goes to review.
 */
export function compileValidator(
  dictionary: Dictionary | readonly DictionaryField[],
  options: ValidatorOptions = {},
): (record: unknown, canonical?: unknown, notSent?: ReadonlyArray<{ path: string }>) => ValidationReport {
  const fields = 'fields' in dictionary ? dictionary.fields : dictionary;
  const bounds: PayBounds | false =
    options.plausibility === false
      ? false
      : (('fields' in dictionary ? dictionary.payBounds : undefined) ?? DEFAULT_PAY_BOUNDS);
  const schema = recordSchema(fields);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const { compensation = {}, payAssumptions = {}, rules = [], fields: checkFields = true } = options;
  const threshold = varianceThreshold(options.varianceThreshold ?? '0.02');
  const pay = compensation
    ? {
        pay: compilePayReader(compensation.pay ?? 'compensation'),
        offer: compensation.offer || 'offer.compensation',
        threshold,
        assumptions: payAssumptions,
        bounds,
      }
    : null;
  // Refuse impossible working-week assumptions on deploy rather than on the first record.
  for (const period of ['hour', 'day'] as const) periodsPerYear(period, payAssumptions);

  // The offer is read from the canonical hire when the record is a mapped target record without it.
  return (record, canonical = record, notSent = []) => {
    const parsed = checkFields ? schema.safeParse(record, { reportInput: true }) : { success: true as const };
    // A contact the ATS sent unreadable is named with its reason; the schema's format error on the same field would only repeat it.
    const contacts = checkFields ? unreadableContacts(canonical) : [];
    const named = new Set(contacts.map((c) => c.field));
    const schemaErrors = parsed.success ? [] : parsed.error.issues.map((issue) => toValidationError(issue, byName));
    const errors: ValidationError[] = [...contacts, ...schemaErrors.filter((e) => !named.has(e.field))];
    const findings = pay ? checkCompensation(record, canonical, pay) : { review: [] };
    if (findings.unreadable) errors.push(findings.unreadable);
    const review = findings.review;
    if (options.holdNotSent) {
      for (const { path } of notSent) {
        const field = byName.get(path.replace(/\[[^\]]*\]/g, '[]'));
        if (field?.required)
          review.push({
            field: path,
            rule: 'not_sent',
            message: `${field.label} (${path}) is required by the data dictionary, but no row of the mapping sends it.`,
          });
      }
    }
    for (const rule of rules) {
      for (const { severity, ...finding } of rule(record)) (severity === 'error' ? errors : review).push(finding);
    }
    const status = errors.length ? 'invalid' : review.length ? 'review' : 'valid';
    return { status, errors, review };
  };
}
