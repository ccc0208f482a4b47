import { DateTime } from 'luxon';
import { HrError } from '../errors';

/**
 * How the input is written. Without one, ISO strings and millisecond epochs are read as such, and
 * slash dates as MM/DD/YYYY (Greenhouse offer webhooks) only when no other reading is possible.
 * DD/MM/YYYY and second epochs are never guessed.
 */
export type DateInputFormat = 'iso' | 'MM/DD/YYYY' | 'DD/MM/YYYY' | 'epoch_ms' | 'epoch_s';

export interface DateOptions {
  /** IANA zone ("America/New_York", "UTC") in which an instant becomes a calendar date. */
  zone: string;
  format?: DateInputFormat;
}

export type DateInput = string | number | Date;

/** A calendar day with no time, or a point in time. */
type Reading = { kind: 'day'; value: DateTime } | { kind: 'instant'; value: DateTime };

// Below this, a millisecond epoch is before March 1973 and a second epoch after the year 5138, so the
// unit cannot be told from the size: a date of birth in 1971 in ms looks like seconds in 2600.
const SMALLEST_UNAMBIGUOUS_MS = 1e11;

function unparseable(value: DateInput, why: string): HrError {
  return new HrError('transform.date_unparseable', `${JSON.stringify(value)} ${why}`);
}

function checkZone(zone: string): void {
  if (!DateTime.now().setZone(zone).isValid) {
    throw new HrError(
      'transform.zone_invalid',
      `"${zone}" is not a time zone; use an IANA name such as America/New_York or UTC.`,
    );
  }
}

function fromEpoch(value: DateInput, unit: 'epoch_ms' | 'epoch_s' | undefined): Reading {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n))
    throw unparseable(value, 'is not a whole number of seconds or milliseconds since 1970.');
  if (unit === undefined && Math.abs(n) < SMALLEST_UNAMBIGUOUS_MS) {
    throw new HrError(
      'transform.date_ambiguous',
      `${n} could be seconds or milliseconds since 1970; declare the format epoch_s or epoch_ms.`,
    );
  }
  const dt = unit === 'epoch_s' ? DateTime.fromSeconds(n, { zone: 'utc' }) : DateTime.fromMillis(n, { zone: 'utc' });
  if (!dt.isValid) throw unparseable(value, `is out of range: ${dt.invalidExplanation ?? dt.invalidReason}.`);
  return { kind: 'instant', value: dt };
}

function fromIso(text: string, zone: string): Reading {
  const dt = DateTime.fromISO(text, { zone, setZone: true });
  if (!dt.isValid)
    throw unparseable(text, `is not an ISO 8601 date or date-time: ${dt.invalidExplanation ?? dt.invalidReason}.`);
  return { kind: /^\d{4}-\d{2}-\d{2}$/.test(text) ? 'day' : 'instant', value: dt };
}

function day(year: number, month: number, dayOfMonth: number): DateTime | undefined {
  const dt = DateTime.fromObject({ year, month, day: dayOfMonth }, { zone: 'utc' });
  return dt.isValid ? dt : undefined;
}

function fromSlashes(text: string, format: 'MM/DD/YYYY' | 'DD/MM/YYYY' | undefined): Reading {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!match) throw unparseable(text, `is not written ${format ?? 'MM/DD/YYYY'}.`);
  const [a, b, year] = match.slice(1).map(Number) as [number, number, number];
  const monthFirst = day(year, a, b);
  const dayFirst = day(year, b, a);
  if (format === 'DD/MM/YYYY') {
    if (!dayFirst) throw unparseable(text, 'is not a real date when read as DD/MM/YYYY.');
    return { kind: 'day', value: dayFirst };
  }
  if (!monthFirst) {
    const hint = format === undefined && dayFirst ? ' If it is day-first, declare the format DD/MM/YYYY.' : '';
    throw unparseable(text, `is not a real date when read as MM/DD/YYYY.${hint}`);
  }
  if (format === undefined && dayFirst && !dayFirst.equals(monthFirst)) {
    throw new HrError(
      'transform.date_ambiguous',
      `"${text}" could be ${monthFirst.toISODate()} (MM/DD/YYYY) or ${dayFirst.toISODate()} (DD/MM/YYYY); declare the format.`,
    );
  }
  return { kind: 'day', value: monthFirst };
}

function read(value: DateInput, { zone, format }: DateOptions): Reading {
  checkZone(zone);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw unparseable(String(value), 'is not a date.');
    return { kind: 'instant', value: DateTime.fromJSDate(value, { zone: 'utc' }) };
  }
  if (format === 'epoch_ms' || format === 'epoch_s') return fromEpoch(value, format);
  if (typeof value === 'number') {
    if (format !== undefined) throw unparseable(value, `is a number, not a date written ${format}.`);
    return fromEpoch(value, undefined);
  }
  if (typeof value !== 'string') throw unparseable(value, 'is not a date.');
  const text = value.trim();
  if (format === 'MM/DD/YYYY' || format === 'DD/MM/YYYY') return fromSlashes(text, format);
  if (format === 'iso' || /^\d{4}-/.test(text)) return fromIso(text, zone);
  if (text.includes('/')) return fromSlashes(text, undefined);
  if (/^-?\d+$/.test(text)) return fromEpoch(text, undefined);
  throw unparseable(text, 'is not a date in a known format (ISO 8601, MM/DD/YYYY, DD/MM/YYYY or an epoch).');
}

/**
 * The calendar date, YYYY-MM-DD. A day stays that day; an instant becomes the date it is in `zone`
 * (2026-03-05T03:00:00Z is 2026-03-04 in New York).
 */
export function toIsoDate(value: DateInput, options: DateOptions): string {
  const reading = read(value, options);
  const dt = reading.kind === 'day' ? reading.value : reading.value.setZone(options.zone);
  return dt.toISODate() as string;
}

/** An ISO 8601 date-time with the offset of `zone`; a bare date becomes midnight at the start of that day there. */
export function toIsoDateTime(value: DateInput, options: DateOptions): string {
  const reading = read(value, options);
  const dt =
    reading.kind === 'day'
      ? DateTime.fromObject(
          { year: reading.value.year, month: reading.value.month, day: reading.value.day },
          { zone: options.zone },
        )
      : reading.value.setZone(options.zone);
  return dt.toISO({ suppressMilliseconds: true }) as string;
}
