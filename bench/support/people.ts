/**
 * Synthetic people shared by the benches: names drawn so that common names collide often (as in a
 * real company) and every person has the identifiers an ATS and an HRIS carry.
 */
import { normaliseName, type MatchablePerson } from '../../lib/match';
import type { ExternalLink, JsonObject } from '../../lib/store';
import type { Random } from './random';

const FIRST =
  `James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Susan Joseph Jessica Thomas
Sarah Ana Jon Maria Wei Priya Fatima Lars Chidi Aoife Jose Siobhan Yuki Omar Lena Karen Daniel Laura Kevin Emily`.split(
    /\s+/,
  );
const COMMON_LAST =
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Silva Costa Nguyen Kim Müller Schmidt Rossi'.split(' ');
const SYLLABLES = 'ka lo ven dor mi sa tre bel ro nak fi gu har wen os li zan per qui tor ba del mon rik sel'.split(
  ' ',
);

export interface SyntheticPerson {
  first: string;
  last: string;
  personalEmail: string;
  workEmail: string;
  /** E.164, as the transform layer stores phones. */
  mobile: string;
  dateOfBirth: string;
}

export function syntheticPerson(random: Random, i: number): SyntheticPerson {
  const first = random.pick(FIRST);
  const last =
    random.next() < 0.4
      ? random.pick(COMMON_LAST)
      : [0, 1, 2]
          .map(() => random.pick(SYLLABLES))
          .join('')
          .replace(/^./, (c) => c.toUpperCase());
  const local = `${normaliseName(first)}.${normaliseName(last).replace(/ /g, '')}`.replace(/[^a-z.]/g, '');
  return {
    first,
    last,
    personalEmail: `${local}.${i}@mail.example`,
    workEmail: `${local}.${i}@acme.example`,
    // Seven subscriber digits whatever i is (a longer number is not a valid US number).
    mobile: `+1202${String(2_000_000 + (i % 8_000_000)).padStart(7, '0')}`,
    dateOfBirth: `${1960 + Math.floor(random.next() * 45)}-0${1 + Math.floor(random.next() * 9)}-1${Math.floor(random.next() * 9)}`,
  };
}

/** The golden record of a person as the store keeps it (canonical Person shape). */
export function personRecord(p: SyntheticPerson): JsonObject {
  return {
    legalName: { first: p.first, last: p.last },
    emails: [
      { address: p.personalEmail, type: 'personal' },
      { address: p.workEmail, type: 'work' },
    ],
    phones: [{ number: p.mobile, type: 'mobile' }],
    dateOfBirth: p.dateOfBirth,
  };
}

export function matchablePerson(p: SyntheticPerson, links: readonly ExternalLink[]): MatchablePerson {
  return {
    firstName: p.first,
    lastName: p.last,
    emails: [p.personalEmail, p.workEmail],
    phones: [p.mobile],
    dateOfBirth: p.dateOfBirth,
    externalIds: links.map((l) => ({ system: l.system, id: l.externalId })),
  };
}
