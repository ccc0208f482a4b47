import { HrError } from '../errors';

/**
 * How a target counts length: `characters` are Unicode code points (PostgreSQL varchar, most APIs),
 * `utf16` is JavaScript's `.length` (some JSON APIs), `utf8` is bytes (MySQL utf8mb4 byte limits).
 */
export type LengthUnit = 'characters' | 'utf16' | 'utf8';

export interface TruncateOptions {
  maxLength: number;
  /** Where the whole text can be read; appended so that cutting never loses text silently. */
  fullTextUrl: string;
  unit?: LengthUnit;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function measure(text: string, unit: LengthUnit): number {
  if (unit === 'utf16') return text.length;
  if (unit === 'utf8') return Buffer.byteLength(text, 'utf8');
  return [...text].length;
}

/**
 * Fits text into `maxLength`, cutting between graphemes (so neither a surrogate pair, an accent nor
 * an emoji sequence is split) and ending with " … (full text: <url>)", the whole within the limit.
 * Text that already fits is returned unchanged.
 */
export function truncate(text: string, options: TruncateOptions): string {
  const { maxLength, fullTextUrl, unit = 'characters' } = options;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new HrError(
      'transform.truncate_invalid',
      `The maximum length must be a positive whole number, not ${maxLength}.`,
    );
  }
  if (measure(text, unit) <= maxLength) return text;
  const reference = ` … (full text: ${fullTextUrl})`;
  const budget = maxLength - measure(reference, unit);
  if (budget < 0) {
    throw new HrError(
      'transform.truncate_reference_too_long',
      `The reference to the full text is ${measure(reference, unit)} long, more than the limit of ${maxLength}; use a shorter URL or a larger limit.`,
    );
  }
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = measure(segment, unit);
    if (used + size > budget) break;
    kept += segment;
    used += size;
  }
  return kept.trimEnd() + reference;
}
