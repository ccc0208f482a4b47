import { z } from 'zod';
import { CountryCode, CurrencyCode, DecimalAmount } from '../model/primitives';

/** The formats a dictionary field can name; any other `format` is a regular expression. */
export const NAMED_FORMATS: Readonly<Record<string, z.ZodType>> = {
  uuid: z.uuid({ error: 'must be a UUID' }),
  url: z.url({ error: 'must be a URL' }),
  country: CountryCode,
  currency: CurrencyCode,
  decimal: DecimalAmount,
};
