const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;
// Winkler applies the prefix bonus only above this Jaro score, so two unrelated strings that share
// a first letter are not lifted towards a match.
const BOOST_THRESHOLD = 0.7;

// Scoring compares many names and addresses per lookup, so the code points go into buffers kept
// between calls instead of fresh arrays each time (jaro is synchronous, so nothing else uses them meanwhile).
let sCodes = new Int32Array(64);
let tCodes = new Int32Array(64);
let sMatched = new Uint8Array(64);
let tMatched = new Uint8Array(64);

/** Writes the code points of x into the buffer and returns how many there are. */
function load(x: string, into: Int32Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++, n++) {
    const code = x.codePointAt(i)!;
    into[n] = code;
    if (code > 0xffff) i++;
  }
  return n;
}

function ensure(size: number): void {
  if (size <= sCodes.length) return;
  const next = 2 ** Math.ceil(Math.log2(size));
  [sCodes, tCodes, sMatched, tMatched] = [
    new Int32Array(next),
    new Int32Array(next),
    new Uint8Array(next),
    new Uint8Array(next),
  ];
}

/** Jaro of the code points loaded into sCodes[0..n) and tCodes[0..m). */
function jaroLoaded(n: number, m: number): number {
  if (n === 0 || m === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(n, m) / 2) - 1);
  sMatched.fill(0, 0, n);
  tMatched.fill(0, 0, m);
  let matches = 0;
  for (let i = 0; i < n; i++) {
    const end = Math.min(m - 1, i + window);
    for (let j = Math.max(0, i - window); j <= end; j++) {
      if (tMatched[j] || sCodes[i] !== tCodes[j]) continue;
      sMatched[i] = 1;
      tMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;

  let outOfOrder = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (!sMatched[i]) continue;
    while (!tMatched[j]) j++;
    if (sCodes[i] !== tCodes[j]) outOfOrder++;
    j++;
  }
  const transpositions = outOfOrder / 2;
  return (matches / n + matches / m + (matches - transpositions) / matches) / 3;
}

/**
 * Jaro similarity in [0, 1], over code points rather than UTF-16 units so an accented or astral letter
 * counts once. Symmetry, range and identity are property-tested: other libraries shipped bugs in each
 * (docs/matching.md, "Jaro-Winkler implementations").
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  ensure(Math.max(a.length, b.length));
  return jaroLoaded(load(a, sCodes), load(b, tCodes));
}

/** Jaro-Winkler similarity in [0, 1]: prefix scale 0.1, at most 4 prefix characters. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  ensure(Math.max(a.length, b.length));
  const [n, m] = [load(a, sCodes), load(b, tCodes)];
  const j = jaroLoaded(n, m);
  if (j <= BOOST_THRESHOLD) return j;
  let prefix = 0;
  while (prefix < MAX_PREFIX && prefix < n && prefix < m && sCodes[prefix] === tCodes[prefix]) prefix++;
  return j + prefix * PREFIX_SCALE * (1 - j);
}
