export type { MatchablePerson, MatchDecision, MatchExplanation, FieldComparison, MatchField, NameFrequency } from './types';
export { normaliseName, normaliseEmail, nameForms, type EmailOptions, type NameForms } from './normalise';
export { jaro, jaroWinkler } from './jaroWinkler';
export { areNicknames, nicknameVariants } from './nicknames';
export { nysiis } from './phonetic';
export { blockingKeys } from './blocking';
export { DEFAULT_MATCH_MODEL, checkMatchModel, type MatchModel, type LevelProbabilities } from './model';
export { score, type ScoreOptions } from './score';
export { decide, bestMatch, DEFAULT_THRESHOLDS, type Thresholds, type BestMatchOptions, type MatchOutcome, type ScoredCandidate } from './resolve';
