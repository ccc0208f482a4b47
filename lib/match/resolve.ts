import { HrError } from '../errors';
import { checkMatchModel, DEFAULT_MATCH_MODEL } from './model';
import { prepare, type PreparedPerson } from './prepare';
import { matchWeightPrepared, probabilityOf, scorePrepared, type ScoreOptions } from './score';
import type { MatchablePerson, MatchDecision, MatchExplanation, MatchField } from './types';

export interface Thresholds {
  merge: number;
  review: number;
  /**
   * A person whose forename and surname both agree with a stored person's (exactly, as a nickname or
   * nearly) goes to review, never to a merge, when what identifies a person (name, date of birth,
   * address) makes them at least this likely the same person on its own, however their email, phone
   * and ATS id disagree. 1 turns it off; a different date of birth rules it out.
   */
  identityAlone?: number;
}

/**
 * ≥ 0.95 merge, 0.70–0.95 review, < 0.70 new (docs/matching.md, "Thresholds"). Identity alone: review from 0.3
 * (bench/match-quality.ts, three seeds: recall 95.5–95.7 % against 93.2–93.6 % without the rule, for
 * 1.5–2 more points of new persons reviewed; see BENCHMARKS.md for the trade at other values).
 */
export const DEFAULT_THRESHOLDS: Thresholds = { merge: 0.95, review: 0.7, identityAlone: 0.3 };

function checkThresholds({ merge, review, identityAlone = 1 }: Thresholds): void {
  if (!(review >= 0 && review <= merge && merge <= 1)) {
    throw new HrError(
      'match.thresholds_invalid',
      `Thresholds need 0 ≤ review ≤ merge ≤ 1; got review ${review}, merge ${merge}.`,
      { merge, review },
    );
  }
  if (!(identityAlone >= 0 && identityAlone <= 1)) {
    throw new HrError(
      'match.thresholds_invalid',
      `The identity-alone threshold must be between 0 and 1; got ${identityAlone}.`,
      { identityAlone },
    );
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

export interface ScoredCandidate<P> {
  candidate: P;
  explanation: MatchExplanation;
}

export interface MatchOutcome<P> {
  decision: MatchDecision;
  /** The most probable candidate and why; absent only when there were no candidates. */
  candidate?: P;
  explanation?: MatchExplanation;
  /** Why a probability above the merge threshold, or an identity below the review threshold, was sent to review. */
  reviewReason?: string;
  /** The next most probable candidates (at most EXPLAINED_OTHERS), most probable first. */
  others: ScoredCandidate<P>[];
}

/** How many runners-up are explained besides the most probable candidate; the rest are only ranked. */
export const EXPLAINED_OTHERS = 4;

/** A candidate already prepared (e.g. from the comparison record the store keeps), with what the caller wants back. */
export interface PreparedCandidate<P> {
  guid?: string;
  prepared: PreparedPerson;
  candidate: P;
}

// Identifiers that only one person holds; a merge needs at least one of them to agree.
const CORROBORATING = new Set([
  'email:exact',
  'phone:exact',
  'dateOfBirth:exact',
  'nationalId:exact',
  'externalId:exact',
]);

/**
 * Fellegi-Sunter assumes fields independent, and two situations break that badly enough to guard
 * against: household members share surname, address and landline, so only the forename tells them
 * apart; and the name fields alone, however rare the name, can be a namesake. Neither may merge
 * unattended: they go to review with the reason stated.
 */
function mergeBlocker(explanation: MatchExplanation): string | undefined {
  const level = (field: string) => explanation.fields.find((f) => f.field === field)?.level;
  if (level('forename') === 'different') return 'the forenames differ: possibly a relative sharing contact details';
  if (!explanation.fields.some((f) => CORROBORATING.has(`${f.field}:${f.level}`)))
    return 'only names and address agree: no email, phone, birth date, national id or external id confirms it';
  return undefined;
}

// What identifies a person, as against how to reach them: a returning applicant often brings a new email,
// phone and ATS record together, so their disagreements are one event, not three independent pieces of
// evidence against the match, and Fellegi-Sunter's product counts them three times.
const IDENTITY_FIELDS: ReadonlySet<MatchField> = new Set([
  'forename',
  'surname',
  'dateOfBirth',
  'location',
  'street',
  'nationalId',
]);

/** Why a match too weak for review still needs one: the rule of Thresholds.identityAlone. */
function identityReason(explanation: MatchExplanation, identityAlone: number): string | undefined {
  const field = (name: MatchField) => explanation.fields.find((f) => f.field === name);
  const [forename, surname, dateOfBirth] = [field('forename'), field('surname'), field('dateOfBirth')];
  // A person known by one name (or whose other name was left out) is judged on the name they have.
  const namesAgree = [forename, surname].filter((f) => f && f.level !== 'missing');
  if (!namesAgree.length || namesAgree.some((f) => f!.weight <= 0) || dateOfBirth?.level === 'different')
    return undefined;
  const identity = explanation.fields.filter((f) => IDENTITY_FIELDS.has(f.field));
  const byIdentity = probabilityOf(identity.reduce((sum, f) => sum + f.weight, explanation.priorWeight));
  if (byIdentity < identityAlone) return undefined;
  const agrees = (name: MatchField) => (field(name)?.weight ?? 0) > 0;
  const agreeing = [
    'name',
    ...(agrees('dateOfBirth') ? ['date of birth'] : []),
    ...(agrees('location') || agrees('street') ? ['address'] : []),
    ...(agrees('nationalId') ? ['national id'] : []),
  ];
  const what =
    agreeing.length > 1 ? `${agreeing.slice(0, -1).join(', ')} and ${agreeing[agreeing.length - 1]}` : 'name';
  return `by ${what} alone p=${byIdentity.toFixed(2)}, though no email, phone or ATS id confirms it`;
}

/**
 * Scores every candidate the caller fetched by blocking key and decides on the most probable one.
 * Former employees are scored like anyone else: a rehire is the same person. When two different stored
 * persons both clear the merge threshold the decision is review: they are probably duplicates of each
 * other, and picking one silently would hide that.
 */
export function bestMatch<P extends MatchablePerson>(
  incoming: MatchablePerson,
  candidates: readonly P[],
  options: BestMatchOptions = {},
): MatchOutcome<P> {
  return bestPreparedMatch(
    prepare(incoming, options.email),
    candidates.map((candidate) => ({ guid: candidate.guid, prepared: prepare(candidate, options.email), candidate })),
    options,
  );
}

/**
 * bestMatch for candidates already prepared. Every candidate is ranked by its match weight alone; only
 * the most probable ones are explained field by field, which is what a lookup among hundreds of
 * namesakes spends its time on otherwise.
 */
export function bestPreparedMatch<P>(
  incoming: PreparedPerson,
  candidates: ReadonlyArray<PreparedCandidate<P>>,
  options: BestMatchOptions = {},
): MatchOutcome<P> {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  checkThresholds(thresholds);
  checkMatchModel(options.model ?? DEFAULT_MATCH_MODEL);

  const ranked = candidates
    .map((c) => ({ c, weight: matchWeightPrepared(incoming, c.prepared, options) }))
    .sort((x, y) => y.weight - x.weight)
    .slice(0, 1 + EXPLAINED_OTHERS)
    .map(({ c }) => ({
      guid: c.guid,
      candidate: c.candidate,
      explanation: scorePrepared(incoming, c.prepared, options),
    }));
  const [top, ...runnersUp] = ranked;
  if (!top) return { decision: 'new', others: [] };
  const others = runnersUp.map(({ candidate, explanation }) => ({ candidate, explanation }));

  const outcome = {
    decision: decide(top.explanation.probability, thresholds),
    candidate: top.candidate,
    explanation: top.explanation,
    others,
  };
  if (outcome.decision === 'new') {
    const reason = identityReason(top.explanation, thresholds.identityAlone ?? 1);
    return reason ? { ...outcome, decision: 'review', reviewReason: reason } : outcome;
  }
  if (outcome.decision !== 'merge') return outcome;
  const rival = runnersUp.some(
    (o) => o.explanation.probability >= thresholds.merge && !(o.guid !== undefined && o.guid === top.guid),
  );
  const reviewReason = rival
    ? 'another stored person matches as strongly: the store may hold a duplicate'
    : mergeBlocker(top.explanation);
  return reviewReason ? { ...outcome, decision: 'review', reviewReason } : outcome;
}
