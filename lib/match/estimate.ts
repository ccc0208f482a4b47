import { HrError } from '../errors';
import { checkMatchModel, MODEL_FIELDS, type LevelProbabilities, type MatchModel, type ModelField } from './model';
import type { MatchExplanation } from './types';

/** How each field of one pair compared: a level name per field, 'missing' where either value is absent. */
export type LevelPattern = Record<ModelField, string>;

/** A pattern and how many pairs showed it: pairs aggregate, so EM works on a few hundred rows however many pairs there were. */
export interface PatternCount {
  pattern: LevelPattern;
  count: number;
}

export interface EstimateOptions {
  maxIterations?: number;
  /** Stop when no m moves by more than this between iterations. */
  tolerance?: number;
  /** Share of the blocked pairs that are matches, to start from. */
  startMatchShare?: number;
  /**
   * One EM pass per entry, each leaving the listed fields out. Blocking selects pairs whose names (or
   * birth date) already agree, so those fields agree among matches and non-matches alike and would pull
   * EM towards "same name = same person"; Splink therefore trains once per blocking rule without that
   * rule's fields. Each field's m is the mean over the passes that estimated it.
   */
  passes?: ReadonlyArray<readonly ModelField[]>;
}

const DEFAULT_PASSES: ReadonlyArray<readonly ModelField[]> = [
  ['forename', 'surname'],
  ['dateOfBirth', 'nationalId', 'street', 'location'],
];

export interface Estimate {
  model: MatchModel;
  /** Share of the blocked pairs EM judged to be matches. */
  matchShare: number;
  iterations: number;
  converged: boolean;
  blockedPairs: number;
  randomPairs: number;
}

/** The levels of a scored pair, from its explanation. */
export function patternOf(explanation: MatchExplanation): LevelPattern {
  const levels = new Map(explanation.fields.map((f) => [f.field, f.level]));
  return Object.fromEntries(MODEL_FIELDS.map((f) => [f, levels.get(f) ?? 'missing'])) as LevelPattern;
}

/** No level is learnt as impossible: a level never seen keeps a probability this small, not 0 (an infinite weight). */
const FLOOR = 1e-6;
const key = (p: LevelPattern) => MODEL_FIELDS.map((f) => p[f]).join('|');

function aggregate(rows: readonly PatternCount[]): PatternCount[] {
  const byKey = new Map<string, PatternCount>();
  for (const { pattern, count } of rows) {
    const k = key(pattern);
    const seen = byKey.get(k);
    if (seen) seen.count += count;
    else byKey.set(k, { pattern, count });
  }
  return [...byKey.values()];
}

/**
 * Level shares of one field over weighted rows, missing left out. A level no row showed gets unseen(level)
 * (by default a floor), never 0.
 */
function shares(
  field: ModelField,
  levels: readonly string[],
  rows: readonly PatternCount[],
  weightOf: (row: PatternCount) => number,
  unseen: (level: string, all: number) => number = () => FLOOR,
): Record<string, number> | undefined {
  const totals = new Map<string, number>();
  let all = 0;
  for (const row of rows) {
    const level = row.pattern[field];
    if (level === 'missing' || !levels.includes(level)) continue;
    const w = weightOf(row);
    totals.set(level, (totals.get(level) ?? 0) + w);
    all += w;
  }
  if (all <= 0) return undefined;
  const raw = levels.map((l) => (totals.get(l) ? Math.max(FLOOR, (totals.get(l) as number) / all) : unseen(l, all)));
  const sum = raw.reduce((a, b) => a + b, 0);
  return Object.fromEntries(levels.map((l, i) => [l, (raw[i] as number) / sum]));
}

function withProbabilities(
  model: MatchModel,
  which: 'm' | 'u',
  field: ModelField,
  values: Record<string, number> | undefined,
): void {
  if (!values) return; // no pair compared this field: its levels keep the starting values
  const levels = model[field] as Record<string, LevelProbabilities>;
  for (const [level, p] of Object.entries(values))
    levels[level] = { ...(levels[level] as LevelProbabilities), [which]: p };
}

/**
 * Fellegi-Sunter parameters from the user's own data, as Splink estimates them (docs/matching.md, "Fellegi-Sunter scoring"):
 * u from pairs drawn at random (almost all of them two different persons), then m by expectation-
 * maximisation over blocked pairs with u held fixed, starting from the current model, in passes that
 * each leave out fields blocking made agree (EstimateOptions.passes). The prior is not
 * learnt here: it is the chance that an incoming person and one stored person are the same, which the
 * share of matches among blocked pairs does not measure. Term-frequency adjustment stays as it is: an
 * exact name's u is still replaced by the name's frequency when scoring.
 */
export function estimateModel(
  start: MatchModel,
  blocked: readonly PatternCount[],
  random: readonly PatternCount[],
  options: EstimateOptions = {},
): Estimate {
  checkMatchModel(start);
  const rows = aggregate(blocked);
  const blockedPairs = rows.reduce((s, r) => s + r.count, 0);
  const randomRows = aggregate(random);
  const randomPairs = randomRows.reduce((s, r) => s + r.count, 0);
  if (blockedPairs === 0)
    throw new HrError(
      'match.estimate_no_pairs',
      'No compared pairs to learn from yet: the dedupe node learns from the persons it has looked up.',
    );
  const model = structuredClone(start);
  const levelsOf = (field: ModelField) => Object.keys(model[field]);
  // A level no random pair showed (two strangers with one email) is rarer than the sample can measure:
  // its u stays the starting one, or one in the number of pairs compared if that is smaller.
  for (const field of MODEL_FIELDS) {
    const startU = (level: string, all: number) =>
      Math.min((start[field] as Record<string, LevelProbabilities>)[level]?.u ?? FLOOR, 1 / all);
    withProbabilities(
      model,
      'u',
      field,
      shares(field, levelsOf(field), randomRows, (r) => r.count, startU),
    );
  }

  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-5;
  const passes = (options.passes ?? DEFAULT_PASSES).map((left) => {
    const fields = MODEL_FIELDS.filter((f) => !left.includes(f));
    const pass = structuredClone(model);
    let lambda = options.startMatchShare ?? 0.1;
    let iterations = 0;
    let converged = false;
    while (iterations < maxIterations && !converged) {
      iterations++;
      // E: each pattern's probability of being a match under the current m, u and λ (in logs: long products underflow).
      const posterior = new Map<PatternCount, number>();
      let matches = 0;
      for (const row of rows) {
        let logRatio = Math.log(lambda / (1 - lambda));
        for (const field of fields) {
          const p = (pass[field] as Record<string, LevelProbabilities>)[row.pattern[field]];
          if (p) logRatio += Math.log(p.m / p.u);
        }
        const w = 1 / (1 + Math.exp(-logRatio));
        posterior.set(row, w);
        matches += w * row.count;
      }
      // M: m from the match-weighted level counts; λ the match share.
      let moved = 0;
      for (const field of fields) {
        const before = pass[field] as Record<string, LevelProbabilities>;
        // A level no blocked pair showed (no ATS id in common yet) keeps its starting m, or one in the matches counted if smaller.
        const startM = (level: string, all: number) =>
          Math.min((start[field] as Record<string, LevelProbabilities>)[level]?.m ?? FLOOR, 1 / all);
        const next = shares(field, levelsOf(field), rows, (r) => (posterior.get(r) ?? 0) * r.count, startM);
        if (next)
          for (const [level, m] of Object.entries(next)) moved = Math.max(moved, Math.abs(m - (before[level]?.m ?? 0)));
        withProbabilities(pass, 'm', field, next);
      }
      lambda = Math.min(1 - FLOOR, Math.max(FLOOR, matches / blockedPairs));
      converged = moved < tolerance;
    }
    return { fields, pass, lambda, iterations, converged };
  });
  for (const field of MODEL_FIELDS) {
    const estimating = passes.filter((p) => p.fields.includes(field));
    if (!estimating.length) continue;
    const levels = model[field] as Record<string, LevelProbabilities>;
    for (const level of Object.keys(levels)) {
      const m =
        estimating.reduce((sum, p) => sum + ((p.pass[field] as Record<string, LevelProbabilities>)[level]?.m ?? 0), 0) /
        estimating.length;
      levels[level] = { ...(levels[level] as LevelProbabilities), m };
    }
  }
  const lambda = passes.reduce((sum, p) => sum + p.lambda, 0) / passes.length;
  const iterations = passes.reduce((sum, p) => sum + p.iterations, 0);
  const converged = passes.every((p) => p.converged);
  checkMatchModel(model);
  return { model, matchShare: lambda, iterations, converged, blockedPairs, randomPairs };
}
