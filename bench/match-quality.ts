// Match quality on a synthetic, labelled workload: a store of persons, then incoming records that are
// either a stored person seen again (with the variation real ATS and HRIS data has) or somebody new
// (including namesakes and household members of stored persons). Each incoming record is looked up in a
// real store (SQLite on a RAM disk where there is one) through lookupCandidates, blocked, scored and
// decided exactly as the dedupe node does it; nothing is written back, so every case meets the same store.
//   node dist/bench/match-quality.js [full] [storeSize=N] [duplicates=N] [newcomers=N] [seed=N] [maxBlockSize=N] [candidateLimit=N] [identityAlone=P] [misses=N] [contact=0|1] [learn=0|1] [ablate=0|1]
// ablate=1 weighs street address and national id at 0 (m = u), to show what those comparisons add.
// learn=1 (default) then learns the weights by EM from the pairs the lookups scored and random stored
// pairs, as the dedupe node's "learn weights" does, prints them, and measures again with them.
// contact=0 (default) is the harder workload: no email or phone on any incoming record, no ATS id in
// common, and the corruptions of CORRUPTION below on names, birth date, street address and national id;
// contact=1 is the earlier workload, where returning persons often keep an email, phone or ATS id.
// identityAlone=P sets the dedupe node's "Review on identity at" (1 turns the rule off).
// misses=N prints N missed duplicates, each with the stored record and the scored fields of the best candidate.
// maxBlockSize and candidateLimit default to the node's; scaled down with the store, they show what the
// cap on common blocks costs in recall at a larger store (e.g. storeSize=20000 maxBlockSize=6 is the
// density of a million persons with the default 300).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import {
  digestNationalId,
  normaliseName,
  patternOf,
  type MatchablePerson,
  type MatchModel,
  type PatternCount,
} from '../lib/match';
import { learnWeights } from '../lib/dedupe/learnWeights';
import { lookupCandidates, type Lookup } from '../lib/dedupe/identityResolution';
import { matchIndexOf } from '../lib/dedupe/matchable';
import { openStore, type JsonObject, type NewPerson } from '../lib/store';
import { parseConfig } from '../nodes/hr-dedupe/settings';
import { benchOptions } from './support/options';
import { summarize } from './support/percentiles';
import { printResult } from './support/report';

const { settings: nodeSettings } = parseConfig({}, 'bench');
const sizes = benchOptions(
  {
    storeSize: 2_000,
    duplicates: 300,
    newcomers: 300,
    seed: 20240611,
    maxBlockSize: nodeSettings.maxBlockSize,
    candidateLimit: nodeSettings.candidateLimit,
    identityAlone: nodeSettings.thresholds.identityAlone ?? 1,
    misses: 0,
    contact: 0,
    learn: 1,
    ablate: 0,
  },
  {
    storeSize: 10_000,
    duplicates: 3_000,
    newcomers: 3_000,
    seed: 20240611,
    maxBlockSize: nodeSettings.maxBlockSize,
    candidateLimit: nodeSettings.candidateLimit,
    identityAlone: nodeSettings.thresholds.identityAlone ?? 1,
    misses: 0,
    contact: 0,
    learn: 1,
    ablate: 0,
  },
);
const CONTACT = sizes.contact === 1;

/**
 * How often each corruption hits a returning person in the harder workload (contact=0), modelled on
 * public synthetic person-record benchmarks (names, birth date, address, national id; no email or phone).
 * BENCHMARKS.md lists the same rates.
 */
const CORRUPTION = {
  forenameMissing: 0.04,
  surnameMissing: 0.04,
  birthDateMissing: 0.08,
  dayMonthSwapped: 0.05,
  birthDateTypo: 0.03,
  streetMissing: 0.08,
  streetAbbreviated: 0.3,
  streetTypo: 0.1,
  houseNumberTypo: 0.03,
  suburbTypo: 0.1,
  postcodeMissing: 0.1,
  moved: 0.1,
  nationalIdMissing: 0.05,
  nationalIdTransposed: 0.03,
  nationalIdTypo: 0.02,
};
const STORE_SIZE = sizes.storeSize;
const DUPLICATES = sizes.duplicates;
const NEWCOMERS = sizes.newcomers;
const FILL_BATCH = 1_000;

let state = sizes.seed >>> 0;
function random(): number {
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const chance = (p: number) => random() < p;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
/** Zipf-like: the i-th entry is drawn with weight 1/(i+8), so the first one is about 4 % of draws. */
function zipf<T>(xs: readonly T[]): () => T {
  const cumulative: number[] = [];
  xs.reduce((sum, _, i) => (cumulative[i] = sum + 1 / (i + 8)), 0);
  const total = cumulative[cumulative.length - 1] ?? 1;
  return () => xs[cumulative.findIndex((c) => c >= random() * total)] ?? (xs[0] as T);
}

const FIRST =
  `James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica
Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Margaret Anthony Sandra Mark Ashley Donald Kimberly Steven Emily
Paul Donna Andrew Michelle Joshua Carol Kenneth Amanda Kevin Melissa Brian Deborah George Stephanie Timothy Rebecca Ronald Laura
Jason Sharon Edward Cynthia Jeffrey Kathleen Ryan Amy Jacob Angela Gary Shirley Nicholas Anna Eric Brenda Jonathan Pamela Stephen
Nicole Larry Katherine Justin Samantha Scott Christine Brandon Catherine Benjamin Victoria Samuel Alexander Alexandra Siobhán
Zoë José María François Chloé Björn Søren Łukasz Małgorzata Jürgen Núria Aoife Oluwaseun Chidi Priya Arjun Wei Mei Hiroshi Yuki
Mohammed Fatima Aleksandr Ekaterina Dmitri Guillermo Francisco Alejandro Renée Sinéad Thandiwe Kwame Ngozi Astrid Ingrid Lars`.split(
    /\s+/,
  );
const SURNAMES =
  `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson
Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King
Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Müller Schmidt
Schneider Fischer Weber Meyer Wagner Becker Dubois Lefèvre Moreau Fernández González Pérez Sánchez Rossi Russo Ferrari Esposito
Kowalski Nowak Wiśniewski O'Brien O'Connor Murphy Kelly Walsh Jansen Bakker Svensson Andersson Johansson Nielsen Hansen Patel
Shah Singh Kumar Khan Ahmed Ali Chen Wang Li Zhang Liu Kim Park Tanaka Suzuki Okonkwo Mensah Adeyemi Novak Horváth Popescu Ivanov
Petrov Papadopoulos Yılmaz Cohen Levi`
    .split(/\s+/)
    .concat(['García López', 'van der Berg', 'De la Cruz', 'Smith-Jones', 'Fernández Ruiz']);
const SYLLABLES = 'ka lo ven dor mi sa tre bel ro nak fi gu har wen os li zan per qui tor ba del mon rik sel'.split(
  ' ',
);
// Nicknames as people actually use them; some (Topher, Patsy, Bex, Memo, Mo) are not in the matcher's table.
const NICKNAMES: Record<string, string[]> = {
  William: ['Bill', 'Will', 'Liam'],
  Robert: ['Bob', 'Rob', 'Bobby'],
  Elizabeth: ['Liz', 'Beth', 'Lisa'],
  Katherine: ['Kate', 'Kathy'],
  Catherine: ['Cathy', 'Kate'],
  Michael: ['Mike', 'Mick'],
  James: ['Jim', 'Jamie'],
  Richard: ['Rick', 'Dick', 'Rich'],
  Margaret: ['Peggy', 'Maggie', 'Meg'],
  Anthony: ['Tony'],
  Alexander: ['Alex', 'Sasha'],
  Alexandra: ['Alex', 'Sasha', 'Lexi'],
  Jonathan: ['Jon', 'Johnny'],
  John: ['Jon', 'Jack', 'Johnny'],
  Christopher: ['Chris', 'Topher'],
  Daniel: ['Dan', 'Danny'],
  Thomas: ['Tom', 'Tommy'],
  Jennifer: ['Jen', 'Jenny'],
  Patricia: ['Pat', 'Patsy', 'Trish'],
  Susan: ['Sue', 'Susie'],
  Joseph: ['Joe', 'Joey'],
  David: ['Dave'],
  Matthew: ['Matt'],
  Samantha: ['Sam'],
  Rebecca: ['Becky', 'Bex'],
  Deborah: ['Debbie'],
  Victoria: ['Vicky', 'Tori'],
  Guillermo: ['Memo'],
  Mohammed: ['Mo'],
  Aleksandr: ['Sasha'],
  Francisco: ['Paco'],
  Nicholas: ['Nick'],
  Timothy: ['Tim'],
  Edward: ['Ed', 'Ted'],
  Kenneth: ['Ken'],
  Stephen: ['Steve'],
  Steven: ['Steve'],
  Samuel: ['Sam'],
};
const PLACES: [string, string, () => string][] = [
  ['US', 'San Francisco', () => `941${digits(2)}`],
  ['US', 'New York', () => `100${digits(2)}`],
  ['US', 'Austin', () => `787${digits(2)}`],
  ['GB', 'London', () => `${pick(['N1', 'E2', 'SW1A', 'SE15'])} ${digits(1)}${pick(['AB', 'XY', 'QT'])}`],
  ['GB', 'Manchester', () => `M${digits(1)} ${digits(1)}AA`],
  ['DE', 'Berlin', () => `10${digits(3)}`],
  ['DE', 'München', () => `80${digits(3)}`],
  ['ES', 'Madrid', () => `280${digits(2)}`],
  ['FR', 'Paris', () => `750${digits(2)}`],
  ['PL', 'Kraków', () => `30-${digits(3)}`],
];
const PHONE_PREFIX: Record<string, () => string> = {
  US: () => `+1${pick(['415', '212', '512', '646'])}${2 + Math.floor(random() * 8)}${digits(6)}`,
  GB: () => `+447${digits(9)}`,
  DE: () => `+4915${digits(9)}`,
  ES: () => `+346${digits(8)}`,
  FR: () => `+336${digits(8)}`,
  PL: () => `+485${digits(8)}`,
};
const STREET_NAMES =
  `High Church Station Park Victoria Green Mill School Main Oak Elm Maple Cedar Pine Washington Lincoln Jefferson
Madison King Queen Market Bridge Water River Lake Hill Forest Spring Chestnut Walnut Willow Garden North South West East Castle Abbey
Manor Orchard Meadow Grove Kirk Bahnhof Haupt Schiller Goethe Linden Berliner Kant Mozart Rosen Mayor Alcala Gran Serrano Rivoli
Lafayette Voltaire Florianska Dluga Grodzka Augusta Liberdade Sunset Harbor Highland Albert Regent Baker Oxford Cambridge York`.split(
    /\s+/,
  );
const STREET_TYPES: [string, string][] = [
  ['Street', 'St'],
  ['Road', 'Rd'],
  ['Avenue', 'Ave'],
  ['Lane', 'Ln'],
  ['Drive', 'Dr'],
  ['Boulevard', 'Blvd'],
  ['Court', 'Ct'],
  ['Place', 'Pl'],
];
const streetName = zipf(STREET_NAMES);
const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me', 'hotmail.com', 'gmx.de'];

const firstName = zipf(FIRST);
const commonSurname = zipf(SURNAMES);
// The listed surnames cover about 30 % of people, as the top hundred or so do in the US census; the rest is a long tail.
const surname = () => (chance(0.7) ? cap(pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES)) : commonSurname());
function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
const ascii = (s: string) =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').replace('ł', 'l').replace('ı', 'i').replace('ø', 'o');

const usedEmails = new Set<string>();
function emailFor(first: string, last: string, domain = pick(DOMAINS)): string {
  const [f, l] = [normaliseName(first).replace(/ /g, ''), normaliseName(last).replace(/ /g, '')];
  const base = pick([`${f}.${l}`, `${f}${l}`, `${f[0]}${l}`, `${f}_${l}`, `${l}.${f}`]);
  let email = `${base}@${domain}`;
  // Three digits, as people add them; six once a common base has used up most three-digit ones (a million persons).
  for (let tries = 0; usedEmails.has(email); tries++) email = `${base}${digits(tries < 20 ? 3 : 6)}@${domain}`;
  usedEmails.add(email);
  return email;
}
const dateOfBirth = () =>
  `${1960 + Math.floor(random() * 45)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
let nextId = 1;
const usedNationalIds = new Set<string>();
function nationalIdValue(): string {
  let id = digits(9);
  while (usedNationalIds.has(id)) id = digits(9);
  usedNationalIds.add(id);
  return `${id.slice(0, 3)}-${id.slice(3, 5)}-${id.slice(5)}`;
}

/** A generated person: what the store and the dedupe node see, plus the national id in plain text, which only the generator holds. */
type Synthetic = MatchablePerson & { nationalIdValue?: string };

/** The person as lib/match takes them: the national id as keyed hashes under the store's key. */
const matchable = ({ nationalIdValue, ...p }: Synthetic, key: Buffer): MatchablePerson => ({
  ...p,
  nationalId: digestNationalId(nationalIdValue, key),
});

function storedPerson(first = firstName(), last = surname()): Synthetic {
  const status = pick(['candidate', 'candidate', 'employee', 'employee', 'former_employee'] as const);
  const [country, city, postcode] = pick(PLACES);
  const hired = status !== 'candidate';
  const [type] = pick(STREET_TYPES);
  return {
    guid: `g${nextId++}`,
    firstName: first,
    lastName: last,
    status,
    emails: [emailFor(first, last), ...(hired ? [emailFor(first, last, 'acme.example')] : [])],
    phones: chance(0.85) ? [(PHONE_PREFIX[country] ?? PHONE_PREFIX.US!)()] : [],
    dateOfBirth: !CONTACT || hired || chance(0.15) ? dateOfBirth() : undefined,
    ...(chance(CONTACT ? 0.8 : 0.95)
      ? {
          city,
          postalCode: postcode(),
          country,
          ...(CONTACT ? {} : { street: `${1 + Math.floor(random() * 300)} ${streetName()} ${type}` }),
        }
      : {}),
    ...(!CONTACT && chance(0.95) ? { nationalIdValue: nationalIdValue() } : {}),
    externalIds: [
      { system: 'greenhouse', id: `c${nextId}` },
      ...(hired ? [{ system: 'bamboohr', id: `e${nextId}` }] : []),
    ],
  };
}

function typo(s: string): string {
  const i = Math.floor(random() * s.length);
  const op = Math.floor(random() * 4);
  const letter = 'abcdefghijklmnoprstuvwy'[Math.floor(random() * 23)] ?? 'e';
  const out =
    op === 0
      ? s.slice(0, i) + letter + s.slice(i + 1)
      : op === 1
        ? s.slice(0, i) + s.slice(i + 1)
        : op === 2
          ? s.slice(0, i) + (s[i + 1] ?? '') + (s[i] ?? '') + s.slice(i + 2)
          : s.slice(0, i) + (s[i] ?? '') + s.slice(i);
  return out.length > 1 ? cap(out) : s;
}
/** The same number written as a person would type it, then put through E.164 as the transform layer does. */
function retyped(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  const typed = pick([
    parsed.formatNational(),
    parsed.formatInternational(),
    parsed.formatNational().replace(/\D/g, ''),
  ]);
  return parsePhoneNumberFromString(typed, parsed.country as CountryCode)?.number ?? e164;
}

/** Two neighbouring characters swapped, at a random place. */
function transposed(s: string): string {
  const i = Math.floor(random() * (s.length - 1));
  return s.slice(0, i) + (s[i + 1] ?? '') + (s[i] ?? '') + s.slice(i + 2);
}

/** "12 Oak Street" written "12 Oak St", mistyped, or with the house number mistyped. */
function streetAgain(street: string, tag: (t: string) => boolean): string {
  const [number = '', ...name] = street.split(' ');
  const type = STREET_TYPES.find(([full]) => full === name[name.length - 1]);
  let words = name;
  if (type && chance(CORRUPTION.streetAbbreviated) && tag('street abbreviated'))
    words = [...name.slice(0, -1), pick([type[1], `${type[1]}.`])];
  if (chance(CORRUPTION.streetTypo) && tag('street typo')) words = [typo(words[0] ?? ''), ...words.slice(1)];
  const house =
    chance(CORRUPTION.houseNumberTypo) && tag('house number typo')
      ? number.length > 1
        ? transposed(number)
        : `${number}${digits(1)}`
      : number;
  return [house, ...words].join(' ');
}

/** A national id as another system keyed it in: missing, two digits swapped, or one digit wrong. */
function nationalIdAgain(id: string | undefined, tag: (t: string) => boolean): string | undefined {
  if (!id) return undefined;
  if (chance(CORRUPTION.nationalIdMissing) && tag('national id missing')) return undefined;
  const bare = id.replace(/-/g, '');
  if (chance(CORRUPTION.nationalIdTransposed) && tag('national id digits transposed')) return transposed(bare);
  if (chance(CORRUPTION.nationalIdTypo) && tag('national id typo')) {
    const i = Math.floor(random() * bare.length);
    return bare.slice(0, i) + String((Number(bare[i]) + 1 + Math.floor(random() * 8)) % 10) + bare.slice(i + 1);
  }
  return chance(0.5) ? bare : id;
}

/** A stored person seen again, as an ATS would send them; the tags name the variations applied. */
function seenAgain(p: Synthetic): { person: Synthetic; tags: string[] } {
  return CONTACT ? seenAgainWithContact(p) : seenAgainWithoutContact(p);
}

/** The names as typed again: nicknames, typos, a new surname, accents dropped, swapped, and (harder workload) one left out. */
function namesAgain(p: Synthetic, tag: (t: string) => boolean): { first?: string; last?: string } {
  let first = p.firstName ?? '';
  let last = p.lastName ?? '';
  const nick = NICKNAMES[first];
  if (nick && chance(0.3) && tag('nickname')) first = pick(nick);
  else if (chance(0.08) && tag('forename typo')) first = typo(first);
  if (chance(0.08) && tag('surname typo')) last = typo(last);
  else if (chance(0.03) && tag('new surname')) last = surname();
  else if (last.includes(' ') && chance(0.5) && tag('one of two surnames'))
    last = last.split(' ').find((x) => x.length > 3) ?? last;
  if (ascii(first + last) !== first + last && chance(0.5) && tag('accents dropped'))
    [first, last] = [ascii(first), ascii(last)];
  if (chance(0.03) && tag('swapped names')) [first, last] = [last, first];
  if (CONTACT) return { first, last };
  if (chance(CORRUPTION.forenameMissing) && tag('forename missing')) return { last };
  if (chance(CORRUPTION.surnameMissing) && tag('surname missing')) return { first };
  return { first, last };
}

/** The harder workload: no email, phone or shared ATS id; names, birth date, street address and national id corrupted. */
function seenAgainWithoutContact(p: Synthetic): { person: Synthetic; tags: string[] } {
  const tags: string[] = [];
  const tag = (t: string) => (tags.push(t), true);
  const { first, last } = namesAgain(p, tag);
  let dob = p.dateOfBirth;
  if (dob && chance(CORRUPTION.birthDateMissing) && tag('birth date missing')) dob = undefined;
  else if (dob && Number(dob.slice(8)) <= 12 && chance(CORRUPTION.dayMonthSwapped) && tag('day and month swapped'))
    dob = `${dob.slice(0, 5)}${dob.slice(8)}-${dob.slice(5, 7)}`;
  else if (dob && chance(CORRUPTION.birthDateTypo) && tag('birth date typo'))
    dob = `${dob.slice(0, 9)}${(Number(dob[9]) + 1) % 10}`;
  let address: Partial<Synthetic> = {};
  if (p.city && chance(CORRUPTION.moved) && tag('moved')) {
    const [country, city, postcode] = pick(PLACES);
    address = {
      city,
      postalCode: postcode(),
      country,
      street: `${1 + Math.floor(random() * 300)} ${streetName()} ${pick(STREET_TYPES)[0]}`,
    };
  } else if (p.city) {
    address = {
      country: p.country,
      city: chance(CORRUPTION.suburbTypo) && tag('suburb typo') ? typo(p.city) : p.city,
      ...(chance(CORRUPTION.postcodeMissing) && tag('postcode missing') ? {} : { postalCode: p.postalCode }),
      ...(p.street && !(chance(CORRUPTION.streetMissing) && tag('street missing'))
        ? { street: streetAgain(p.street, tag) }
        : {}),
    };
  }
  return {
    tags,
    person: {
      firstName: first,
      lastName: last,
      emails: [],
      phones: [],
      dateOfBirth: dob,
      ...address,
      nationalIdValue: nationalIdAgain(p.nationalIdValue, tag),
      externalIds: [{ system: 'greenhouse', id: `c${nextId++}` }],
    },
  };
}

/** The earlier workload (contact=1): returning persons often keep an email, phone or ATS id. */
function seenAgainWithContact(p: Synthetic): { person: Synthetic; tags: string[] } {
  const tags: string[] = [];
  const tag = (t: string) => (tags.push(t), true);
  const { first = '', last = '' } = namesAgain(p, tag);

  const email = p.emails[0] ?? '';
  const r = random();
  let emails = [email];
  if (r >= 0.95 && tag('no email')) emails = [];
  else if (r >= 0.7 && tag('new email')) emails = [emailFor(first, last)];
  else if (r >= 0.35 && tag('email case')) emails = [` ${email.toUpperCase()}`];
  const phone = p.phones[0];
  const q = random();
  let phones: string[] = [];
  if (phone && q < 0.6 && tag('phone retyped')) phones = [retyped(phone)];
  else if (phone && q < 0.8 && tag('new phone')) phones = [(PHONE_PREFIX[p.country ?? 'US'] ?? PHONE_PREFIX.US!)()];
  else if (phone) tag('no phone');
  let dob = chance(0.3) ? p.dateOfBirth : undefined;
  if (dob && chance(0.06) && tag('birth date typo'))
    dob = chance(0.5)
      ? `${dob.slice(0, 9)}${(Number(dob[9]) + 1) % 10}`
      : `${dob.slice(0, 5)}${dob.slice(8)}-${dob.slice(5, 7)}`;
  const moved = chance(0.25);
  const sameId = chance(0.2) && tag('same ATS id');
  return {
    tags,
    person: {
      firstName: first,
      lastName: last,
      emails,
      phones,
      dateOfBirth: dob,
      ...(p.city && chance(0.6)
        ? moved
          ? { city: 'Lisbon', postalCode: `1${digits(3)}-${digits(3)}`, country: 'PT' }
          : { city: p.city, postalCode: p.postalCode, country: p.country }
        : {}),
      externalIds: [{ system: 'greenhouse', id: sameId ? (p.externalIds[0]?.id ?? 'none') : `c${nextId++}` }],
    },
  };
}

/**
 * Somebody not in the store. Namesakes draw their name from the same distribution until it is one a
 * stored person has, so they share common names far more often than rare ones, as real namesakes do.
 * Household members share a stored person's surname and home, often their landline, not their forename.
 */
function newcomer(store: Synthetic[], names: Map<string, Synthetic[]>): { person: Synthetic; kind: string } {
  const r = random();
  const kind = r < 0.5 ? 'unrelated' : r < 0.85 ? 'namesake' : 'household member';
  let [first, last] = [firstName(), surname()];
  let other = pick(store);
  for (let tries = 0; kind === 'namesake' && !names.has(`${first} ${last}`) && tries < 10_000; tries++)
    [first, last] = [firstName(), surname()];
  if (kind === 'namesake') other = pick(names.get(`${first} ${last}`) ?? [other]);
  if (kind === 'household member') {
    last = other.lastName ?? last;
    while (first === other.firstName) first = firstName();
  }
  const fresh = storedPerson(first, last);
  const person: Synthetic = {
    ...fresh,
    guid: undefined,
    status: 'candidate',
    emails: CONTACT ? fresh.emails.slice(0, 1) : [],
    phones: CONTACT ? fresh.phones : [],
    dateOfBirth: !CONTACT || chance(0.3) ? fresh.dateOfBirth : undefined,
    externalIds: fresh.externalIds.filter((x) => x.system === 'greenhouse'),
  };
  const place = PLACES.find(([, city]) => city === other.city);
  if (kind === 'namesake' && place && chance(0.3))
    Object.assign(person, { city: place[1], postalCode: place[2](), country: place[0] });
  if (kind === 'household member') {
    Object.assign(person, {
      city: other.city,
      postalCode: other.postalCode,
      country: other.country,
      street: other.street,
      phones: CONTACT && chance(0.6) ? other.phones : person.phones,
    });
  }
  return { person, kind };
}

/** Whether anything but the name ties a returning person to their record, compared the simplest way. */
function sharesIdentifier(a: Synthetic, b: Synthetic | undefined): boolean {
  const emails = new Set(b?.emails.map((e) => e.trim().toLowerCase()));
  return (
    !!b &&
    (a.emails.some((e) => emails.has(e.trim().toLowerCase())) ||
      a.phones.some((p) => b.phones.includes(p)) ||
      (!!a.dateOfBirth && a.dateOfBirth === b.dateOfBirth) ||
      a.externalIds.some((x) => b.externalIds.some((y) => y.id === x.id)) ||
      (!!a.nationalIdValue && a.nationalIdValue.replace(/-/g, '') === b.nationalIdValue?.replace(/-/g, '')))
  );
}

const brief = (p: Synthetic | undefined) =>
  p
    ? `${p.firstName} ${p.lastName} <${p.emails.join(', ')}> ${p.phones.join(', ')} ${p.dateOfBirth ?? ''} ${p.street ?? ''}, ${p.postalCode ?? ''} ${p.city ?? ''} id ${p.nationalIdValue ?? '-'}`.replace(
        / +/g,
        ' ',
      )
    : '(none)';

/** One missed duplicate: who came, who it was, and how the best candidate scored field by field. */
function describeMiss(
  incoming: Synthetic,
  truth: Synthetic | undefined,
  tags: string[],
  outcome: Lookup,
  topIsTruth: boolean,
): string {
  const e = outcome.explanation;
  const fields = e ? e.fields.map((f) => `${f.field} ${f.level} ${f.weight.toFixed(1)}`).join(', ') : 'no candidate';
  return [
    `- came:   ${brief(incoming)}  [${tags.join(', ')}]`,
    `  was:    ${brief(truth)}`,
    `  ${outcome.decision}, ${topIsTruth ? 'best candidate is the right person' : 'best candidate is someone else'}: p=${e?.probability.toPrecision(2) ?? '-'} (${fields})`,
  ].join('\n');
}

/** The golden record the store keeps for a synthetic person (canonical Person shape). */
function recordOf(p: Synthetic): JsonObject {
  return {
    legalName: { first: p.firstName ?? null, last: p.lastName ?? null },
    emails: p.emails.map((address) => ({ address })),
    phones: p.phones.map((number) => ({ number })),
    dateOfBirth: p.dateOfBirth ?? null,
    address: p.city
      ? { line1: p.street ?? null, city: p.city, postalCode: p.postalCode ?? null, country: p.country ?? null }
      : null,
    nationalId: p.nationalIdValue ? { type: 'ssn', value: p.nationalIdValue } : null,
    ...(p.status && p.status !== 'candidate'
      ? { employee: { status: p.status === 'former_employee' ? 'terminated' : 'active' } }
      : {}),
  };
}

async function main(): Promise<void> {
  const people = Array.from({ length: STORE_SIZE }, () => storedPerson());
  const byGuid = new Map(people.map((p) => [p.guid, p]));
  const names = new Map<string, Synthetic[]>();
  for (const p of people) {
    const name = `${p.firstName} ${p.lastName}`;
    const namesakes = names.get(name);
    if (namesakes) namesakes.push(p);
    else names.set(name, [p]);
  }

  const dir = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'hr-match-quality-'));
  const store = await openStore({ file: path.join(dir, 'store.db') });
  try {
    // Stored GUIDs are the store's; the synthetic ones (g1, g2, …) label the truth.
    const synthetic = new Map<string, string>();
    for (let start = 0; start < people.length; start += FILL_BATCH) {
      const batch = people.slice(start, start + FILL_BATCH);
      const inits: NewPerson[] = batch.map((p) => ({
        record: recordOf(p),
        links: p.externalIds.map((x) => ({ system: x.system, externalId: x.id })),
        ...matchIndexOf(matchable({ ...p, guid: undefined }, store.matchingKey())),
      }));
      (await store.createPersons(inits)).forEach((guid, i) => synthetic.set(guid, batch[i]!.guid!));
    }
    const model = structuredClone(nodeSettings.model);
    if (sizes.ablate)
      for (const field of ['street', 'nationalId'] as const)
        for (const level of Object.values(model[field])) Object.assign(level, { m: 0.5, u: 0.5 });
    const settings = {
      ...nodeSettings,
      model,
      maxBlockSize: sizes.maxBlockSize,
      candidateLimit: sizes.candidateLimit,
      thresholds: { ...nodeSettings.thresholds, identityAlone: sizes.identityAlone },
    };

    const cases = [
      ...Array.from({ length: DUPLICATES }, () => {
        const truth = pick(people);
        return { ...seenAgain(truth), truth: truth.guid, kind: 'duplicate' };
      }),
      ...Array.from({ length: NEWCOMERS }, () => ({
        ...newcomer(people, names),
        tags: [] as string[],
        truth: undefined,
      })),
    ];

    /** Precision, recall and reviews of the same cases under another model: the figures learning the weights changes. */
    const measureWith = async (model: MatchModel) => {
      let right = 0,
        wrong = 0,
        hits = 0,
        reviews = 0;
      for (const c of cases) {
        const outcome = await lookupCandidates(store, matchable(c.person, store.matchingKey()), { ...settings, model });
        const top = outcome.candidate && synthetic.get(outcome.candidate.guid);
        if (outcome.decision === 'review') reviews++;
        if (outcome.decision === 'merge') {
          if (top === c.truth) right++;
          else wrong++;
        }
        if (c.truth && outcome.decision !== 'new' && top === c.truth) hits++;
      }
      return {
        precision: right / Math.max(1, right + wrong),
        recall: hits / DUPLICATES,
        recallMerged: right / DUPLICATES,
        reviewedOfArriving: reviews / cases.length,
        wrongMerges: wrong,
      };
    };

    const started = process.hrtime.bigint();
    let candidatesSeen = 0,
      foundLeniently = 0,
      maxCandidates = 0,
      rightMerges = 0,
      wrongMerges = 0,
      found = 0,
      newcomersReviewed = 0,
      oversized = 0,
      reviewed = 0;
    const lookupMs: number[] = [];
    const byTag = new Map<string, [number, number]>();
    const byEvidence = new Map<string, [number, number]>();
    const wrongByKind = new Map<string, number>();
    const missed: string[] = [];
    const scoredPairs: PatternCount[] = [];
    for (const c of cases) {
      const person = matchable(c.person, store.matchingKey());
      const began = process.hrtime.bigint();
      const outcome = await lookupCandidates(store, person, settings);
      lookupMs.push(Number(process.hrtime.bigint() - began) / 1e6);
      if (outcome.decision === 'review') reviewed++;
      if (outcome.explanation) scoredPairs.push({ pattern: patternOf(outcome.explanation), count: 1 });
      candidatesSeen += outcome.candidatesScored;
      maxCandidates = Math.max(maxCandidates, outcome.candidatesScored);
      if (outcome.oversizedKeys.length) oversized++;
      const top = outcome.candidate && synthetic.get(outcome.candidate.guid);
      const merged = outcome.decision === 'merge';
      if (merged && top === c.truth) rightMerges++;
      else if (merged) {
        wrongMerges++;
        wrongByKind.set(c.kind, (wrongByKind.get(c.kind) ?? 0) + 1);
      }
      if (!c.truth) {
        if (outcome.decision === 'review') newcomersReviewed++;
        continue;
      }
      const truthP =
        [outcome, ...outcome.others].find((o) => o.candidate && synthetic.get(o.candidate.guid) === c.truth)
          ?.explanation?.probability ?? 0;
      // A review shows the reviewer the most probable candidate; it finds this duplicate when that is the right person.
      const hit = (merged || outcome.decision === 'review') && top === c.truth;
      if (hit) found++;
      else if (missed.length < sizes.misses)
        missed.push(describeMiss(c.person, byGuid.get(c.truth), c.tags, outcome, top === c.truth));
      // How this bench counted before: a review counted when the right person was anywhere among the explained candidates at p ≥ 0.7.
      if (hit || (outcome.decision === 'review' && truthP >= settings.thresholds.review)) foundLeniently++;
      const evidence = sharesIdentifier(c.person, byGuid.get(c.truth))
        ? 'shares an email, phone, birth date, national id or ATS id'
        : 'shares only names and maybe address';
      byEvidence.set(evidence, [
        (byEvidence.get(evidence)?.[0] ?? 0) + (hit ? 1 : 0),
        (byEvidence.get(evidence)?.[1] ?? 0) + 1,
      ]);
      for (const t of c.tags.length ? c.tags : ['(no variation)'])
        byTag.set(t, [(byTag.get(t)?.[0] ?? 0) + (hit ? 1 : 0), (byTag.get(t)?.[1] ?? 0) + 1]);
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;

    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    const precision = rightMerges / Math.max(1, rightMerges + wrongMerges);
    const recall = found / DUPLICATES;
    const recallMerged = rightMerges / DUPLICATES;
    const lookup = summarize(lookupMs);
    const reviewRate = newcomersReviewed / NEWCOMERS;
    console.log(
      `match quality: ${STORE_SIZE} stored persons, ${DUPLICATES} returning + ${NEWCOMERS} new incoming, ${CONTACT ? 'with email, phone and ATS ids (contact=1)' : 'harder: no email or phone (contact=0)'} (seed ${sizes.seed}; blocks over ${settings.maxBlockSize} persons skipped, at most ${settings.candidateLimit} candidates; review on identity at ${sizes.identityAlone})`,
    );
    console.table({
      'precision of automatic merges (target ≥ 99 %)': pct(precision),
      'recall into merge or review (target ≥ 95 %)': pct(recall),
      'recall counting a review with the right person among the runners-up': pct(foundLeniently / DUPLICATES),
      'returning persons merged automatically': pct(rightMerges / DUPLICATES),
      'new persons sent to review': pct(reviewRate),
      'arriving records sent to review (target < 15 %)': pct(reviewed / cases.length),
      'wrong merges': `${wrongMerges} (${[...wrongByKind].map(([k, n]) => `${k}: ${n}`).join(', ') || 'none'})`,
      'candidates per lookup, mean / max': `${(candidatesSeen / cases.length).toFixed(1)} / ${maxCandidates}`,
      'lookups that skipped an oversized block': pct(oversized / cases.length),
      'time per lookup (store + score)': `${(ms / cases.length).toFixed(2)} ms`,
      'lookup median / p99 / max': `${lookup.median.toFixed(2)} / ${lookup.p99.toFixed(2)} / ${lookup.max.toFixed(2)} ms`,
    });
    const recallTable = (rows: Map<string, [number, number]>) =>
      console.table(
        Object.fromEntries(
          [...rows].sort((a, b) => b[1][1] - a[1][1]).map(([t, [hit, n]]) => [t, { cases: n, recall: pct(hit / n) }]),
        ),
      );
    console.log('recall of returning persons by what they share with their stored record');
    recallTable(byEvidence);
    console.log('recall of returning persons by variation');
    recallTable(byTag);
    if (missed.length) console.log(`missed duplicates (first ${missed.length}):\n${missed.join('\n')}`);

    let learnt: Record<string, unknown> = {};
    if (sizes.learn) {
      const estimate = await learnWeights(store, settings.model, scoredPairs);
      console.log(
        `weights learnt by EM from ${estimate.blockedPairs} scored pairs (${pct(estimate.matchShare)} judged matches) and ${estimate.randomPairs} random pairs, ${estimate.iterations} iterations${estimate.converged ? '' : ' (not converged)'}`,
      );
      console.table(
        estimate.levels.map((l) => ({
          field: l.field,
          level: l.level,
          m: l.m.toPrecision(3),
          u: l.u.toPrecision(3),
          'weight now': l.before.toFixed(1),
          learnt: l.weight.toFixed(1),
        })),
      );
      const again = await measureWith(estimate.model);
      console.log('the same cases with the learnt weights');
      console.table({
        'precision of automatic merges': pct(again.precision),
        'recall into merge or review': pct(again.recall),
        'returning persons merged automatically': pct(again.recallMerged),
        'arriving records sent to review': pct(again.reviewedOfArriving),
      });
      learnt = { learnt: again };
    }
    printResult('match-quality', {
      sizes,
      precision,
      recall,
      recallMerged,
      recallLenient: foundLeniently / DUPLICATES,
      reviewRate,
      reviewedOfArriving: reviewed / cases.length,
      lookupP99Ms: lookup.p99,
      ...learnt,
      rightMerges,
      wrongMerges,
      candidatesPerLookup: candidatesSeen / cases.length,
      msPerLookup: ms / cases.length,
    });
    if (precision < 0.99 || recall < 0.95) process.exitCode = 1;
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
