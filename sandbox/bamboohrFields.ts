import { z } from 'zod';
import { isoDay } from './framework/formats';

const text = z.string();

/**
 * [unconfirmed] docs/vendors/bamboohr.md: the `payRate` write format is not documented; GET returns "65000.00 USD" and
 * n8n sends `{ value, currency }`. Both are accepted and stored the way GET shows them.
 */
export const PAY_RATE_WRITE = z.union([
  z.string().regex(/^\d+(\.\d+)? [A-Z]{3}$/, 'must look like "65000.00 USD"'),
  z
    .object({
      value: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]),
      currency: z.string().regex(/^[A-Z]{3}$/),
    })
    .strict()
    .transform((p) => `${Number(p.value).toFixed(2)} ${p.currency}`),
]);

/**
 * BambooHR field names an API client may write (docs/vendors/bamboohr.md, from the official list of field
 * names). Anything else is "a reference to a non-existent field". `supervisor` is deliberately absent:
 * its write name is unconfirmed (docs/vendors/bamboohr.md), so the emulator refuses it like any unknown field.
 */
export const WRITABLE = {
  firstName: text,
  lastName: text,
  middleName: text,
  preferredName: text,
  employeeNumber: text,
  dateOfBirth: isoDay,
  gender: text,
  maritalStatus: text,
  ssn: text,
  nationalId: text,
  sin: text,
  nin: text,
  workEmail: text,
  homeEmail: text,
  mobilePhone: text,
  workPhone: text,
  homePhone: text,
  address1: text,
  address2: text,
  city: text,
  state: text,
  zipcode: text,
  country: text,
  hireDate: isoDay,
  originalHireDate: isoDay,
  jobTitle: text,
  department: text,
  division: text,
  location: text,
  payRate: PAY_RATE_WRITE,
  paidPer: z.enum(['Hour', 'Day', 'Week', 'Month', 'Quarter', 'Year']),
  payType: z.enum([
    'Hourly',
    'Salary',
    'Commission',
    'Exception Hourly',
    'Monthly',
    'Weekly',
    'Piece Rate',
    'Contract',
    'Daily',
    'Pro Rata',
  ]),
  payFrequency: text,
  payRateEffectiveDate: isoDay,
  exempt: z.enum(['Exempt', 'Non-exempt']),
} satisfies Record<string, z.ZodType>;

/** Readable but not writable (docs/vendors/bamboohr.md: read-only since v1.1, or computed). */
export const READ_ONLY = new Set([
  'id',
  'status',
  'employmentHistoryStatus',
  'acaStatusCategory',
  'age',
  'bestEmail',
  'displayName',
  'fullName1',
  'fullName2',
  'fullName3',
  'fullName4',
  'fullName5',
  'createdByUserId',
]);

/** Fields whose values must already exist in the account's lists (docs/vendors/bamboohr.md). */
export const LIST_FIELDS = ['department', 'division', 'location'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

/** Fields the employee directory shows (docs/vendors/bamboohr.md: a company-configured fieldset; this is the emulator's). */
export const DIRECTORY_FIELDS = [
  'displayName',
  'firstName',
  'lastName',
  'preferredName',
  'jobTitle',
  'workPhone',
  'mobilePhone',
  'workEmail',
  'department',
  'location',
  'division',
];

export const isKnownField = (name: string): boolean => name in WRITABLE || READ_ONLY.has(name);

const EMAILS = new Set(['workEmail', 'homeEmail']);
const DAYS = new Set(['dateOfBirth', 'hireDate', 'originalHireDate', 'payRateEffectiveDate']);
const typeOf = (alias: string): string =>
  (LIST_FIELDS as readonly string[]).includes(alias) || alias === 'paidPer' || alias === 'payType' || alias === 'exempt'
    ? 'list'
    : EMAILS.has(alias)
      ? 'email'
      : DAYS.has(alias)
        ? 'date'
        : 'text';

/**
 * `GET /v1/meta/fields` entries (docs/vendors/bamboohr.md, "Field catalogue": `{ id, name, type, alias }`): the emulator's
 * known fields with numbers of its own; a person's label is the alias spelt out.
 */
export const META_FIELDS = [...Object.keys(WRITABLE), ...READ_ONLY].map((alias, i) => ({
  id: i + 1,
  name: alias.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()),
  type: typeOf(alias),
  alias,
}));

/** The fixed options of the emulator's enumerated fields, answered by `GET /v1/meta/lists` beside the account's lists. */
export const FIXED_LISTS: Record<string, readonly string[]> = {
  paidPer: WRITABLE.paidPer.options,
  payType: WRITABLE.payType.options,
  exempt: WRITABLE.exempt.options,
};
