import { z } from 'zod';
import { HrError } from '../errors';

/** Trims and turns every run of whitespace (tabs, newlines, no-break spaces) into one space. */
export const collapseWhitespace = (value: string): string => value.trim().replace(/\s+/g, ' ');

export const upperCase = (value: string): string => value.toUpperCase();

export const lowerCase = (value: string): string => value.toLowerCase();

/**
 * Capitalises each word, including after a hyphen and the O' of Irish names ("mary-jane o'brien" →
 * "Mary-Jane O'Brien"). The rest of each word is lowered, so "McDonald" becomes "Mcdonald": use it
 * for shouting input (ALL CAPS), not for names already written with care.
 */
export function titleCase(value: string): string {
  return collapseWhitespace(value)
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())
    .replace(
      /(^|[\s-])(\p{L})(['’])(\p{L})/gu,
      (_, before: string, a: string, mark: string, b: string) => before + a + mark + b.toUpperCase(),
    );
}

const EMAIL = z.email();

/**
 * Trimmed and lower-cased. The local part is case-sensitive in theory, but no mail system a hire
 * uses treats it so, and matching people by email needs one spelling.
 */
export function normaliseEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (!EMAIL.safeParse(email).success) {
    throw new HrError('transform.email_invalid', `"${value.trim()}" is not an email address.`);
  }
  return email;
}

/**
 * Whether a text is shaped like an email address: one "@" with text before it, and a domain with a
 * dot inside it; no whitespace. Read without a regular expression: the obvious one backtracks
 * quadratically over a long run of dots (60,000 characters took 4 s).
 */
export function looksLikeEmail(text: string): boolean {
  const at = text.indexOf('@');
  if (at < 1 || at !== text.lastIndexOf('@') || /\s/.test(text)) return false;
  const domain = text.slice(at + 1);
  return domain.length >= 3 && domain.slice(1, -1).includes('.');
}

/** The text without the given character at its end, however many there are (linear, unlike /c+$/). */
export function trimEnd(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}
