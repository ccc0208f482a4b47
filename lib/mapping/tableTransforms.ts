import { HrError } from '../errors';
import { PayPeriod, type Compensation } from '../model/compensation';
import { currencyExponent, formatAmount, parseAmount } from '../transform/currency';
import { type DateInputFormat, toIsoDate, toIsoDateTime } from '../transform/dates';
import { convertPay, type PayConversionOptions } from '../transform/pay';
import { toE164 } from '../transform/phones';
import { collapseWhitespace, lowerCase, normaliseEmail, titleCase, upperCase } from '../transform/text';
import { compileTranslation } from '../transform/translation';
import { truncate } from '../transform/truncate';
import { isSupportedCountry } from 'libphonenumber-js/max';
import { DateTime } from 'luxon';

/** A transform with its arguments bound on deploy; it only ever sees a value that is present. */
export type BoundTransform = (value: unknown) => unknown;

interface TableTransform {
  /** The arguments after the value, as shown to HR ops in errors and the editor: `zone, format?`. */
  params: string;
  /** Checks the arguments once and returns the transform to run per record; throws a BadArgument. */
  bind(args: readonly unknown[]): BoundTransform;
}

/** An argument the compiler refuses; it becomes a row error. */
export class BadArgument extends Error {}

function count(args: readonly unknown[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    throw new BadArgument(`takes ${wanted} argument${max === 1 ? '' : 's'}, not ${args.length}`);
  }
}

function text(args: readonly unknown[], i: number, what: string): string {
  if (typeof args[i] !== 'string' || !(args[i] as string).trim()) throw new BadArgument(`${what} must be text`);
  return args[i] as string;
}

function optional<T>(args: readonly unknown[], i: number, read: () => T): T | undefined {
  return args[i] === undefined || args[i] === null ? undefined : read();
}

const DATE_FORMATS: readonly DateInputFormat[] = ['iso', 'MM/DD/YYYY', 'DD/MM/YYYY', 'epoch_ms', 'epoch_s'];

function dateOptions(args: readonly unknown[]): { zone: string; format?: DateInputFormat } {
  count(args, 1, 2);
  const zone = text(args, 0, 'the time zone');
  if (!DateTime.now().setZone(zone).isValid)
    throw new BadArgument(`"${zone}" is not a time zone; use an IANA name such as America/New_York or UTC`);
  const format = optional(args, 1, () => {
    const f = text(args, 1, 'the date format') as DateInputFormat;
    if (!DATE_FORMATS.includes(f)) throw new BadArgument(`the date format must be one of ${DATE_FORMATS.join(', ')}`);
    return f;
  });
  return format ? { zone, format } : { zone };
}

/** Text transforms refuse other values with a transform error rather than a TypeError deep inside. */
function onText(name: string, fn: (value: string) => string): BoundTransform {
  return (value) => {
    if (typeof value !== 'string')
      throw new HrError('transform.value_type', `${name} needs text, not ${JSON.stringify(value)}.`);
    return fn(value);
  };
}

function noArgs(name: string, fn: (value: string) => string): TableTransform {
  return {
    params: '',
    bind(args) {
      count(args, 0, 0);
      return onText(name, fn);
    },
  };
}

const PLACEHOLDER = /\{([A-Za-z0-9_$-]+)\}/;

/**
 * The transforms a table row may name: the transform library's, with the same names and arguments
 * as their JSONata functions ($isoDate(value, "UTC")), plus `template` for joining fields of an object.
 */
export const tableTransforms: Readonly<Record<string, TableTransform>> = {
  isoDate: {
    params: 'zone, format?',
    bind(args) {
      const options = dateOptions(args);
      return (value) => toIsoDate(value as string, options);
    },
  },
  isoDateTime: {
    params: 'zone, format?',
    bind(args) {
      const options = dateOptions(args);
      return (value) => toIsoDateTime(value as string, options);
    },
  },
  e164: {
    params: 'defaultCountry?',
    bind(args) {
      count(args, 0, 1);
      const defaultCountry = optional(args, 0, () => text(args, 0, 'the default country'));
      if (defaultCountry !== undefined && !isSupportedCountry(defaultCountry))
        throw new BadArgument(`"${defaultCountry}" is not a country code such as US or GB`);
      return onText('e164', (value) => toE164(value, { defaultCountry }));
    },
  },
  amount: {
    params: 'currency',
    bind(args) {
      count(args, 1, 1);
      const currency = text(args, 0, 'the currency');
      try {
        currencyExponent(currency);
      } catch (err) {
        throw new BadArgument((err as Error).message);
      }
      return (value) => formatAmount(parseAmount(value as string, currency), currency);
    },
  },
  convertPay: {
    params: 'period, options?',
    bind(args) {
      count(args, 1, 2);
      const to = PayPeriod.safeParse(args[0]);
      if (!to.success) throw new BadArgument(`the period must be one of ${PayPeriod.options.join(', ')}`);
      const options = optional(args, 1, () => {
        if (typeof args[1] !== 'object' || Array.isArray(args[1]))
          throw new BadArgument('the options must be an object such as {"hoursPerWeek": 37.5}');
        return args[1] as PayConversionOptions;
      });
      return (value) => convertPay(value as Compensation, to.data, options);
    },
  },
  translate: {
    params: 'table, loose?',
    bind(args) {
      count(args, 1, 2);
      const table = args[0];
      if (
        typeof table !== 'object' ||
        table === null ||
        Array.isArray(table) ||
        !Object.values(table).every((v) => typeof v === 'string')
      ) {
        throw new BadArgument('the table must be an object of texts such as {"full_time": "Full-Time"}');
      }
      const loose = optional(args, 1, () => {
        if (typeof args[1] !== 'boolean') throw new BadArgument('loose must be true or false');
        return args[1] as boolean;
      });
      try {
        return compileTranslation(table as Record<string, string>, { loose });
      } catch (err) {
        throw new BadArgument((err as Error).message);
      }
    },
  },
  truncate: {
    params: 'maxLength, fullTextUrl',
    bind(args) {
      count(args, 2, 2);
      const maxLength = args[0];
      if (!Number.isInteger(maxLength) || (maxLength as number) < 1)
        throw new BadArgument('the maximum length must be a positive whole number');
      const fullTextUrl = text(args, 1, 'the full text URL');
      return onText('truncate', (value) => truncate(value, { maxLength: maxLength as number, fullTextUrl }));
    },
  },
  trim: noArgs('trim', collapseWhitespace),
  lower: noArgs('lower', lowerCase),
  upper: noArgs('upper', upperCase),
  title: noArgs('title', titleCase),
  email: noArgs('email', normaliseEmail),
  template: {
    params: 'pattern',
    bind(args) {
      count(args, 1, 1);
      const pattern = text(args, 0, 'the pattern');
      if (!PLACEHOLDER.test(pattern))
        throw new BadArgument('the pattern names no field; write fields in braces, e.g. "{amount} {currency}"');
      // Split once on deploy so each record only joins: literal, field, literal, field, …
      const parts = pattern.split(PLACEHOLDER);
      return (value) => {
        if (typeof value !== 'object' || value === null)
          throw new HrError(
            'transform.value_type',
            `template needs an object with fields, not ${JSON.stringify(value)}.`,
          );
        let out = parts[0];
        for (let i = 1; i < parts.length; i += 2) {
          // As JSONata's "&" does, a missing field adds nothing.
          const field = (value as Record<string, unknown>)[parts[i]];
          out += (field === undefined || field === null ? '' : String(field)) + parts[i + 1];
        }
        return out;
      };
    },
  },
};
