import { jaroWinkler } from './jaroWinkler';
import { nationalIdsAlike } from './nationalId';
import { areNormalisedNicknames } from './nicknames';
import type { NameForms } from './normalise';
import type { PreparedPerson } from './prepare';

// Comparison levels, strongest first; a pair takes the first level it satisfies. The name levels and
// cut-offs are Splink's NameComparison / ForenameSurnameComparison (docs/matching.md, "Name comparison levels").
// No phonetic level for forenames: NYSIIS folds short given names together (James, John and Jane are all JAN).
export const FORENAME_LEVELS = [
  'exact',
  'nickname',
  'jw92',
  'jw88',
  'initial',
  'swapped',
  'different',
  'missing',
] as const;
export const SURNAME_LEVELS = [
  'exact',
  'partial',
  'jw92',
  'jw88',
  'phonetic',
  'swapped',
  'different',
  'missing',
] as const;
export const EMAIL_LEVELS = ['exact', 'username', 'jw88', 'different', 'missing'] as const;
export const PHONE_LEVELS = ['exact', 'different', 'missing'] as const;
export const DATE_OF_BIRTH_LEVELS = ['exact', 'close', 'different', 'missing'] as const;
export const LOCATION_LEVELS = ['postcode', 'city', 'different', 'missing'] as const;
export const EXTERNAL_ID_LEVELS = ['exact', 'different', 'missing'] as const;
export const STREET_LEVELS = ['exact', 'close', 'street', 'different', 'missing'] as const;
export const NATIONAL_ID_LEVELS = ['exact', 'close', 'different', 'missing'] as const;

export type ForenameLevel = (typeof FORENAME_LEVELS)[number];
export type SurnameLevel = (typeof SURNAME_LEVELS)[number];
export type EmailLevel = (typeof EMAIL_LEVELS)[number];
export type PhoneLevel = (typeof PHONE_LEVELS)[number];
export type DateOfBirthLevel = (typeof DATE_OF_BIRTH_LEVELS)[number];
export type LocationLevel = (typeof LOCATION_LEVELS)[number];
export type ExternalIdLevel = (typeof EXTERNAL_ID_LEVELS)[number];
export type StreetLevel = (typeof STREET_LEVELS)[number];
export type NationalIdLevel = (typeof NATIONAL_ID_LEVELS)[number];

export interface Compared<L extends string> {
  level: L;
  /**
   * What produced the level, for a reviewer. A function, because a lookup scores every candidate but
   * explains only the few most probable: building the text for all of them was a good part of the cost.
   */
  describe: () => string;
  /** The agreeing normalised value, for term-frequency adjustment of an exact name match. */
  value?: string;
}

const FUZZY_HIGH = 0.92;
const FUZZY_LOW = 0.88;

const said = (text: string) => () => text;

function best<L extends string>(order: readonly L[], results: Compared<L>[]): Compared<L> | undefined {
  return results.reduce<Compared<L> | undefined>(
    (a, b) => (!a || order.indexOf(b.level) < order.indexOf(a.level) ? b : a),
    undefined,
  );
}

const fuzzy = (similarity: number): 'jw92' | 'jw88' | undefined =>
  similarity >= FUZZY_HIGH ? 'jw92' : similarity >= FUZZY_LOW ? 'jw88' : undefined;

/** Both names already normalised, as PreparedPerson holds them. */
function compareGivenName(x: string, y: string): Compared<ForenameLevel> {
  const shown = () => `"${x}" vs "${y}"`;
  if (x === y) return { level: 'exact', describe: shown, value: x };
  if (areNormalisedNicknames(x, y)) return { level: 'nickname', describe: () => `${shown()}: nicknames` };
  const similarity = jaroWinkler(x, y);
  const jw = fuzzy(similarity);
  if (jw) return { level: jw, describe: () => `${shown()}: Jaro-Winkler ${similarity.toFixed(3)}` };
  if ((x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y)))
    return { level: 'initial', describe: () => `${shown()}: initial` };
  return { level: 'different', describe: shown };
}

export function compareForename(a: PreparedPerson, b: PreparedPerson): Compared<ForenameLevel> {
  const pairs = a.givenNames.flatMap((x) => b.givenNames.map((y) => compareGivenName(x, y)));
  return best(FORENAME_LEVELS, pairs) ?? { level: 'missing', describe: said('a forename is missing') };
}

export function compareSurname(x: PreparedPerson, y: PreparedPerson): Compared<SurnameLevel> {
  const [a, b] = [x.surname, y.surname];
  if (!a || !b) return { level: 'missing', describe: said('a surname is missing') };
  const shown = () => `"${a.full}" vs "${b.full}"`;
  if (a.compact === b.compact) return { level: 'exact', describe: shown, value: a.full };
  const shared = a.parts.find((p) => b.parts.includes(p));
  if (shared) return { level: 'partial', describe: () => `${shown()}: share "${shared}"` };
  const similarity = jaroWinkler(a.compact, b.compact);
  const jw = fuzzy(similarity);
  if (jw) return { level: jw, describe: () => `${shown()}: Jaro-Winkler ${similarity.toFixed(3)}` };
  if (x.surnameSound !== '' && x.surnameSound === y.surnameSound)
    return { level: 'phonetic', describe: () => `${shown()}: both sound ${x.surnameSound}` };
  return { level: 'different', describe: shown };
}

const CLOSE_GIVEN_NAME: ReadonlySet<string> = new Set(['exact', 'nickname', 'jw92']);

/** Forename of each against surname of the other, for records keyed in with the names swapped. */
export function namesSwapped(a: PreparedPerson, b: PreparedPerson): boolean {
  const close = (names: string[], surname: NameForms | undefined) =>
    !!surname && names.some((n) => CLOSE_GIVEN_NAME.has(compareGivenName(n, surname.full).level));
  return close(a.givenNames, b.surname) && close(b.givenNames, a.surname);
}

function localPart(email: string): string {
  return email.slice(0, email.lastIndexOf('@'));
}

export function compareEmail(a: string[], b: string[]): Compared<EmailLevel> {
  if (!a.length || !b.length) return { level: 'missing', describe: said('an email is missing') };
  const pairs = a.flatMap((x) =>
    b.map((y): Compared<EmailLevel> => {
      if (x === y) return { level: 'exact', describe: said(x) };
      // A short local part ("hr", "info", "jon") says little about who owns the address.
      if (localPart(x).length >= 4 && localPart(x) === localPart(y))
        return { level: 'username', describe: () => `${x} vs ${y}: same user name` };
      const similarity = jaroWinkler(x, y);
      if (similarity >= FUZZY_LOW)
        return { level: 'jw88', describe: () => `${x} vs ${y}: Jaro-Winkler ${similarity.toFixed(3)}` };
      return { level: 'different', describe: () => `${a.length} vs ${b.length} address(es), none alike` };
    }),
  );
  return best(EMAIL_LEVELS, pairs) ?? { level: 'missing', describe: said('an email is missing') };
}

export function comparePhone(a: string[], b: string[]): Compared<PhoneLevel> {
  if (!a.length || !b.length) return { level: 'missing', describe: said('a phone is missing') };
  const shared = a.find((p) => b.includes(p));
  return shared
    ? { level: 'exact', describe: said(shared) }
    : { level: 'different', describe: () => `${a.length} vs ${b.length} number(s), none shared` };
}

export function compareDateOfBirth(a: string | undefined, b: string | undefined): Compared<DateOfBirthLevel> {
  if (!a || !b) return { level: 'missing', describe: said('a date of birth is missing') };
  if (a === b) return { level: 'exact', describe: said('same date') };
  // One mistyped digit, or day and month entered the other way round (US vs European order).
  let differing = a.length === b.length ? 0 : 2;
  for (let i = 0; i < a.length && differing < 2; i++) if (a[i] !== b[i]) differing++;
  if (differing === 1) return { level: 'close', describe: said('one digit differs') };
  // YYYY-MM-DD: the year is [0, 4), the month [5, 7), the day [8, 10).
  const dayMonthSwapped =
    a.length === 10 &&
    b.length === 10 &&
    a.slice(0, 5) === b.slice(0, 5) &&
    a.slice(5, 7) === b.slice(8, 10) &&
    a.slice(8, 10) === b.slice(5, 7);
  return dayMonthSwapped
    ? { level: 'close', describe: said('day and month swapped') }
    : { level: 'different', describe: said('dates differ') };
}

export function compareLocation(a: PreparedPerson, b: PreparedPerson): Compared<LocationLevel> {
  // Country only guards postcodes ("10115" exists in several countries); its spelling varies too much to compare.
  const countriesAgree = !a.country || !b.country || a.country === b.country;
  if (countriesAgree && a.postcode && a.postcode === b.postcode)
    return { level: 'postcode', describe: () => `postcode ${a.postcode}` };
  if (a.city && b.city && (a.city === b.city || jaroWinkler(a.city, b.city) >= FUZZY_LOW))
    return { level: 'city', describe: () => `city "${a.city}" vs "${b.city}"` };
  const comparable = (a.postcode && b.postcode) || (a.city && b.city);
  return comparable
    ? { level: 'different', describe: said('postcode and city differ') }
    : { level: 'missing', describe: said('no comparable address') };
}

export function compareExternalIds(
  a: Map<string, Set<string>>,
  b: Map<string, Set<string>>,
): Compared<ExternalIdLevel> {
  const systems = [...a.keys()].filter((s) => b.has(s));
  if (!systems.length) return { level: 'missing', describe: said('no system in common') };
  for (const system of systems) {
    const id = [...(a.get(system) ?? [])].find((x) => b.get(system)?.has(x));
    if (id !== undefined) return { level: 'exact', describe: said(`${system}:${id}`) };
  }
  return { level: 'different', describe: () => `different ids in ${systems.join(', ')}` };
}

/** One character changed, dropped, added or swapped with its neighbour: "12" vs "21", "14" vs "114". */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const [ra, rb] = [a.slice(i), b.slice(i)];
  return (
    ra.slice(1) === rb.slice(1) ||
    ra.slice(1) === rb ||
    ra === rb.slice(1) ||
    (ra[0] === rb[1] && ra[1] === rb[0] && ra.slice(2) === rb.slice(2))
  );
}

/**
 * exact: house number and street agree, and the units do not differ; close: one of number or street
 * mistyped (the street at Jaro-Winkler ≥ 0.88); street: the same street, another number or none; different. A unit that differs makes an
 * exact address close: the same building, perhaps another household.
 */
export function compareStreet(x: PreparedPerson, y: PreparedPerson): Compared<StreetLevel> {
  const [a, b] = [x.street, y.street];
  if (!a || !b) return { level: 'missing', describe: said('a street address is missing') };
  const shown = () =>
    `"${[a.number, a.street, a.unit].filter(Boolean).join(' ')}" vs "${[b.number, b.street, b.unit].filter(Boolean).join(' ')}"`;
  const sameStreet = a.street === b.street;
  const numbers =
    a.number && b.number
      ? a.number === b.number
        ? 'same'
        : oneEditApart(a.number, b.number)
          ? 'typo'
          : 'other'
      : 'missing';
  const unitsDiffer = !!a.unit && !!b.unit && a.unit !== b.unit;
  if (sameStreet && numbers === 'same' && !unitsDiffer) return { level: 'exact', describe: shown, value: a.street };
  const similarity = sameStreet ? 1 : jaroWinkler(a.street, b.street);
  if ((numbers === 'same' && similarity >= FUZZY_LOW) || (sameStreet && numbers === 'typo')) {
    return {
      level: 'close',
      describe: () =>
        `${shown()}: ${sameStreet ? (unitsDiffer ? 'another unit' : 'house number one keystroke apart') : `street Jaro-Winkler ${similarity.toFixed(3)}`}`,
    };
  }
  if (sameStreet) return { level: 'street', describe: () => `${shown()}: same street`, value: a.street };
  return { level: 'different', describe: shown };
}

export function compareNationalId(x: PreparedPerson, y: PreparedPerson): Compared<NationalIdLevel> {
  if (!x.nationalId || !y.nationalId) return { level: 'missing', describe: said('a national id is missing') };
  const level = nationalIdsAlike(x.nationalId, y.nationalId);
  // Only the level is shown: the hashes would tell a reader nothing, and the id is never kept.
  return {
    level,
    describe: said(
      level === 'exact'
        ? 'same national id'
        : level === 'close'
          ? 'national ids one keystroke apart'
          : 'national ids differ',
    ),
  };
}
