/** The health monitor's settings as the editor saves them, parsed once at deploy. */
import { z } from 'zod';
import { DEFAULT_SETTINGS, type RuleSettings } from '../../lib/health/rules';

const number = (min: number, fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess((v) => (v === '' || v === undefined || v === null ? fallback : Number(v)), z.number().min(min).max(max));

const d = DEFAULT_SETTINGS;

export const HealthConfig = z.object({
  store: z.string().optional(),
  /** Minutes between evaluations. */
  interval: number(1, 5),
  /** Minutes a failing check must stay clean to count as recovered. */
  cleanPeriod: number(0, 60),
  failurePercent: number(1, d.failureRatio * 100, 100),
  failureMinCalls: number(1, d.failureMinCalls),
  writesWindowHours: number(1, d.writesWindowHours),
  webhooksWindowHours: number(1, d.webhooksWindowHours),
  latencyMaxMs: number(1, d.latencyMaxMs),
  validationMax: number(0, d.validationMax),
  credentialDays: number(1, d.credentialDays),
  volumePeriod: z.enum(['day', 'week']).default(d.volumePeriod),
  volumePercent: number(1, d.volumeRatio * 100, 100),
  volumeLookbackWeeks: number(1, d.volumeLookbackWeeks, 52),
  expiries: z.string().default(''),
});
export type HealthConfig = z.infer<typeof HealthConfig>;

export const ruleSettings = (c: HealthConfig): RuleSettings => ({
  failureRatio: c.failurePercent / 100,
  failureMinCalls: c.failureMinCalls,
  writesWindowHours: c.writesWindowHours,
  webhooksWindowHours: c.webhooksWindowHours,
  latencyMaxMs: c.latencyMaxMs,
  validationMax: c.validationMax,
  credentialDays: c.credentialDays,
  volumePeriod: c.volumePeriod,
  volumeRatio: c.volumePercent / 100,
  volumeLookbackWeeks: c.volumeLookbackWeeks,
});
