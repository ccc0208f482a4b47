import type { ValidatorOptions } from '../../lib/dictionary/validator';
import { HrError } from '../../lib/errors';
import { PAY_FORMATS, type PayFormat } from '../../lib/dictionary/payReading';
import { percentToFraction } from './threshold';

/** What the node checks: the record's fields against the dictionary, the pay against the offer, or both. */
export const CHECKS = ['all', 'fields', 'pay'] as const;
type Checks = (typeof CHECKS)[number];

export interface ValidatorSettings {
  dictionary?: string;
  /** Largest allowed compensation variance, in percent. */
  threshold?: string;
  checks?: string;
  payFormat?: string;
  /** `compensation` format: where the pay object is. */
  payPath?: string;
  /** `paths` format (or BambooHR field names other than payRate/paidPer): where each part of the pay is. */
  payAmount?: string;
  payCurrency?: string;
  payPeriod?: string;
  /** Where the offer's compensation is in the canonical hire. */
  offerPath?: string;
  /** false switches the plausibility rule off; absent (nodes saved before it existed) means on. */
  plausibility?: boolean;
  /** Hold a record whose mapper left behind a value the dictionary requires. */
  holdNotSent?: boolean;
}

const oneOf = <T extends string>(allowed: readonly T[], value: string | undefined, fallback: T, what: string): T => {
  const v = (value ?? '').trim() || fallback;
  if (!(allowed as readonly string[]).includes(v))
    throw new HrError('validator.config_invalid', `${what} must be one of ${allowed.join(', ')}, not "${v}".`, {
      field: what,
    });
  return v as T;
};

/** Node properties → validator options. Nodes deployed before these settings existed keep their behaviour (all checks, pay object at `compensation`). */
export function validatorOptions(def: ValidatorSettings): ValidatorOptions {
  const checks: Checks = oneOf(CHECKS, def.checks, 'all', 'checks');
  const format: PayFormat = oneOf(PAY_FORMATS, def.payFormat, 'compensation', 'payFormat');
  return {
    varianceThreshold: percentToFraction(def.threshold || '2'),
    fields: checks !== 'pay',
    plausibility: def.plausibility !== false,
    holdNotSent: def.holdNotSent === true,
    compensation:
      checks === 'fields'
        ? false
        : {
            pay: { format, path: def.payPath, amount: def.payAmount, currency: def.payCurrency, period: def.payPeriod },
            offer: def.offerPath?.trim() || 'offer.compensation',
          },
  };
}
