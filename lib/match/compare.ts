import { jaroWinkler } from './jaroWinkler';
import { areNicknames } from './nicknames';
import type { NameForms } from './normalise';
import { nysiis } from './phonetic';
import type { PreparedPerson } from './prepare';

// Comparison levels, strongest first; a pair takes the first level it satisfies. The name levels and
// cut-offs are Splink's NameComparison / ForenameSurnameComparison (matching-notes §2.1, [E4]).
// No phonetic level for forenames: NYSIIS folds short given names together (James, John and Jane are all JAN).
export const FORENAME_LEVELS = ['exact', 'nickname', 'jw92', 'jw88', 'initial', 'swapped', 'different', 'missing'] as const;
export const SURNAME_LEVELS = ['exact', 'partial', 'jw92', 'jw88', 'phonetic', 'swapped', 'different', 'missing'] as const;
export const EMAIL_LEVELS = ['exact', 'username', 'jw88', 'different', 'missing'] as const;
export const PHONE_LEVELS = ['exact', 'different', 'missing'] as const;
export const DATE_OF_BIRTH_LEVELS = ['exact', 'close', 'different', 'missing'] as const;
export const LOCATION_LEVELS = ['postcode', 'city', 'different', 'missing'] as const;
export const EXTERNAL_ID_LEVELS = ['exact', 'different', 'missing'] as const;

export type ForenameLevel = (typeof FORENAME_LEVELS)[number];
export type SurnameLevel = (typeof SURNAME_LEVELS)[number];
export type EmailLevel = (typeof EMAIL_LEVELS)[number];
export type PhoneLevel = (typeof PHONE_LEVELS)[number];
export type DateOfBirthLevel = (typeof DATE_OF_BIRTH_LEVELS)[number];
export type LocationLevel = (typeof LOCATION_LEVELS)[number];
export type ExternalIdLevel = (typeof EXTERNAL_ID_LEVELS)[number];

export interface Compared<L extends string> {
  level: L;
  detail: string;
  /** The agreeing normalised value, for term-frequency adjustment of an exact name match. */
  value?: string;
}

const FUZZY_HIGH = 0.92;
const FUZZY_LOW = 0.88;

function best<L extends string>(order: readonly L[], results: Compared<L>[]): Compared<L> | undefined {
  return results.reduce<Compared<L> | undefined>((a, b) => (!a || order.indexOf(b.level) < order.indexOf(a.level) ? b : a), undefined);
}

const fuzzy = (x: string, y: string): 'jw92' | 'jw88' | undefined => {
  const s = jaroWinkler(x, y);
  return s >= FUZZY_HIGH ? 'jw92' : s >= FUZZY_LOW ? 'jw88' : undefined;
};

function compareGivenName(x: string, y: string): Compared<ForenameLevel> {
  const shown = `"${x}" vs "${y}"`;
  if (x === y) return { level: 'exact', detail: shown, value: x };
  if (areNicknames(x, y)) return { level: 'nickname', detail: `${shown}: nicknames` };
  const jw = fuzzy(x, y);
  if (jw) return { level: jw, detail: `${shown}: Jaro-Winkler ${jaroWinkler(x, y).toFixed(3)}` };
  if ((x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y))) return { level: 'initial', detail: `${shown}: initial` };
  return { level: 'different', detail: shown };
}

export function compareForename(a: PreparedPerson, b: PreparedPerson): Compared<ForenameLevel> {
  const pairs = a.givenNames.flatMap((x) => b.givenNames.map((y) => compareGivenName(x, y)));
  return best(FORENAME_LEVELS, pairs) ?? { level: 'missing', detail: 'a forename is missing' };
}

export function compareSurname(a: NameForms | undefined, b: NameForms | undefined): Compared<SurnameLevel> {
  if (!a || !b) return { level: 'missing', detail: 'a surname is missing' };
  const shown = `"${a.full}" vs "${b.full}"`;
  if (a.compact === b.compact) return { level: 'exact', detail: shown, value: a.full };
  const shared = a.parts.find((p) => b.parts.includes(p));
  if (shared) return { level: 'partial', detail: `${shown}: share "${shared}"` };
  const jw = fuzzy(a.compact, b.compact);
  if (jw) return { level: jw, detail: `${shown}: Jaro-Winkler ${jaroWinkler(a.compact, b.compact).toFixed(3)}` };
  const code = nysiis(a.compact);
  if (code !== '' && code === nysiis(b.compact)) return { level: 'phonetic', detail: `${shown}: both sound ${code}` };
  return { level: 'different', detail: shown };
}

/** Forename of each against surname of the other, for records keyed in with the names swapped. */
export function namesSwapped(a: PreparedPerson, b: PreparedPerson): boolean {
  const close = (names: string[], surname: NameForms | undefined) =>
    !!surname && names.some((n) => ['exact', 'nickname', 'jw92'].includes(compareGivenName(n, surname.full).level));
  return close(a.givenNames, b.surname) && close(b.givenNames, a.surname);
}

function localPart(email: string): string {
  return email.slice(0, email.lastIndexOf('@'));
}

export function compareEmail(a: string[], b: string[]): Compared<EmailLevel> {
  if (!a.length || !b.length) return { level: 'missing', detail: 'an email is missing' };
  const pairs = a.flatMap((x) =>
    b.map((y): Compared<EmailLevel> => {
      if (x === y) return { level: 'exact', detail: x };
      // A short local part ("hr", "info", "jon") says little about who owns the address.
      if (localPart(x).length >= 4 && localPart(x) === localPart(y)) return { level: 'username', detail: `${x} vs ${y}: same user name` };
      if (jaroWinkler(x, y) >= FUZZY_LOW) return { level: 'jw88', detail: `${x} vs ${y}: Jaro-Winkler ${jaroWinkler(x, y).toFixed(3)}` };
      return { level: 'different', detail: `${a.length} vs ${b.length} address(es), none alike` };
    }),
  );
  return best(EMAIL_LEVELS, pairs) ?? { level: 'missing', detail: 'an email is missing' };
}

export function comparePhone(a: string[], b: string[]): Compared<PhoneLevel> {
  if (!a.length || !b.length) return { level: 'missing', detail: 'a phone is missing' };
  const shared = a.find((p) => b.includes(p));
  return shared ? { level: 'exact', detail: shared } : { level: 'different', detail: `${a.length} vs ${b.length} number(s), none shared` };
}

export function compareDateOfBirth(a: string | undefined, b: string | undefined): Compared<DateOfBirthLevel> {
  if (!a || !b) return { level: 'missing', detail: 'a date of birth is missing' };
  if (a === b) return { level: 'exact', detail: 'same date' };
  // One mistyped digit, or day and month entered the other way round (US vs European order).
  const oneDigit = a.length === b.length && [...a].filter((c, i) => c !== b[i]).length === 1;
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  const dayMonthSwapped = ya === yb && ma === db && da === mb;
  if (oneDigit || dayMonthSwapped) return { level: 'close', detail: oneDigit ? 'one digit differs' : 'day and month swapped' };
  return { level: 'different', detail: 'dates differ' };
}

export function compareLocation(a: PreparedPerson, b: PreparedPerson): Compared<LocationLevel> {
  // Country only guards postcodes ("10115" exists in several countries); its spelling varies too much to compare.
  const countriesAgree = !a.country || !b.country || a.country === b.country;
  if (countriesAgree && a.postcode && a.postcode === b.postcode) return { level: 'postcode', detail: `postcode ${a.postcode}` };
  if (a.city && b.city && (a.city === b.city || jaroWinkler(a.city, b.city) >= FUZZY_HIGH)) return { level: 'city', detail: `city "${a.city}" vs "${b.city}"` };
  const comparable = (a.postcode && b.postcode) || (a.city && b.city);
  return comparable ? { level: 'different', detail: 'postcode and city differ' } : { level: 'missing', detail: 'no comparable address' };
}

export function compareExternalIds(a: Map<string, Set<string>>, b: Map<string, Set<string>>): Compared<ExternalIdLevel> {
  const systems = [...a.keys()].filter((s) => b.has(s));
  if (!systems.length) return { level: 'missing', detail: 'no system in common' };
  for (const system of systems) {
    const id = [...(a.get(system) ?? [])].find((x) => b.get(system)?.has(x));
    if (id !== undefined) return { level: 'exact', detail: `${system}:${id}` };
  }
  return { level: 'different', detail: `different ids in ${systems.join(', ')}` };
}
