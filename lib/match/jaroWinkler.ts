const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;
// Winkler applies the prefix bonus only above this Jaro score, so two unrelated strings that share
// a first letter are not lifted towards a match.
const BOOST_THRESHOLD = 0.7;

/**
 * Jaro similarity in [0, 1], over code points rather than UTF-16 units so an accented or astral letter
 * counts once. Symmetry, range and identity are property-tested: other libraries shipped bugs in each
 * (matching-notes §2.5).
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const [s, t] = [Array.from(a), Array.from(b)];
  if (s.length === 0 || t.length === 0) return 0;

  const window = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1);
  const sMatched = new Uint8Array(s.length);
  const tMatched = new Uint8Array(t.length);
  let matches = 0;
  for (let i = 0; i < s.length; i++) {
    const end = Math.min(t.length - 1, i + window);
    for (let j = Math.max(0, i - window); j <= end; j++) {
      if (tMatched[j] || s[i] !== t[j]) continue;
      sMatched[i] = 1;
      tMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;

  let outOfOrder = 0;
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    if (!sMatched[i]) continue;
    while (!tMatched[j]) j++;
    if (s[i] !== t[j]) outOfOrder++;
    j++;
  }
  const transpositions = outOfOrder / 2;
  return (matches / s.length + matches / t.length + (matches - transpositions) / matches) / 3;
}

/** Jaro-Winkler similarity in [0, 1]: prefix scale 0.1, at most 4 prefix characters. */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j <= BOOST_THRESHOLD) return j;
  const s = Array.from(a);
  const t = Array.from(b);
  let prefix = 0;
  while (prefix < MAX_PREFIX && prefix < s.length && prefix < t.length && s[prefix] === t[prefix]) prefix++;
  return j + prefix * PREFIX_SCALE * (1 - j);
}
