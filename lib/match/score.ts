import {
  compareDateOfBirth, compareEmail, compareExternalIds, compareForename, compareLocation, comparePhone, compareSurname,
  namesSwapped, type Compared,
} from './compare';
import { DEFAULT_MATCH_MODEL, type LevelProbabilities, type MatchModel } from './model';
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

function weigh(
  field: MatchField,
  compared: Compared<string>,
  levels: Partial<Record<string, LevelProbabilities>>,
  tf?: { kind: 'first' | 'last'; options: ScoreOptions; model: MatchModel },
): FieldComparison {
  const p = levels[compared.level];
  if (!p) return { field, level: compared.level, weight: 0, detail: compared.detail };
  // Splink's term-frequency adjustment: for an exact match, u becomes the share of persons with that
  // value, so an agreeing "John" counts for less than an agreeing "Siobhan" (matching-notes §2.1, [E3]).
  if (tf && compared.level === 'exact' && compared.value !== undefined && tf.options.nameFrequency) {
    const frequency = Math.max(tf.options.nameFrequency(tf.kind, compared.value), tf.model.minimumNameFrequency);
    return { field, level: 'exact', weight: log2(p.m / frequency), detail: `${compared.detail} (${(frequency * 100).toPrecision(2)} % of persons)` };
  }
  return { field, level: compared.level, weight: log2(p.m / p.u), detail: compared.detail };
}

/** Scores a pair already prepared; bestMatch prepares the incoming person once for all candidates. */
export function scorePrepared(a: PreparedPerson, b: PreparedPerson, options: ScoreOptions = {}): MatchExplanation {
  const model = options.model ?? DEFAULT_MATCH_MODEL;
  let forename: Compared<string> = compareForename(a, b);
  let surname: Compared<string> = compareSurname(a.surname, b.surname);
  const weakNames = ['phonetic', 'initial', 'different'];
  if (weakNames.includes(forename.level) && weakNames.includes(surname.level) && namesSwapped(a, b)) {
    forename = { level: 'swapped', detail: 'forename matches the other record’s surname' };
    surname = { level: 'swapped', detail: 'surname matches the other record’s forename' };
  }

  const fields = [
    weigh('forename', forename, model.forename, { kind: 'first', options, model }),
    weigh('surname', surname, model.surname, { kind: 'last', options, model }),
    weigh('email', compareEmail(a.emails, b.emails), model.email),
    weigh('phone', comparePhone(a.phones, b.phones), model.phone),
    weigh('dateOfBirth', compareDateOfBirth(a.dateOfBirth, b.dateOfBirth), model.dateOfBirth),
    weigh('location', compareLocation(a, b), model.location),
    weigh('externalId', compareExternalIds(a.externalIds, b.externalIds), model.externalId),
  ];
  const priorWeight = log2(model.prior / (1 - model.prior));
  const matchWeight = fields.reduce((sum, f) => sum + f.weight, priorWeight);
  // 1 / (1 + 2^-w) rather than 2^w / (1 + 2^w), which overflows to NaN for very strong matches.
  return { probability: 1 / (1 + 2 ** -matchWeight), matchWeight, priorWeight, fields };
}

/** Fellegi-Sunter score of two persons, with each field's level and weight for a reviewer. */
export function score(incoming: MatchablePerson, candidate: MatchablePerson, options: ScoreOptions = {}): MatchExplanation {
  return scorePrepared(prepare(incoming, options.email), prepare(candidate, options.email), options);
}
