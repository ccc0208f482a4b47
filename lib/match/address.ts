import { normaliseName } from './normalise';

/** A street address in the parts compared: "12B Baker St., Apt 3" → { number: "12b", street: "bakerstreet", unit: "3" }. */
export interface StreetAddress {
  number: string;
  /** The street name with its abbreviations spelt out and its words run together ("hauptstr" = "haupt strasse"). */
  street: string;
  unit: string;
}

// Common abbreviations in US/UK, German, French and Spanish addresses, to one spelling.
const WORDS: Record<string, string> = {
  st: 'street',
  str: 'strasse',
  rd: 'road',
  ave: 'avenue',
  av: 'avenue',
  blvd: 'boulevard',
  bd: 'boulevard',
  dr: 'drive',
  ln: 'lane',
  ct: 'court',
  pl: 'place',
  sq: 'square',
  hwy: 'highway',
  pkwy: 'parkway',
  ter: 'terrace',
  terr: 'terrace',
  cres: 'crescent',
  cl: 'close',
  gdns: 'gardens',
  mt: 'mount',
  ft: 'fort',
  cir: 'circle',
  crt: 'court',
  wy: 'way',
  n: 'north',
  s: 'south',
  e: 'east',
  w: 'west',
  ne: 'northeast',
  nw: 'northwest',
  se: 'southeast',
  sw: 'southwest',
  c: 'calle',
  avda: 'avenida',
  pza: 'plaza',
  r: 'rue',
};
const UNIT_WORDS = new Set([
  'apt',
  'apartment',
  'unit',
  'suite',
  'ste',
  'flat',
  'fl',
  'floor',
  'room',
  'rm',
  'piso',
  'etage',
  'whg',
]);
// "Nr. 5", "No. 5": words that only announce the house number.
const NUMBER_WORDS = new Set(['no', 'nr', 'nro', 'num']);
const HOUSE_NUMBER = /^\d+[a-z]?$/;

/** undefined when the line has no street name. */
export function parseStreetAddress(line1: string | undefined, line2?: string): StreetAddress | undefined {
  // "#4" and "4/12" as units: mark them before normaliseName turns the punctuation into spaces.
  const marked = `${line1 ?? ''} ${line2 ?? ''}`.replace(/#\s*/g, ' unit ');
  const tokens = normaliseName(marked).split(' ').filter(Boolean);
  let number = '';
  let unit = '';
  const street: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (NUMBER_WORDS.has(t) && HOUSE_NUMBER.test(tokens[i + 1] ?? '')) continue;
    if (UNIT_WORDS.has(t) && tokens[i + 1]) {
      unit = tokens[++i] as string;
    } else if (HOUSE_NUMBER.test(t) && !number) {
      number = t;
    } else if (HOUSE_NUMBER.test(t) && !unit) {
      unit = t;
    } else {
      // "Hauptstr." is "Hauptstraße" glued: spelt out like the separate "Haupt Str.".
      street.push(WORDS[t] ?? (t.length > 5 && t.endsWith('str') ? `${t.slice(0, -3)}strasse` : t));
    }
  }
  const name = street.join('');
  return name ? { number, street: name, unit } : undefined;
}
