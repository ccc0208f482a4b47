import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_MATCH_MODEL,
  MODEL_FIELDS,
  estimateModel,
  type LevelPattern,
  type MatchModel,
  type PatternCount,
} from '../../../lib/match';

/** mulberry32, so a failure can be reproduced. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The true parameters the synthetic pairs are drawn from: four fields, each level's m and u summing to 1.
const TRUTH: Partial<Record<(typeof MODEL_FIELDS)[number], Record<string, { m: number; u: number }>>> = {
  forename: {
    exact: { m: 0.7, u: 0.02 },
    nickname: { m: 0.1, u: 0.01 },
    jw92: { m: 0.1, u: 0.02 },
    different: { m: 0.1, u: 0.95 },
  },
  surname: { exact: { m: 0.75, u: 0.01 }, jw92: { m: 0.15, u: 0.02 }, different: { m: 0.1, u: 0.97 } },
  dateOfBirth: { exact: { m: 0.85, u: 0.001 }, close: { m: 0.1, u: 0.01 }, different: { m: 0.05, u: 0.989 } },
  nationalId: { exact: { m: 0.9, u: 0.0005 }, close: { m: 0.05, u: 0.0005 }, different: { m: 0.05, u: 0.999 } },
};

function draw(random: () => number, which: 'm' | 'u'): LevelPattern {
  const pattern = Object.fromEntries(MODEL_FIELDS.map((f) => [f, 'missing'])) as LevelPattern;
  for (const [field, levels] of Object.entries(TRUTH)) {
    let r = random();
    const entries = Object.entries(levels);
    pattern[field as keyof LevelPattern] = (entries.find(([, p]) => (r -= p[which]) < 0) ??
      entries[entries.length - 1]!)[0];
  }
  return pattern;
}

test('EM recovers known m and u from synthetic pairs, starting from the default weights', () => {
  const random = rng(7);
  const blocked: PatternCount[] = Array.from({ length: 20_000 }, () => ({
    pattern: draw(random, random() < 0.3 ? 'm' : 'u'),
    count: 1,
  }));
  const randomPairs: PatternCount[] = Array.from({ length: 50_000 }, () => ({ pattern: draw(random, 'u'), count: 1 }));
  // One pass over every field: these pairs were not blocked on anything.
  const estimate = estimateModel(DEFAULT_MATCH_MODEL, blocked, randomPairs, { passes: [[]] });
  assert.ok(estimate.converged, `converged in ${estimate.iterations} iterations`);
  assert.ok(Math.abs(estimate.matchShare - 0.3) < 0.02, `match share ${estimate.matchShare}`);
  for (const [field, levels] of Object.entries(TRUTH)) {
    for (const [level, truth] of Object.entries(levels)) {
      const learnt = (estimate.model[field as keyof MatchModel] as Record<string, { m: number; u: number }>)[level]!;
      assert.ok(Math.abs(learnt.m - truth.m) < 0.03, `${field} ${level}: m ${learnt.m.toFixed(3)} vs ${truth.m}`);
      assert.ok(Math.abs(learnt.u - truth.u) < 0.01, `${field} ${level}: u ${learnt.u.toFixed(4)} vs ${truth.u}`);
    }
  }
  // A field no pair compared keeps the weights it started with.
  assert.deepEqual(estimate.model.email, DEFAULT_MATCH_MODEL.email);
});

test('in passes that each leave fields out (as blocking requires), every field is still recovered', () => {
  const random = rng(9);
  const blocked: PatternCount[] = Array.from({ length: 20_000 }, () => ({
    pattern: draw(random, random() < 0.3 ? 'm' : 'u'),
    count: 1,
  }));
  const randomPairs: PatternCount[] = Array.from({ length: 50_000 }, () => ({ pattern: draw(random, 'u'), count: 1 }));
  const { model } = estimateModel(DEFAULT_MATCH_MODEL, blocked, randomPairs);
  for (const [field, levels] of Object.entries(TRUTH)) {
    for (const [level, truth] of Object.entries(levels)) {
      const learnt = (model[field as keyof MatchModel] as Record<string, { m: number }>)[level]!;
      assert.ok(Math.abs(learnt.m - truth.m) < 0.06, `${field} ${level}: m ${learnt.m.toFixed(3)} vs ${truth.m}`);
    }
  }
});

test('a level no random pair showed keeps a u no larger than one in the pairs compared, never 0', () => {
  const random = rng(8);
  const blocked: PatternCount[] = Array.from({ length: 2_000 }, () => ({
    pattern: draw(random, random() < 0.3 ? 'm' : 'u'),
    count: 1,
  }));
  // Strangers never share a national id here.
  const randomPairs = Array.from({ length: 1_000 }, () => ({
    pattern: { ...draw(random, 'u'), nationalId: 'different' },
    count: 1,
  }));
  const { model } = estimateModel(DEFAULT_MATCH_MODEL, blocked, randomPairs);
  assert.ok(
    model.nationalId.exact.u > 0 &&
      model.nationalId.exact.u <= Math.min(DEFAULT_MATCH_MODEL.nationalId.exact.u, 1 / 1_000),
  );
});

test('with nothing scored yet there is nothing to learn from, and the error says so', () => {
  assert.throws(() => estimateModel(DEFAULT_MATCH_MODEL, [], []), { code: 'match.estimate_no_pairs' });
});
