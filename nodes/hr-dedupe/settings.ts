import { z } from 'zod';
import { HrError } from '../../lib/errors';
import { checkMatchModel, DEFAULT_MATCH_MODEL, DEFAULT_THRESHOLDS, type MatchModel } from '../../lib/match';
import { describeIssues } from '../../lib/zodIssues';
import { MAX_BLOCK_SIZE, type DedupeSettings } from '../../lib/dedupe/identityResolution';

/**
 * Candidates scored per person: those sharing an email, ATS id or phone first, then those sharing the
 * most blocking keys. bench/match-quality.ts (20,000 persons): the same recall at 50 as at 200; at a
 * million persons 50 rather than 200 takes the p99 of a lookup from 7–17 ms to about 4 ms (bench/dedupe-lookup.ts).
 */
const CANDIDATE_LIMIT = 50;

const Level = z.object({ m: z.number(), u: z.number() }).partial().strict();
const Levels = z.record(z.string(), Level);
const ModelOverrides = z
  .object({
    prior: z.number(),
    minimumNameFrequency: z.number(),
    forename: Levels,
    surname: Levels,
    email: Levels,
    phone: Levels,
    dateOfBirth: Levels,
    location: Levels,
    street: Levels,
    nationalId: Levels,
    externalId: Levels,
  })
  .partial()
  .strict();

const threshold = (fallback: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? fallback : Number(v)),
    z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
  );

const Config = z
  .object({
    mergeThreshold: threshold(DEFAULT_THRESHOLDS.merge),
    reviewThreshold: threshold(DEFAULT_THRESHOLDS.review),
    identityAloneThreshold: threshold(DEFAULT_THRESHOLDS.identityAlone ?? 1),
    defaultCountry: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2})?$/, 'must be a two-letter country code such as US')
      .optional(),
    model: z.string().optional(),
  })
  .refine((c) => c.reviewThreshold <= c.mergeThreshold, {
    path: ['reviewThreshold'],
    message: 'must not be above the merge threshold',
  });

/** The default match model with the user's m/u overrides applied; unknown fields or levels are refused by name. */
export function modelWithOverrides(json: string): MatchModel {
  if (!json.trim()) return DEFAULT_MATCH_MODEL;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new HrError('dedupe.config_invalid', `The weight overrides are not JSON: ${(err as Error).message}`, {
      field: 'model',
    });
  }
  const parsed = ModelOverrides.safeParse(raw);
  if (!parsed.success)
    throw new HrError(
      'dedupe.config_invalid',
      `The weight overrides are not valid: ${describeIssues(parsed.error, 'model')}`,
      { field: 'model' },
    );
  const { prior, minimumNameFrequency, ...fields } = parsed.data;
  const model = structuredClone(DEFAULT_MATCH_MODEL) as MatchModel & Record<string, unknown>;
  if (prior !== undefined) model.prior = prior;
  if (minimumNameFrequency !== undefined) model.minimumNameFrequency = minimumNameFrequency;
  for (const [field, levels] of Object.entries(fields)) {
    const target = model[field as keyof typeof fields] as Record<string, { m: number; u: number }>;
    for (const [level, mu] of Object.entries(levels ?? {})) {
      if (!target[level]) {
        throw new HrError(
          'dedupe.config_invalid',
          `The weight overrides name level "${level}" of ${field}, which does not exist; levels are ${Object.keys(target).join(', ')}.`,
          { field: 'model' },
        );
      }
      target[level] = { ...target[level], ...mu };
    }
  }
  checkMatchModel(model);
  return model;
}

export interface DedupeConfig {
  settings: DedupeSettings;
  defaultCountry: string | undefined;
}

export function parseConfig(def: Record<string, unknown>, actor: string): DedupeConfig {
  const parsed = Config.safeParse(def);
  if (!parsed.success)
    throw new HrError('dedupe.config_invalid', `The dedupe settings are not valid: ${describeIssues(parsed.error)}`);
  const c = parsed.data;
  return {
    settings: {
      thresholds: { merge: c.mergeThreshold, review: c.reviewThreshold, identityAlone: c.identityAloneThreshold },
      model: modelWithOverrides(c.model ?? ''),
      candidateLimit: CANDIDATE_LIMIT,
      maxBlockSize: MAX_BLOCK_SIZE,
      actor,
    },
    defaultCountry: c.defaultCountry || undefined,
  };
}
