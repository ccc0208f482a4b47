import type { NationalIdDigests } from './nationalId';

/** One person as identity resolution sees it: what the store keeps and what an incoming record carries. */
export interface MatchablePerson {
  guid?: string;
  firstName?: string;
  lastName?: string;
  middleName?: string;
  preferredName?: string;
  emails: string[];
  /** Already E.164 (the transform layer normalises phones before matching). */
  phones: string[];
  /** YYYY-MM-DD */
  dateOfBirth?: string;
  /** Street, house number and unit, as the first (and second) address line holds them. */
  street?: string;
  streetLine2?: string;
  city?: string;
  postalCode?: string;
  country?: string;
  externalIds: { system: string; id: string }[];
  /** Keyed hashes of the national id (digestNationalId): the value itself never reaches matching. */
  nationalId?: NationalIdDigests;
  status?: 'candidate' | 'employee' | 'former_employee';
}

export type MatchField =
  'forename' | 'surname' | 'email' | 'phone' | 'dateOfBirth' | 'location' | 'street' | 'nationalId' | 'externalId';

/** How one field of a pair compared, and how much that moved the score (log2 Bayes factor). */
export interface FieldComparison {
  field: MatchField;
  level: string;
  weight: number;
  /** For a reviewer: the values or similarity that produced the level, and any term-frequency adjustment. */
  detail: string;
}

export interface MatchExplanation {
  /** Posterior probability that the two records are the same person, in [0, 1]. */
  probability: number;
  /** Prior weight plus the sum of the field weights; probability = 1 / (1 + 2^-matchWeight). */
  matchWeight: number;
  priorWeight: number;
  fields: FieldComparison[];
}

export type MatchDecision = 'merge' | 'review' | 'new';

/**
 * Fraction of stored persons whose first or last name is this value, from the store. The value is
 * normaliseName() of a first or preferred name (or its first word, "mary ann" → "mary") or of a last name;
 * the store counts the same forms.
 */
export type NameFrequency = (kind: 'first' | 'last', normalisedValue: string) => number;
