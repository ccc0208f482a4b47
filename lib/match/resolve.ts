import { HrError } from '../errors';
import { checkMatchModel, DEFAULT_MATCH_MODEL } from './model';
import { prepare } from './prepare';
import { scorePrepared, type ScoreOptions } from './score';
import type { MatchablePerson, MatchDecision, MatchExplanation } from './types';

export interface Thresholds {
  merge: number;
  review: number;
}

/** design.md: ≥ 0.95 merge, 0.70–0.95 review, < 0.70 new. */
export const DEFAULT_THRESHOLDS: Thresholds = { merge: 0.95, review: 0.7 };

function checkThresholds({ merge, review }: Thresholds): void {
  if (!(review >= 0 && review <= merge && merge <= 1)) {
    throw new HrError('match.thresholds_invalid', `Thresholds need 0 ≤ review ≤ merge ≤ 1; got review ${review}, merge ${merge}.`, { merge, review });
  }
}

/** merge when p ≥ merge; review when review ≤ p < merge; new below review. */
export function decide(probability: number, thresholds: Thresholds = DEFAULT_THRESHOLDS): MatchDecision {
  checkThresholds(thresholds);
  if (probability >= thresholds.merge) return 'merge';
  return probability >= thresholds.review ? 'review' : 'new';
}

export interface BestMatchOptions extends ScoreOptions {
  thresholds?: Thresholds;
}

export interface ScoredCandidate<P extends MatchablePerson> {
  candidate: P;
  explanation: MatchExplanation;
}

export interface MatchOutcome<P extends MatchablePerson> {
  decision: MatchDecision;
  /** The most probable candidate and why; absent only when there were no candidates. */
  candidate?: P;
  explanation?: MatchExplanation;
  /** Why a probability above the merge threshold was sent to review instead. */
  reviewReason?: string;
  /** Every other candidate, most probable first. */
  others: ScoredCandidate<P>[];
}

// Identifiers that only one person holds; a merge needs at least one of them to agree.
const CORROBORATING = new Set(['email:exact', 'phone:exact', 'dateOfBirth:exact', 'externalId:exact']);

/**
 * Fellegi-Sunter assumes fields independent, and two situations break that badly enough to guard
 * against: household members share surname, address and landline, so only the forename tells them
 * apart; and the name fields alone, however rare the name, can be a namesake. Neither may merge
 * unattended: they go to review with the reason stated.
 */
function mergeBlocker(explanation: MatchExplanation): string | undefined {
  const level = (field: string) => explanation.fields.find((f) => f.field === field)?.level;
  if (level('forename') === 'different') return 'the forenames differ: possibly a relative sharing contact details';
  if (!explanation.fields.some((f) => CORROBORATING.has(`${f.field}:${f.level}`))) return 'only names and address agree: no email, phone, birth date or external id confirms it';
  return undefined;
}

/**
 * Scores every candidate the caller fetched by blocking key and decides on the most probable one.
 * Former employees are scored like anyone else: a rehire is the same person. When two different stored
 * persons both clear the merge threshold the decision is review: they are probably duplicates of each
 * other, and picking one silently would hide that.
 */
export function bestMatch<P extends MatchablePerson>(incoming: MatchablePerson, candidates: readonly P[], options: BestMatchOptions = {}): MatchOutcome<P> {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  checkThresholds(thresholds);
  checkMatchModel(options.model ?? DEFAULT_MATCH_MODEL);

  const a = prepare(incoming, options.email);
  const scored = candidates
    .map((candidate) => ({ candidate, explanation: scorePrepared(a, prepare(candidate, options.email), options) }))
    .sort((x, y) => y.explanation.matchWeight - x.explanation.matchWeight);
  const [top, ...others] = scored;
  if (!top) return { decision: 'new', others: [] };

  const outcome = { decision: decide(top.explanation.probability, thresholds), candidate: top.candidate, explanation: top.explanation, others };
  if (outcome.decision !== 'merge') return outcome;
  const rival = others.some((o) => o.explanation.probability >= thresholds.merge && !(o.candidate.guid !== undefined && o.candidate.guid === top.candidate.guid));
  const reviewReason = rival ? 'another stored person matches as strongly: the store may hold a duplicate' : mergeBlocker(top.explanation);
  return reviewReason ? { ...outcome, decision: 'review', reviewReason } : outcome;
}
