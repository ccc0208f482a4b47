// Letters that Unicode NFKD does not split into a base letter plus a combining mark.
const FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

// Surname particles are written, spaced and capitalised inconsistently ("van der Berg", "Vanderberg",
// "Berg"), so they are dropped from the parts compared one by one.
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'dos',
  'das',
  'du',
  'la',
  'le',
  'ten',
  'ter',
  'bin',
  'ibn',
]);

/**
 * The comparable form of a name: accents and diacritics removed, lower case, apostrophes dropped
 * (O'Brien = OBrien), any other punctuation a single space (Garcia-Lopez = Garcia Lopez).
 */
export function normaliseName(raw: string | undefined): string {
  if (!raw) return '';
  return raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþıħ]/g, (c) => FOLDS[c] ?? c)
    .replace(/['’‘`ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A surname in the three shapes that matching needs. */
export interface NameForms {
  /** "garcia lopez" */
  full: string;
  /** "garcialopez": hyphenated, spaced and run-together spellings agree */
  compact: string;
  /** ["garcia", "lopez"]: one part agreeing is evidence when the other part is missing */
  parts: string[];
}

export function nameForms(raw: string | undefined): NameForms | undefined {
  const full = normaliseName(raw);
  if (!full) return undefined;
  const tokens = full.split(' ');
  const parts = tokens.filter((t) => t.length > 1 && !PARTICLES.has(t));
  return { full, compact: tokens.join(''), parts: parts.length ? parts : tokens };
}

export interface EmailOptions {
  /**
   * Treat "first.last+jobs@gmail.com" as "firstlast@gmail.com": drop +tags everywhere and dots at Gmail.
   * Off by default: on an employer's own domain "j.smith" and "jsmith" can be two people.
   */
  gmailStyle?: boolean;
}

export function normaliseEmail(raw: string, options: EmailOptions = {}): string {
  const email = raw.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (!options.gmailStyle || at < 1) return email;
  const domain = email.slice(at + 1) === 'googlemail.com' ? 'gmail.com' : email.slice(at + 1);
  const local = email.slice(0, at).split('+')[0] ?? '';
  return `${domain === 'gmail.com' ? local.replace(/\./g, '') : local}@${domain}`;
}

/** Postcodes compare on letters and digits only: "SW1A 1AA" = "sw1a1aa". */
export function normalisePostcode(raw: string | undefined): string {
  return (raw ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
}
