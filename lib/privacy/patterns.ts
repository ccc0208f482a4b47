/**
 * Values that are secret whatever field holds them, found in free text: national ids (US SSN and
 * Canadian SIN with dashes, spaces or none after a word that names them, UK NINO), card numbers that
 * pass the Luhn check, IBANs that pass their mod-97 check, and `Bearer`/`Basic` credentials.
 *
 * Every pattern runs over text we do not control (vendor messages, stored records), so each is
 * linear in the text's length: no quantified group whose body can match the same characters in two
 * ways, lookbehinds so a match only starts at the edge of a number, and bounded gaps.
 */
import { MASK } from '../mask';

/** 123-45-6789 or 123 45 6789: the SSN's own spelling, masked without a word naming it. */
const SEPARATED_SSN = /(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])/g;

/**
 * A number after a word naming an identity number ("SSN 111223333", "NINO: AB 12 34 56 C",
 * "Steuer-ID 12 345 678 901"): the gap allows up to 24 characters of no digit ("on file:", "is").
 */
const NAMED_ID =
  /\b(?:ssn|sin|nino|itin|tin|social[\s_-]?security|social[\s_-]?insurance|national[\s_-]?(?:id|identity|insurance)|tax[\s_-]?(?:id|number)|passport|steuer[\s_-]?id|steueridentifikationsnummer|sozialversicherungsnummer)\b([^\d\n]{0,24}?)(\d(?:[ -]?\d){5,})/gi;

/** A UK National Insurance number: two letters (not D, F, I, Q, U, V; second not O), six digits, A–D. */
const NINO = /(?<![A-Za-z\d])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z\d])/gi;
/** Prefixes never issued, so their look-alikes (GB 12 34 56 A in an address) stay readable. */
const NINO_NEVER = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

/** 13 to 19 digits, single spaces or dashes between them allowed. */
const CARD_CANDIDATE = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;

/** Two letters, two check digits, then 11 to 30 letters or digits in groups of four. */
const IBAN_CANDIDATE = /(?<![A-Za-z\d])[A-Z]{2}\d{2}(?: ?[A-Z\d]{4}){2,7}(?: ?[A-Z\d]{1,3})?(?![A-Za-z\d])/gi;

const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]+=*/gi;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// 13-digit card numbers were issued only by Visa (leading 4); any other 13 digits are far more
// likely a millisecond timestamp (Lever's triggeredAt), which one time in ten passes Luhn.
export function looksLikeCard(text: string): boolean {
  const digits = text.replace(/[ -]/g, '');
  if (digits.length === 13 && digits[0] !== '4') return false;
  return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
}

/** ISO 13616: the country and check digits moved to the end, letters as 10–35, the number mod 97 is 1. */
function passesIbanCheck(text: string): boolean {
  const iban = text.replace(/ /g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  let remainder = 0;
  for (const c of iban.slice(4) + iban.slice(0, 4)) {
    const value = c >= 'A' ? String(c.charCodeAt(0) - 55) : c;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const isNino = (text: string): boolean => !NINO_NEVER.has(text.slice(0, 2).toUpperCase());

/** Masks every secret-looking value in free text; the rest of the text stays as it was. */
export function maskPatterns(text: string): string {
  return (
    text
      .replace(NINO, (m) => (isNino(m) ? MASK : m))
      .replace(IBAN_CANDIDATE, (m) => (passesIbanCheck(m) ? MASK : m))
      .replace(SEPARATED_SSN, MASK)
      .replace(CARD_CANDIDATE, (m) => (looksLikeCard(m) ? MASK : m))
      // Last, so an id with letters of its own (a NINO) is masked whole first.
      .replace(NAMED_ID, (m: string, _gap: string, id: string) => m.slice(0, m.length - id.length) + MASK)
      .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${MASK}`)
  );
}
