export type {
  MatchablePerson,
  MatchDecision,
  MatchExplanation,
  FieldComparison,
  MatchField,
  NameFrequency,
} from './types';
export { normaliseName, normaliseEmail, nameForms, type EmailOptions, type NameForms } from './normalise';
export { jaro, jaroWinkler } from './jaroWinkler';
export { areNicknames, nicknameVariants } from './nicknames';
export { nysiis } from './phonetic';
export { blockingKeys, blockingKeysOfPrepared, isIdentifyingKey } from './blocking';
export {
  DEFAULT_MATCH_MODEL,
  MODEL_FIELDS,
  checkMatchModel,
  type MatchModel,
  type LevelProbabilities,
  type ModelField,
} from './model';
export { score, scorePrepared, matchWeightPrepared, levelPattern, type ScoreOptions } from './score';
export {
  estimateModel,
  patternOf,
  type Estimate,
  type EstimateOptions,
  type LevelPattern,
  type PatternCount,
} from './estimate';
export { prepare, givenNames, type PreparedPerson } from './prepare';
export { digestNationalId, normaliseNationalId, nationalIdsAlike, type NationalIdDigests } from './nationalId';
export { parseStreetAddress, type StreetAddress } from './address';
export {
  toComparisonRecord,
  fromComparisonRecord,
  COMPARISON_RECORD_VERSION,
  type ComparisonRecord,
} from './comparisonRecord';
export {
  decide,
  bestMatch,
  bestPreparedMatch,
  DEFAULT_THRESHOLDS,
  EXPLAINED_OTHERS,
  type Thresholds,
  type BestMatchOptions,
  type MatchOutcome,
  type ScoredCandidate,
  type PreparedCandidate,
} from './resolve';
