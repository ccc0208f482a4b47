import {
  nameForms,
  normaliseEmail,
  normaliseName,
  normalisePostcode,
  type EmailOptions,
  type NameForms,
} from './normalise';
import { parseStreetAddress, type StreetAddress } from './address';
import type { NationalIdDigests } from './nationalId';
import { nysiis } from './phonetic';
import type { MatchablePerson } from './types';

/** A person with every compared value normalised once, so scoring many candidates repeats no work. */
export interface PreparedPerson {
  /** Normalised first and preferred names, and the first word of each ("mary ann" → "mary"). */
  givenNames: string[];
  surname: NameForms | undefined;
  /** NYSIIS of the compact surname; empty without a surname or a Latin letter in it. */
  surnameSound: string;
  emails: string[];
  phones: string[];
  dateOfBirth: string | undefined;
  city: string;
  postcode: string;
  country: string;
  street: StreetAddress | undefined;
  nationalId: NationalIdDigests | undefined;
  /** lower-cased system → ids */
  externalIds: Map<string, Set<string>>;
}

export function givenNames(person: MatchablePerson): string[] {
  const names = [person.firstName, person.preferredName].map(normaliseName).filter(Boolean);
  return [...new Set(names.flatMap((n) => [n, n.split(' ')[0] ?? n]))];
}

export function prepare(person: MatchablePerson, email: EmailOptions = {}): PreparedPerson {
  const externalIds = new Map<string, Set<string>>();
  for (const { system, id } of person.externalIds) {
    const key = system.trim().toLowerCase();
    externalIds.set(key, (externalIds.get(key) ?? new Set()).add(id.trim()));
  }
  const surname = nameForms(person.lastName);
  return {
    givenNames: givenNames(person),
    surname,
    surnameSound: surname ? nysiis(surname.compact) : '',
    emails: [...new Set(person.emails.map((e) => normaliseEmail(e, email)).filter(Boolean))],
    phones: [...new Set(person.phones.map((p) => p.trim()).filter(Boolean))],
    dateOfBirth: person.dateOfBirth?.trim() || undefined,
    city: normaliseName(person.city),
    postcode: normalisePostcode(person.postalCode),
    country: normaliseName(person.country),
    street: parseStreetAddress(person.street, person.streetLine2),
    nationalId: person.nationalId,
    externalIds,
  };
}
