/**
 * Learning the match weights from the user's own data (Fellegi-Sunter EM, lib/match/estimate.ts). The
 * dedupe node tallies how each pair it scored compared, level by level (no values: a pattern such as
 * "forename exact, surname jw92, date of birth missing, …"); on demand, those tallies are the blocked
 * pairs EM reads, and pairs of stored persons drawn at random give u.
 */
import {
  estimateModel,
  fromComparisonRecord,
  levelPattern,
  MODEL_FIELDS,
  patternOf,
  type Estimate,
  type LevelPattern,
  type MatchExplanation,
  type MatchModel,
  type PatternCount,
} from '../match';
import type { HrStore } from '../store';

/** Persons drawn from the store for u; their pairs (up to RANDOM_PAIRS) are compared. */
const SAMPLE_PERSONS = 2_000;
const RANDOM_PAIRS = 50_000;
/** Distinct patterns kept; the rarest are dropped beyond it, so the tally stays small whatever the traffic. */
const MAX_PATTERNS = 5_000;

const keyOf = (p: LevelPattern) => MODEL_FIELDS.map((f) => p[f]).join('|');
const patternOfKey = (key: string): LevelPattern =>
  Object.fromEntries(key.split('|').map((level, i) => [MODEL_FIELDS[i], level])) as LevelPattern;

/** Pattern counts of the pairs one node scored, kept in memory and saved in the store's node state. */
export class PatternTally {
  private counts = new Map<string, number>();
  private unsaved = 0;

  constructor(private readonly stateName: string) {}

  /** One scored pair: a lookup's best candidate. */
  add(explanation: MatchExplanation): void {
    const k = keyOf(patternOf(explanation));
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    this.unsaved++;
  }

  /** Adds what the store holds to what is in memory, trims, and saves the sum. */
  async save(store: HrStore): Promise<void> {
    if (this.unsaved === 0) return;
    const stored = await this.load(store);
    for (const [k, n] of this.counts) stored.set(k, (stored.get(k) ?? 0) + n);
    const kept = [...stored].sort((a, b) => b[1] - a[1]).slice(0, MAX_PATTERNS);
    await store.setNodeState(this.stateName, JSON.stringify(Object.fromEntries(kept)));
    this.counts = new Map();
    this.unsaved = 0;
  }

  /** Everything tallied, saved or not. */
  async all(store: HrStore): Promise<PatternCount[]> {
    const stored = await this.load(store);
    for (const [k, n] of this.counts) stored.set(k, (stored.get(k) ?? 0) + n);
    return [...stored].map(([k, count]) => ({ pattern: patternOfKey(k), count }));
  }

  private async load(store: HrStore): Promise<Map<string, number>> {
    const raw = await store.getNodeState(this.stateName);
    if (!raw) return new Map();
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return new Map(
      Object.entries(parsed).filter(
        (e): e is [string, number] =>
          typeof e[1] === 'number' && e[1] > 0 && e[0].split('|').length === MODEL_FIELDS.length,
      ),
    );
  }
}

/** Level patterns of pairs of stored persons drawn at random: almost all are two different persons. */
export async function randomPairPatterns(
  store: HrStore,
  persons = SAMPLE_PERSONS,
  pairs = RANDOM_PAIRS,
): Promise<PatternCount[]> {
  const sample = (await store.sampleComparisonRecords(persons))
    .map((r) => fromComparisonRecord(r.comparisonRecord))
    .filter((p) => p !== undefined);
  const out: PatternCount[] = [];
  const n = sample.length;
  // Each unordered pair once, in a fixed order, until enough: the sample is already random.
  for (let i = 0; i < n && out.length < pairs; i++) {
    for (let j = i + 1; j < n && out.length < pairs; j++)
      out.push({ pattern: levelPattern(sample[i]!, sample[j]!), count: 1 });
  }
  return out;
}

export interface LearnedLevel {
  field: string;
  level: string;
  m: number;
  u: number;
  /** log2(m/u), as a score shows it */
  weight: number;
  /** the weight of the model learning started from */
  before: number;
}

/** The learned model and its weights beside the ones it started from, for the sidebar and BENCHMARKS.md. */
export function learnedLevels(before: MatchModel, after: MatchModel): LearnedLevel[] {
  return MODEL_FIELDS.flatMap((field) =>
    Object.entries(after[field] as Record<string, { m: number; u: number }>).map(([level, { m, u }]) => {
      const old = (before[field] as Record<string, { m: number; u: number }>)[level];
      return { field, level, m, u, weight: Math.log2(m / u), before: old ? Math.log2(old.m / old.u) : NaN };
    }),
  );
}

/** The learned model as the dedupe node's weight overrides (its "model" setting): m and u of every level. */
export function asOverrides(model: MatchModel): Record<string, Record<string, { m: number; u: number }>> {
  const round = (x: number) => Number(x.toPrecision(4));
  return Object.fromEntries(
    MODEL_FIELDS.map((field) => [
      field,
      Object.fromEntries(
        Object.entries(model[field] as Record<string, { m: number; u: number }>).map(([level, { m, u }]) => [
          level,
          { m: round(m), u: round(u) },
        ]),
      ),
    ]),
  );
}

export async function learnWeights(
  store: HrStore,
  start: MatchModel,
  blocked: readonly PatternCount[],
): Promise<Estimate & { levels: LearnedLevel[] }> {
  const estimate = estimateModel(start, blocked, await randomPairPatterns(store));
  return { ...estimate, levels: learnedLevels(start, estimate.model) };
}
