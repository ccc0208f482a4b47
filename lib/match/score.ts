import {
  compareDateOfBirth,
  compareEmail,
  compareExternalIds,
  compareForename,
  compareLocation,
  compareNationalId,
  comparePhone,
  compareStreet,
  compareSurname,
  namesSwapped,
  type Compared,
} from './compare';
import { DEFAULT_MATCH_MODEL, type LevelProbabilities, type MatchModel } from './model';
import type { LevelPattern } from './estimate';
import type { EmailOptions } from './normalise';
import { prepare, type PreparedPerson } from './prepare';
import type { FieldComparison, MatchablePerson, MatchExplanation, MatchField, NameFrequency } from './types';

export interface ScoreOptions {
  model?: MatchModel;
  /** From the store; without it an exact name match uses the model's average u. */
  nameFrequency?: NameFrequency;
  email?: EmailOptions;
}

const log2 = Math.log2;
const WEAK_NAMES: ReadonlySet<string> = new Set(['phonetic', 'initial', 'different']);

interface FieldCompared {
  field: MatchField;
  compared: Compared<string>;
  levels: Partial<Record<string, LevelProbabilities>>;
  /** Which name frequency adjusts an exact match of this field. */
  tf?: 'first' | 'last';
}

function compareFields(a: PreparedPerson, b: PreparedPerson, model: MatchModel): FieldCompared[] {
  let forename: Compared<string> = compareForename(a, b);
  let surname: Compared<string> = compareSurname(a, b);
  if (WEAK_NAMES.has(forename.level) && WEAK_NAMES.has(surname.level) && namesSwapped(a, b)) {
    forename = { level: 'swapped', describe: () => 'forename matches the other record’s surname' };
    surname = { level: 'swapped', describe: () => 'surname matches the other record’s forename' };
  }
  return [
    { field: 'forename', compared: forename, levels: model.forename, tf: 'first' },
    { field: 'surname', compared: surname, levels: model.surname, tf: 'last' },
    { field: 'email', compared: compareEmail(a.emails, b.emails), levels: model.email },
    { field: 'phone', compared: comparePhone(a.phones, b.phones), levels: model.phone },
    { field: 'dateOfBirth', compared: compareDateOfBirth(a.dateOfBirth, b.dateOfBirth), levels: model.dateOfBirth },
    { field: 'location', compared: compareLocation(a, b), levels: model.location },
    { field: 'street', compared: compareStreet(a, b), levels: model.street },
    { field: 'nationalId', compared: compareNationalId(a, b), levels: model.nationalId },
    { field: 'externalId', compared: compareExternalIds(a.externalIds, b.externalIds), levels: model.externalId },
  ];
}

/**
 * The field's weight, and the share of persons holding the agreeing name when Splink's term-frequency
 * adjustment applied: for an exact match, u becomes the share of persons with that value, so an
 * agreeing "John" counts for less than an agreeing "Siobhan" (docs/matching.md, "Term-frequency adjustment").
 */
function weigh(
  { compared, levels, tf }: FieldCompared,
  model: MatchModel,
  options: ScoreOptions,
): { weight: number; frequency?: number } {
  const p = levels[compared.level];
  if (!p) return { weight: 0 };
  if (tf && compared.level === 'exact' && compared.value !== undefined && options.nameFrequency) {
    const frequency = Math.max(options.nameFrequency(tf, compared.value), model.minimumNameFrequency);
    return { weight: log2(p.m / frequency), frequency };
  }
  return { weight: log2(p.m / p.u) };
}

/** How each field of a pair compared, without weighing: what learning the weights (estimate.ts) counts. */
export function levelPattern(a: PreparedPerson, b: PreparedPerson): LevelPattern {
  return Object.fromEntries(
    compareFields(a, b, DEFAULT_MATCH_MODEL).map((f) => [f.field, f.compared.level]),
  ) as LevelPattern;
}

const priorWeightOf = (model: MatchModel) => log2(model.prior / (1 - model.prior));

/** Only the match weight of a pair: what ranking many candidates needs, without explaining each. */
export function matchWeightPrepared(a: PreparedPerson, b: PreparedPerson, options: ScoreOptions = {}): number {
  const model = options.model ?? DEFAULT_MATCH_MODEL;
  return compareFields(a, b, model).reduce((sum, f) => sum + weigh(f, model, options).weight, priorWeightOf(model));
}

/** The probability of a match weight: 1 / (1 + 2^-w) rather than 2^w / (1 + 2^w), which overflows to NaN for very strong matches. */
export const probabilityOf = (matchWeight: number): number => 1 / (1 + 2 ** -matchWeight);

/** Scores a pair already prepared, explaining each field; bestMatch prepares the incoming person once for all candidates. */
export function scorePrepared(a: PreparedPerson, b: PreparedPerson, options: ScoreOptions = {}): MatchExplanation {
  const model = options.model ?? DEFAULT_MATCH_MODEL;
  const fields = compareFields(a, b, model).map((f): FieldComparison => {
    const { weight, frequency } = weigh(f, model, options);
    const detail = f.compared.describe();
    return {
      field: f.field,
      level: f.compared.level,
      weight,
      detail: frequency === undefined ? detail : `${detail} (${(frequency * 100).toPrecision(2)} % of persons)`,
    };
  });
  const priorWeight = priorWeightOf(model);
  const matchWeight = fields.reduce((sum, f) => sum + f.weight, priorWeight);
  return { probability: probabilityOf(matchWeight), matchWeight, priorWeight, fields };
}

/** Fellegi-Sunter score of two persons, with each field's level and weight for a reviewer. */
export function score(
  incoming: MatchablePerson,
  candidate: MatchablePerson,
  options: ScoreOptions = {},
): MatchExplanation {
  return scorePrepared(prepare(incoming, options.email), prepare(candidate, options.email), options);
}
