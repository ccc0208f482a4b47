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
  /** Every other candidate, most probable first. */
  others: ScoredCandidate<P>[];
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

  let decision = decide(top.explanation.probability, thresholds);
  const rival = others.find((o) => o.explanation.probability >= thresholds.merge && !(o.candidate.guid !== undefined && o.candidate.guid === top.candidate.guid));
  if (decision === 'merge' && rival) decision = 'review';
  return { decision, candidate: top.candidate, explanation: top.explanation, others };
}
