import { HrError } from '../../errors';
import { COUNTRY_CODES } from '../../model/countries';

/** Checkr's `work_locations[]` entry (docs/vendors/checkr.md, "Work locations"). */
export interface WorkLocation {
  country: string;
  state?: string;
  city?: string;
}

/** One row of the connection's office table: an office the text of which cannot be read, and where it is. */
export interface OfficeRow extends WorkLocation {
  office: string;
}

/** What the hire says about where the person will work, as the ATS wrote it. */
export interface HireOffice {
  /** The office's name (Greenhouse `offices[].name`, e.g. "New York City"). */
  name?: string;
  /** The office's location text (Greenhouse `offices[].location`, e.g. "New York, NY"). */
  location?: string;
  /** The offer's location text, where the ATS has one. */
  offerLocation?: string;
}

/** USPS codes of the states, DC and the territories, with their names. */
const US_STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  PR: 'Puerto Rico',
  GU: 'Guam',
  VI: 'U.S. Virgin Islands',
  AS: 'American Samoa',
  MP: 'Northern Mariana Islands',
};

const norm = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
const STATE_BY_NAME = new Map(Object.entries(US_STATES).map(([code, name]) => [norm(name), code]));
const US_NAMES = new Set(['us', 'usa', 'u.s.', 'u.s.a.', 'united states', 'united states of america']);

/** Country names in English (Intl's own table) and the two everyday aliases, to their ISO codes. */
const COUNTRY_BY_NAME: ReadonlyMap<string, string> = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const byName = new Map<string, string>([
    ['uk', 'GB'],
    ['great britain', 'GB'],
    ['england', 'GB'],
    ['scotland', 'GB'],
    ['wales', 'GB'],
  ]);
  for (const code of COUNTRY_CODES) {
    const name = names.of(code);
    if (name && name !== code) byName.set(norm(name), code);
  }
  return byName;
})();

const stateCode = (text: string): string | undefined => {
  const t = text.trim();
  if (/^[A-Za-z]{2}$/.test(t) && US_STATES[t.toUpperCase()]) return t.toUpperCase();
  return STATE_BY_NAME.get(norm(t));
};

/** A city is kept only when it reads as one: no digits (a street line), not empty. */
const cityOf = (text: string | undefined) => (text && !/\d/.test(text) && text.trim() ? { city: text.trim() } : {});

/**
 * Reads a location text the way ATSs write offices: "City, ST" or "City, ST 10280" (a US state by its
 * USPS code or name), "City, State, USA", "City, Country" ("London, United Kingdom", "Berlin,
 * Germany"). A two-letter last part is read as a US state when it is one, as US offices are written
 * (so "Berlin, DE" is Delaware: such an office belongs in the office table, which is read first).
 * Undefined when the text does not say where it is.
 */
export function readLocationText(text: string): WorkLocation | undefined {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return undefined;
  let last = parts[parts.length - 1]!;
  let rest = parts.slice(0, -1);
  if (US_NAMES.has(norm(last))) {
    const state = rest.length ? stateCode(rest[rest.length - 1]!.replace(/\s+\d{5}(-\d{4})?$/, '')) : undefined;
    if (!state) return { country: 'US', ...cityOf(rest[rest.length - 1]) };
    return { country: 'US', state, ...cityOf(rest[rest.length - 2]) };
  }
  last = last.replace(/\s+\d{5}(-\d{4})?$/, '');
  const state = stateCode(last);
  if (state) return { country: 'US', state, ...cityOf(rest[rest.length - 1]) };
  const country =
    COUNTRY_BY_NAME.get(norm(last)) ?? (/^[A-Z]{2}$/.test(last) && COUNTRY_CODES.has(last) ? last : undefined);
  if (!country) return undefined;
  rest = rest.filter((p) => !/\d/.test(p));
  return { country, ...cityOf(rest[0]) };
}

/**
 * Reads the office table of the connection: one office a line, `office = country, state, city`
 * (state and city optional; a US office needs its state). An error names the line.
 */
export function parseOfficeTable(text: string): OfficeRow[] {
  const rows: OfficeRow[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    const where = `Checkr offices, line ${index + 1}`;
    const eq = line.indexOf('=');
    if (eq < 1)
      throw new HrError(
        'checkr.office_table_invalid',
        `${where}: write "office = country, state, city", e.g. "New York City = US, NY, New York".`,
      );
    const office = line.slice(0, eq).trim();
    const [country = '', state = '', city = ''] = line
      .slice(eq + 1)
      .split(',')
      .map((p) => p.trim());
    const code = country.toUpperCase();
    if (!COUNTRY_CODES.has(code))
      throw new HrError(
        'checkr.office_table_invalid',
        `${where}: "${country}" is not a two-letter country code (US, GB, DE, …).`,
      );
    if (code === 'US' && !US_STATES[state.toUpperCase()]) {
      throw new HrError(
        'checkr.office_table_invalid',
        `${where}: a US office needs its two-letter state code (NY, CA, …) after the country; "${state}" is not one.`,
      );
    }
    rows.push({
      office,
      country: code,
      ...(state ? { state: code === 'US' ? state.toUpperCase() : state } : {}),
      ...(city ? { city } : {}),
    });
  });
  return rows;
}

/**
 * Where Checkr is told the person will work: the office table's row for the hire's office, else what
 * the office's or the offer's location text says, else (for a hire that names no office) the
 * connection's default. Never a blank US state: Checkr refuses it (docs/vendors/checkr.md), so an
 * office whose state cannot be read holds the order with what to fill in.
 */
export function workLocationFor(
  hire: HireOffice | undefined,
  table: readonly OfficeRow[],
  fallback: WorkLocation,
  fallbackFix = 'fill in the state of the default Checkr work location in the HRIS connection, or give the hire an office',
): WorkLocation {
  const texts = [hire?.name, hire?.location, hire?.offerLocation].filter((t): t is string => !!t && !!t.trim());
  const office = hire?.name?.trim() || texts[0];
  let location: WorkLocation | undefined;
  if (!texts.length) location = fallback;
  else {
    const row = table.find((r) => texts.some((t) => norm(t) === norm(r.office)));
    if (row)
      location = {
        country: row.country,
        ...(row.state ? { state: row.state } : {}),
        ...(row.city ? { city: row.city } : {}),
      };
    else
      location = [hire?.location, hire?.offerLocation, hire?.name]
        .map((t) => (t ? readLocationText(t) : undefined))
        .find(Boolean);
  }
  if (!location) {
    throw new HrError(
      'checkr.office_unknown',
      `The hire's office "${texts.join(' / ')}" does not say which country it is in: add a line "${office} = country, state, city" to the Checkr offices of the HRIS connection, then retry this order.`,
    );
  }
  if (location.country.toUpperCase() === 'US' && !location.state?.trim()) {
    const fix = texts.length
      ? `add a line "${office} = US, <state>, <city>" to the Checkr offices of the HRIS connection`
      : fallbackFix;
    throw new HrError(
      'checkr.state_missing',
      `Checkr needs the state of a US work location${texts.length ? ` (office "${texts.join(' / ')}")` : ''}: ${fix}, then retry this order.`,
    );
  }
  return location;
}
