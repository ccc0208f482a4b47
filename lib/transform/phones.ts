import { ParseError, isSupportedCountry, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { HrError } from '../errors';

export interface PhoneOptions {
  /** ISO 3166 alpha-2 country a number without "+" belongs to (US for "518-555-1212"). */
  defaultCountry?: string;
}

const PARSE_REASONS: Record<string, string> = {
  INVALID_COUNTRY: 'has no country code and no default country was given',
  NOT_A_NUMBER: 'is not a phone number',
  TOO_SHORT: 'is too short to be a phone number',
  TOO_LONG: 'is too long to be a phone number',
  INVALID_LENGTH: 'has the wrong number of digits',
};

function invalid(text: string, why: string): HrError {
  return new HrError('transform.phone_invalid', `"${text}" ${why}.`);
}

/**
 * A phone number in E.164 (+15185551212). Checked against libphonenumber's full metadata, so a
 * number that has the right length but is not assigned in its country is refused, not stored.
 */
export function toE164(value: string, options: PhoneOptions = {}): string {
  const { defaultCountry } = options;
  if (defaultCountry !== undefined && !isSupportedCountry(defaultCountry)) {
    throw new HrError(
      'transform.phone_country_unknown',
      `"${defaultCountry}" is not a country code libphonenumber knows, e.g. US or GB.`,
    );
  }
  const text = value.trim();
  let phone;
  try {
    phone = parsePhoneNumberWithError(text, { defaultCountry, extract: false });
  } catch (err) {
    if (err instanceof ParseError) throw invalid(text, PARSE_REASONS[err.message] ?? err.message);
    throw err;
  }
  // E.164 has no place for an extension; dropping it would silently lose how to reach the person.
  if (phone.ext) {
    throw new HrError(
      'transform.phone_extension',
      `"${text}" has extension ${phone.ext}, which E.164 cannot hold; store it separately.`,
    );
  }
  if (!phone.isValid()) {
    const where = phone.country ?? `calling code +${phone.countryCallingCode}`;
    throw invalid(text, `is not a valid number in ${where}`);
  }
  return phone.number;
}
