import { HrError } from '../errors';
import type {
  DateOfBirthLevel,
  EmailLevel,
  ExternalIdLevel,
  ForenameLevel,
  LocationLevel,
  NationalIdLevel,
  PhoneLevel,
  StreetLevel,
  SurnameLevel,
} from './compare';

/** m = P(level | same person), u = P(level | two different persons); the weight is log2(m / u). */
export interface LevelProbabilities {
  m: number;
  u: number;
}

type Levels<L extends string> = Record<Exclude<L, 'missing'>, LevelProbabilities>;

/** A Fellegi-Sunter model (docs/matching.md, "Fellegi-Sunter scoring"): one m/u pair per comparison level, and the prior. */
export interface MatchModel {
  /** λ: probability that an incoming person and one stored person, paired at random, are the same person. */
  prior: number;
  /** Floor under a term-frequency u, so one very rare name cannot outweigh every other field. */
  minimumNameFrequency: number;
  forename: Levels<ForenameLevel>;
  surname: Levels<SurnameLevel>;
  email: Levels<EmailLevel>;
  phone: Levels<PhoneLevel>;
  dateOfBirth: Levels<DateOfBirthLevel>;
  location: Levels<LocationLevel>;
  street: Levels<StreetLevel>;
  nationalId: Levels<NationalIdLevel>;
  externalId: Levels<ExternalIdLevel>;
}

/** The fields of a model that hold comparison levels, in the order a score lists them. */
export const MODEL_FIELDS = [
  'forename',
  'surname',
  'email',
  'phone',
  'dateOfBirth',
  'location',
  'street',
  'nationalId',
  'externalId',
] as const;
export type ModelField = (typeof MODEL_FIELDS)[number];

/**
 * Defaults, fixed and documented rather than learned by EM, as docs/matching.md suggests for stores of
 * this size. The u values are our estimates of how often two different persons agree at each level in an
 * employee directory, not measurements; a few are set deliberately, as below. Missing values weigh 0, as
 * in Splink's null level. Measured effect: bench/match-quality.ts.
 *
 * Prior: one incoming person in ten is already known, in a store of 10,000 persons → λ = 1e-5
 * (weight −16.6). The strong keys are set against it on purpose:
 * - email exact: u = 1.6e-9 (+28.5). Alone it gives p ≈ 0.9998 (merge). With forename and surname both
 *   different (−9.0) it lands at p ≈ 0.88 (review): a shared inbox or an address a recruiter typed in.
 * - external id exact (same system): u = 1e-9 (+28.9), the same reasoning.
 * - phone exact: u = 1e-5 (+15.7), weaker than email because households share numbers (and a
 *   household member is kept from merging by resolve.ts, since only the forename tells them apart).
 * Names are term-frequency adjusted down to a floor of 1e-4 (about one person in a store of 10,000), so
 * a rare full name can reach a high probability on its own; resolve.ts still refuses to merge on names
 * alone.
 */
export const DEFAULT_MATCH_MODEL: MatchModel = {
  prior: 1e-5,
  minimumNameFrequency: 1e-4,
  forename: {
    exact: { m: 0.8, u: 0.01 }, // u replaced by the name's own frequency when the store supplies it
    nickname: { m: 0.06, u: 0.002 },
    jw92: { m: 0.05, u: 0.004 },
    jw88: { m: 0.02, u: 0.005 },
    initial: { m: 0.01, u: 0.002 },
    swapped: { m: 0.01, u: 0.0005 },
    different: { m: 0.03, u: 0.96 },
  },
  surname: {
    exact: { m: 0.82, u: 0.003 },
    partial: { m: 0.03, u: 0.0005 }, // "García López" vs "García"
    jw92: { m: 0.05, u: 0.002 },
    jw88: { m: 0.02, u: 0.004 },
    phonetic: { m: 0.01, u: 0.005 },
    swapped: { m: 0.01, u: 0.0005 },
    different: { m: 0.06, u: 0.985 }, // surnames change at marriage, so a different one is weaker evidence than a forename
  },
  email: {
    exact: { m: 0.6, u: 1.6e-9 },
    // User names are built from the person's name, so namesakes often have alike addresses: these two
    // levels are far from independent of the name fields and are weighted low for it.
    username: { m: 0.05, u: 5e-4 },
    jw88: { m: 0.05, u: 0.005 },
    different: { m: 0.3, u: 0.998 }, // a new personal or work address is common for one person
  },
  phone: {
    exact: { m: 0.55, u: 1e-5 },
    different: { m: 0.35, u: 0.9999 },
  },
  dateOfBirth: {
    exact: { m: 0.93, u: 5.5e-5 }, // 1 / (365 × 50 years of birth dates)
    close: { m: 0.04, u: 0.004 }, // about 70 dates lie one keystroke away
    different: { m: 0.03, u: 0.996 },
  },
  location: {
    postcode: { m: 0.4, u: 0.005 }, // employees cluster around offices, so u is far above 1 / number of postcodes
    city: { m: 0.25, u: 0.1 },
    different: { m: 0.35, u: 0.895 },
  },
  street: {
    // The same house in the same street: households and flatmates share it, which resolve.ts guards against.
    exact: { m: 0.55, u: 1e-4 },
    close: { m: 0.08, u: 1e-4 }, // one of house number or street mistyped, or another unit of the building
    street: { m: 0.04, u: 0.003 }, // same street, another number
    different: { m: 0.33, u: 0.9967 }, // people move
  },
  nationalId: {
    // Compared as keyed hashes (nationalId.ts). Agreeing ids are as strong as an agreeing email; one
    // keystroke apart is about 170 of a billion nine-digit ids, u set well above that for ids that cluster.
    exact: { m: 0.88, u: 1e-8 },
    close: { m: 0.07, u: 1e-5 },
    different: { m: 0.05, u: 0.99999 },
  },
  externalId: {
    exact: { m: 0.5, u: 1e-9 },
    // A returning person often gets a new candidate record (re-applicants are commonly created afresh), so a different id is weak evidence.
    different: { m: 0.5, u: 1 },
  },
};

/** Refuses a model whose probabilities would produce infinite or undefined weights. */
export function checkMatchModel(model: MatchModel): void {
  const inUnit = (x: number) => Number.isFinite(x) && x > 0 && x <= 1;
  if (!inUnit(model.prior) || model.prior === 1)
    throw new HrError(
      'match.model_invalid',
      `The match prior must be between 0 and 1 (exclusive), not ${model.prior}.`,
    );
  if (!inUnit(model.minimumNameFrequency))
    throw new HrError(
      'match.model_invalid',
      `The minimum name frequency must be in (0, 1], not ${model.minimumNameFrequency}.`,
    );
  for (const field of MODEL_FIELDS) {
    for (const [level, { m, u }] of Object.entries(model[field] as Record<string, LevelProbabilities>)) {
      if (!inUnit(m) || !inUnit(u)) {
        throw new HrError(
          'match.model_invalid',
          `The ${field} level "${level}" needs m and u in (0, 1], not m=${m}, u=${u}.`,
          { field, level },
        );
      }
    }
  }
}
