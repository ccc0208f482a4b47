import { measure, type LengthUnit } from '../transform/truncate';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ELLIPSIS = '…';

/**
 * Fits text into a channel's limit, cutting between graphemes (never inside a multi-byte character,
 * a surrogate pair or an emoji sequence) and marking the cut with "…". Unlike lib/transform's
 * truncate, an alert has no place to link the full text from: the full story is in the Node-RED log.
 */
export function clip(text: string, max: number, unit: LengthUnit = 'characters'): string {
  if (measure(text, unit) <= max) return text;
  const budget = max - measure(ELLIPSIS, unit);
  let kept = '';
  let used = 0;
  // In any unit, `max` spans at most 2·max UTF-16 code units, so the cut lies inside this prefix;
  // segmenting a whole megabyte vendor page would take seconds.
  for (const { segment } of graphemes.segment(text.slice(0, 2 * max + 64))) {
    const size = measure(segment, unit);
    if (used + size > budget) break;
    kept += segment;
    used += size;
  }
  return kept.trimEnd() + ELLIPSIS;
}

/**
 * Clips before escaping so an entity (`&amp;`) is never cut, shrinking until the escaped text fits:
 * escaping only lengthens, so this ends.
 */
export function clipEscaped(
  text: string,
  max: number,
  escape: (s: string) => string,
  unit: LengthUnit = 'characters',
): string {
  let budget = max;
  for (;;) {
    const escaped = escape(clip(text, budget, unit));
    const over = measure(escaped, unit) - max;
    if (over <= 0 || budget <= 1) return escaped;
    budget = Math.max(1, budget - over);
  }
}
