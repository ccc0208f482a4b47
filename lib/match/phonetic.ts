import { normaliseName } from './normalise';

// NYSIIS rather than Double Metaphone: a tenth of the rules for the same job here (a blocking key and
// a weak "sounds alike" level, as Splink's optional phonetic level; docs/matching.md, "Name comparison levels").
const PREFIXES: [RegExp, string][] = [
  [/^MAC/, 'MCC'],
  [/^KN/, 'NN'],
  [/^K/, 'C'],
  [/^(PH|PF)/, 'FF'],
  [/^SCH/, 'SSS'],
];
const SUFFIXES: [RegExp, string][] = [
  [/(EE|IE)$/, 'Y'],
  [/(DT|RT|RD|NT|ND)$/, 'D'],
];

const isVowel = (c: string | undefined): boolean => c !== undefined && 'AEIOU'.includes(c);

/** Step 4 of NYSIIS: what the letter at i (and maybe the next ones) become, given their neighbours. */
function translate(chars: string[], i: number): string {
  const [prev, curr, next, after] = [chars[i - 1] ?? '', chars[i] ?? '', chars[i + 1], chars[i + 2]];
  if (curr === 'E' && next === 'V') return 'AF';
  if (isVowel(curr)) return 'A';
  if (curr === 'Q') return 'G';
  if (curr === 'Z') return 'S';
  if (curr === 'M') return 'N';
  if (curr === 'K') return next === 'N' ? 'NN' : 'C';
  if (curr === 'S' && next === 'C' && after === 'H') return 'SSS';
  if (curr === 'P' && next === 'H') return 'FF';
  if (curr === 'H' && (!isVowel(prev) || !isVowel(next))) return prev;
  if (curr === 'W' && isVowel(prev)) return prev;
  return curr;
}

/**
 * The original NYSIIS code (Taft 1970, as on Wikipedia and in Apache Commons Codec), without the
 * six-letter cut: the full code is more selective as a blocking key. Empty for a name with no Latin letters.
 */
export function nysiis(name: string): string {
  let word = normaliseName(name)
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  if (!word) return '';
  for (const [pattern, replacement] of PREFIXES)
    if (pattern.test(word)) {
      word = word.replace(pattern, replacement);
      break;
    }
  for (const [pattern, replacement] of SUFFIXES)
    if (pattern.test(word)) {
      word = word.replace(pattern, replacement);
      break;
    }

  const chars = [...word];
  let key = chars[0] ?? '';
  for (let i = 1; i < chars.length; i++) {
    const translated = translate(chars, i);
    chars.splice(i, translated.length, ...translated);
    if (chars[i] !== chars[i - 1]) key += chars[i];
  }

  if (key.length > 1 && key.endsWith('S')) key = key.slice(0, -1);
  if (key.length > 2 && key.endsWith('AY')) key = `${key.slice(0, -2)}Y`;
  if (key.length > 1 && key.endsWith('A')) key = key.slice(0, -1);
  return key;
}
