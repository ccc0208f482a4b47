import { HrError } from '../errors';

export interface TranslationOptions {
  /** Match ignoring case and surrounding or repeated spaces ("full-time " finds "Full-time"). */
  loose?: boolean;
  /** What the values are, for error messages ("employment type"). */
  what?: string;
}

export type TranslationTable = Readonly<Record<string, string>>;

const looseKey = (value: string): string => value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Compiles a source → target table once, refusing a loose table whose keys collide. The translator
 * throws `transform.enum_no_match` naming the value and every allowed value, never passes it through.
 */
export function compileTranslation(
  table: TranslationTable,
  options: TranslationOptions = {},
): (value: unknown) => string {
  const { loose = false, what = 'value' } = options;
  const key = loose ? looseKey : (value: string) => value;
  const lookup = new Map<string, string>();
  const firstSpelling = new Map<string, string>();
  for (const [source, target] of Object.entries(table)) {
    const k = key(source);
    const earlier = firstSpelling.get(k);
    if (earlier !== undefined) {
      throw new HrError(
        'transform.translation_invalid',
        `The ${what} table lists "${earlier}" and "${source}", which are the same when case and spaces are ignored.`,
      );
    }
    firstSpelling.set(k, source);
    lookup.set(k, target);
  }
  const allowed = Object.keys(table)
    .map((s) => JSON.stringify(s))
    .join(', ');
  const how = loose ? ' (case and spaces ignored)' : '';

  return (value) => {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new HrError(
        'transform.enum_no_match',
        `There is no ${what} to translate (got ${JSON.stringify(value) ?? 'nothing'}); allowed values${how}: ${allowed}.`,
      );
    }
    const target = lookup.get(key(String(value)));
    if (target === undefined) {
      throw new HrError(
        'transform.enum_no_match',
        `${JSON.stringify(value)} is not a known ${what}; allowed values${how}: ${allowed}.`,
        { value, allowed: Object.keys(table) },
      );
    }
    return target;
  };
}

export function translate(value: unknown, table: TranslationTable, options: TranslationOptions = {}): string {
  return compileTranslation(table, options)(value);
}
