import type { Compensation, PayPeriod } from '../model/compensation';
import { formatAmount, parseAmount } from './currency';
import { type DateInputFormat, toIsoDate, toIsoDateTime } from './dates';
import { type PayConversionOptions, convertPay } from './pay';
import { toE164 } from './phones';
import { collapseWhitespace, lowerCase, normaliseEmail, titleCase, upperCase } from './text';
import { type TranslationTable, translate } from './translation';
import { truncate } from './truncate';

/**
 * A missing source field reaches a function as undefined; it stays missing in the target instead of
 * failing the whole mapping, so optional fields can be mapped with the same expression.
 */
const absentStaysAbsent =
  <A extends unknown[], R>(fn: (value: never, ...rest: A) => R) =>
  (value: unknown, ...rest: A): R | undefined =>
    value === undefined || value === null ? undefined : fn(value as never, ...rest);

/** The package's transforms as JSONata functions, for compileJsonataMapping: `$isoDate(offer.start_date, "UTC", "MM/DD/YYYY")`. */
/** Functions a JSONata mapping can call, by name. */
export type MappingFunctions = Record<string, { implementation: (...args: never[]) => unknown; signature?: string }>;

export const transformFunctions: MappingFunctions = {
  isoDate: {
    implementation: absentStaysAbsent((value: string | number, zone: string, format?: DateInputFormat) =>
      toIsoDate(value, { zone, format }),
    ),
    signature: '<(sn)ss?:s>',
  },
  isoDateTime: {
    implementation: absentStaysAbsent((value: string | number, zone: string, format?: DateInputFormat) =>
      toIsoDateTime(value, { zone, format }),
    ),
    signature: '<(sn)ss?:s>',
  },
  e164: {
    implementation: absentStaysAbsent((value: string, defaultCountry?: string) => toE164(value, { defaultCountry })),
    signature: '<ss?:s>',
  },
  amount: {
    implementation: absentStaysAbsent((value: string | number, currency: string) =>
      formatAmount(parseAmount(value, currency), currency),
    ),
    signature: '<(sn)s:s>',
  },
  convertPay: {
    implementation: absentStaysAbsent((pay: Compensation, to: PayPeriod, options?: PayConversionOptions) =>
      convertPay(pay, to, options),
    ),
    signature: '<os-o?:o>',
  },
  translate: {
    implementation: absentStaysAbsent((value: string | number | boolean, table: TranslationTable, loose?: boolean) =>
      translate(value, table, { loose }),
    ),
    signature: '<(snb)ob?:s>',
  },
  truncate: {
    implementation: absentStaysAbsent((text: string, maxLength: number, fullTextUrl: string) =>
      truncate(text, { maxLength, fullTextUrl }),
    ),
    signature: '<sns:s>',
  },
  // Shadows JSONata's own $trim with the same meaning, extended to no-break and other Unicode spaces.
  trim: { implementation: absentStaysAbsent(collapseWhitespace), signature: '<s:s>' },
  lower: { implementation: absentStaysAbsent(lowerCase), signature: '<s:s>' },
  upper: { implementation: absentStaysAbsent(upperCase), signature: '<s:s>' },
  title: { implementation: absentStaysAbsent(titleCase), signature: '<s:s>' },
  email: { implementation: absentStaysAbsent(normaliseEmail), signature: '<s:s>' },
};
