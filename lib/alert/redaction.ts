/**
 * What an alert may never carry: the data dictionary's secret fields, always, and its personal fields
 * other than the name (which the alert needs to say who is concerned), unless the user lets them
 * through. Their values are collected from the incoming message and masked wherever they show up in
 * the alert's text (vendors echo the offending value: "123456789 is not a valid SSN"); lib/http's
 * pattern safety net masks SSN-like and card-like strings on top.
 */
import type { Dictionary } from '../dictionary/field';
import { fieldsBySensitivity } from '../dictionary/sensitivity';
import { redact, secretValues } from '../http/redact';
import type { Alert } from './alert';

/** The fields that name the person: kept, because "who is concerned" is half of an alert. */
const NAME_FIELD = /^person\.(legalName(\.|$)|preferredName$)/;

export interface AlertRedactionOptions {
  /** Mask personal fields (email, phone, address…) too; the name always stays. Default true. */
  hidePersonal?: boolean;
  /** More field paths to mask, e.g. a custom `salary` field the dictionary does not know. */
  extraPaths?: readonly string[];
}

/**
 * A dictionary path as redact() matches it: arrays are transparent there, and the path also matches
 * without its root object, because the message may carry the person or a target record on its own
 * (`nationalId.value` inside msg.payload.person, `dateOfBirth` in a BambooHR record).
 */
function matchPaths(name: string): string[] {
  const plain = name.replace(/\[\]/g, '');
  const segments = plain.split('.');
  return segments.length > 1 ? [plain, segments.slice(1).join('.')] : [plain];
}

/** Short alphabetic values ('year', 'USD', 'ssn') are enum codes, not secrets; masking them would garble every text. */
const isWorthMasking = (value: string): boolean => value.length >= 6 || /\d/.test(value);

/** The ways a number is written in free text: 103000, 103,000, 103.000. */
function spellings(value: string): string[] {
  if (!/^\d{4,}(\.\d+)?$/.test(value)) return [value];
  const n = Number(value);
  return [value, n.toLocaleString('en-US'), n.toLocaleString('de-DE')];
}

export interface AlertRedactor {
  /** The field paths this redactor masks (for tests and the help text). */
  readonly paths: readonly string[];
  /** Returns the alert with every sensitive value found in `source` (the incoming message) masked. */
  redact(alert: Alert, source: unknown): Alert;
}

export function alertRedactor(dictionary: Dictionary, options: AlertRedactionOptions = {}): AlertRedactor {
  const groups = fieldsBySensitivity(dictionary);
  const hidden = [...groups.secret, ...(options.hidePersonal === false ? [] : groups.personal.filter((f) => !NAME_FIELD.test(f.name)))];
  const paths = [...new Set([...hidden.flatMap((f) => matchPaths(f.name)), ...(options.extraPaths ?? [])])];
  return {
    paths,
    redact(alert, source) {
      const values = secretValues(source, paths).filter(isWorthMasking).flatMap(spellings);
      // Longest first, so a value containing another is masked whole.
      values.sort((a, b) => b.length - a.length);
      return redact(alert, { values });
    },
  };
}
