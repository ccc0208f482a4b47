import { z } from 'zod';
import { COUNTRY_CODES } from './countries';
import { CURRENCY_EXPONENTS } from './currencies';

/**
 * A field's message for a wrong value, or "is required" when the value is missing altogether, so that a
 * hire without a start date reads `offer.startDate: is required`, not a complaint about its format.
 */
const orRequired = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : message;

/** A calendar date, YYYY-MM-DD, with no time zone: start dates and birth dates are days, not instants. */
export const IsoDate = z.iso.date({ error: orRequired('must be a date written YYYY-MM-DD') });

/** An instant with an explicit offset, e.g. 2026-03-04T09:30:00Z. */
export const IsoDateTime = z.iso.datetime({
  offset: true,
  error: orRequired('must be an ISO 8601 date-time with a time zone offset'),
});

/** A phone number in E.164: "+", country code, subscriber number, at most 15 digits in all. */
export const E164Phone = z
  .string({ error: orRequired('must be text') })
  .regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 phone number such as +15185551212');

export const CountryCode = z
  .string({ error: orRequired('must be text') })
  .refine((code) => COUNTRY_CODES.has(code), 'must be an ISO 3166-1 alpha-2 country code such as US or GB');

export const CurrencyCode = z
  .string({ error: orRequired('must be text') })
  .refine((code) => CURRENCY_EXPONENTS.has(code), 'must be an ISO 4217 currency code such as USD or EUR');

/**
 * An exact decimal amount as text ("103000.00"). Text rather than a number so that no amount ever
 * passes through binary floating point; arithmetic on it is done in BigInt (lib/transform/decimal).
 */
export const DecimalAmount = z
  .string({ error: orRequired('must be a decimal amount written as text such as "103000.00"') })
  .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal amount written with digits and an optional "." such as 103000.00');

export const Text = z
  .string({ error: orRequired('must be text') })
  .trim()
  .min(1, 'must not be empty');

/** The id a system gave a record, always text: Greenhouse's numeric ids are written as strings. */
export const ExternalId = z.string({ error: orRequired('must be text') }).min(1, 'must not be empty');
