import { z } from 'zod';
import type { Email, EmploymentType, Phone, PayPeriod } from '../../model';
import { toIsoDate, toIsoDateTime } from '../../transform/dates';
import { toE164 } from '../../transform/phones';
import type { AtsSettings } from './types';

const EMAIL = z.email();

/**
 * Turning what vendors write into the model's values. Whatever cannot be read is named in `warnings`
 * (msg.event.warnings), never guessed. An e-mail or phone that cannot be read stays in the person's
 * list as sent, marked `invalid` with the reason, so the validator stops the hire naming the field
 * instead of the contact vanishing.
 */
export interface Normaliser {
  warnings: string[];
  emails(list: Array<{ address: string; type?: string | null }>): Email[];
  phones(list: Array<{ number: string; type?: string | null }>): Phone[];
  date(value: string | number | null | undefined, format?: 'MM/DD/YYYY'): string | undefined;
  dateTime(value: string | number | null | undefined): string | undefined;
}

const EMAIL_TYPES: Record<string, Email['type']> = {
  personal: 'personal',
  work: 'work',
  business: 'work',
  other: 'other',
};
// Greenhouse's "skype" has no place in the model (lib/model/person.ts).
const PHONE_TYPES: Record<string, Phone['type']> = {
  mobile: 'mobile',
  cell: 'mobile',
  home: 'home',
  work: 'work',
  business: 'work',
};

export function normaliser(settings: AtsSettings): Normaliser {
  const warnings: string[] = [];
  const attempt = <T>(what: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      warnings.push(`${what}: ${(err as Error).message}`);
      return undefined;
    }
  };
  return {
    warnings,
    emails: (list) =>
      list.flatMap((e) => {
        const address = e.address.trim();
        if (!address) return [];
        const type = EMAIL_TYPES[(e.type ?? '').toLowerCase()] ?? 'other';
        if (EMAIL.safeParse(address).success) return [{ address, type }];
        warnings.push(`An e-mail (${type}) is not an address; it is kept marked invalid.`);
        return [{ address, type, invalid: 'is not an e-mail address' }];
      }),
    phones: (list) =>
      list.flatMap((p) => {
        const raw = p.number.trim();
        if (!raw) return [];
        const type = PHONE_TYPES[(p.type ?? '').toLowerCase()] ?? 'other';
        try {
          return [
            { number: toE164(raw, settings.defaultCountry ? { defaultCountry: settings.defaultCountry } : {}), type },
          ];
        } catch (err) {
          // The reason without the number itself: warnings and validation messages reach logs and alerts.
          const reason = (err as Error).message.replace(/^"[^"]*"\s*/, '').replace(/\.$/, '');
          warnings.push(`A phone (${type}) ${reason}; it is kept marked invalid.`);
          return [{ number: raw, type, invalid: reason }];
        }
      }),
    date: (value, format) =>
      value === null || value === undefined || value === ''
        ? undefined
        : attempt('date', () => toIsoDate(value, { zone: settings.timeZone, ...(format ? { format } : {}) })),
    dateTime: (value) =>
      value === null || value === undefined || value === ''
        ? undefined
        : attempt('date-time', () => toIsoDateTime(value, { zone: 'UTC' })),
  };
}

/**
 * "Ana Maria Silva" → first "Ana Maria", last "Silva": vendors that keep one name field (Lever, Ashby).
 * One word is a first name alone (mononyms exist; whether a last name is required is the validator's rule).
 */
export function splitName(full: string): { first: string; last?: string } {
  const parts = full.trim().split(/\s+/);
  const last = parts.length > 1 ? parts.pop() : undefined;
  return { first: parts.join(' '), ...(last ? { last } : {}) };
}

const EMPLOYMENT_TYPES: Record<string, EmploymentType> = {
  fulltime: 'full_time',
  parttime: 'part_time',
  contract: 'contractor',
  contractor: 'contractor',
  freelance: 'freelance',
  freelancer: 'freelance',
  intern: 'intern',
  internship: 'intern',
  temporary: 'temporary',
  temp: 'temporary',
};

/** "Full-time", "FullTime", "full_time" → full_time; undefined when the word is not one of ours. */
export const employmentType = (raw: unknown): EmploymentType | undefined =>
  typeof raw === 'string' ? EMPLOYMENT_TYPES[raw.toLowerCase().replace(/[^a-z]/g, '')] : undefined;

// Checked in this order, so "biweekly" is not read as "week" nor "semimonthly" as "month". Vendors spell
// periods freely: Greenhouse `frequency`, Lever "per-year-salary", Ashby "1 YEAR" [unconfirmed spellings].
const PAY_PERIOD_WORDS: Array<[RegExp, PayPeriod]> = [
  [/semimonth/, 'semimonthly'],
  [/biweek|fortnight/, 'biweekly'],
  [/hour/, 'hour'],
  [/day|daily/, 'day'],
  [/week/, 'week'],
  [/month/, 'month'],
  [/quarter/, 'quarter'],
  [/halfyear|semiannual/, 'half_year'],
  [/year|annual|salary/, 'year'],
];

export function payPeriod(raw: unknown): PayPeriod | undefined {
  if (typeof raw !== 'string') return undefined;
  const word = raw.toLowerCase().replace(/[^a-z]/g, '');
  return PAY_PERIOD_WORDS.find(([pattern]) => pattern.test(word))?.[1];
}

/** An amount as the model's exact decimal text; numbers beyond 15 significant digits are refused by the model. */
export const decimalText = (amount: unknown): string | undefined =>
  typeof amount === 'number' && Number.isFinite(amount)
    ? String(amount)
    : typeof amount === 'string' && amount.trim() !== ''
      ? amount.trim().replace(/,/g, '')
      : undefined;

/** Drops undefined members, so optional model fields are absent rather than present-and-undefined. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
