/**
 * The health rules: what "unhealthy" means, as data. Defaults follow the issue: an operation is
 * failing when at least half of at least 5 calls failed in 24 hours; inbound webhooks when at least
 * half failed in 6 hours; credentials that expire within 30 days; hires far below their usual level.
 */
import type { AlertCategory, Severity } from '../alert/alert';
import { METRICS, type LabelName } from './metrics';

interface RuleBase {
  /** Stable: alerts and the rule's firing state are keyed by it. */
  id: string;
  severity: Severity;
  category: AlertCategory;
}

/** Fires when failed / (ok + failed) ≥ ratio, over at least minCalls calls, per value of `per`. */
export interface FailureRateRule extends RuleBase {
  kind: 'failure_rate';
  okMetric: string;
  failedMetric: string;
  per?: LabelName;
  windowHours: number;
  minCalls: number;
  ratio: number;
}

/** Fires when the average of sumMetric / countMetric is above maxAverageMs, per value of `per`. */
export interface LatencyRule extends RuleBase {
  kind: 'latency';
  sumMetric: string;
  countMetric: string;
  per?: LabelName;
  windowHours: number;
  minCalls: number;
  maxAverageMs: number;
}

/** Fires when the metric's sum over the window is above `max`. */
export interface ThresholdRule extends RuleBase {
  kind: 'threshold';
  metric: string;
  per?: LabelName;
  windowHours: number;
  max: number;
}

/** Fires for each credential that expires within `withinDays` (or has expired). */
export interface CredentialExpiryRule extends RuleBase {
  kind: 'credential_expiry';
  withinDays: number;
}

/**
 * Fires when this period's count is below `minRatio` × the usual count (the median of the same
 * period in each of the previous `lookbackWeeks` weeks), once the usual count is at least `minUsual`.
 */
export interface VolumeRule extends RuleBase {
  kind: 'volume';
  metric: string;
  period: 'day' | 'week';
  lookbackWeeks: number;
  minRatio: number;
  minUsual: number;
}

export type HealthRule = FailureRateRule | LatencyRule | ThresholdRule | CredentialExpiryRule | VolumeRule;

/** The numbers a person tunes in the monitor's edit dialog; everything else is fixed by the rule. */
export interface RuleSettings {
  failureRatio: number;
  failureMinCalls: number;
  writesWindowHours: number;
  webhooksWindowHours: number;
  latencyMaxMs: number;
  validationMax: number;
  credentialDays: number;
  volumePeriod: 'day' | 'week';
  volumeRatio: number;
  volumeLookbackWeeks: number;
}

export const DEFAULT_SETTINGS: RuleSettings = {
  failureRatio: 0.5,
  failureMinCalls: 5,
  writesWindowHours: 24,
  webhooksWindowHours: 6,
  latencyMaxMs: 5000,
  validationMax: 10,
  credentialDays: 30,
  volumePeriod: 'week',
  volumeRatio: 0.5,
  volumeLookbackWeeks: 8,
};

/** Below this many usual hires a drop says nothing: 1 → 0 is noise, not an outage. */
const VOLUME_MIN_USUAL = 3;
const LATENCY_WINDOW_HOURS = 1;
const DAY_HOURS = 24;

export function defaultRules(s: RuleSettings = DEFAULT_SETTINGS): HealthRule[] {
  const failure = {
    kind: 'failure_rate',
    ratio: s.failureRatio,
    minCalls: s.failureMinCalls,
    severity: 'error',
    category: 'health',
  } as const;
  return [
    {
      ...failure,
      id: 'writes_failing',
      okMetric: METRICS.writesOk,
      failedMetric: METRICS.writesFailed,
      per: 'operation',
      windowHours: s.writesWindowHours,
    },
    {
      ...failure,
      id: 'webhooks_failing',
      okMetric: METRICS.eventsIn,
      failedMetric: METRICS.eventsRejected,
      per: 'vendor',
      windowHours: s.webhooksWindowHours,
    },
    {
      kind: 'latency',
      id: 'vendor_slow',
      sumMetric: METRICS.vendorLatencyMs,
      countMetric: METRICS.vendorCalls,
      per: 'target',
      windowHours: LATENCY_WINDOW_HOURS,
      minCalls: s.failureMinCalls,
      maxAverageMs: s.latencyMaxMs,
      severity: 'warning',
      category: 'health',
    },
    {
      kind: 'threshold',
      id: 'validation_failures',
      metric: METRICS.validationFailed,
      windowHours: DAY_HOURS,
      max: s.validationMax,
      severity: 'warning',
      category: 'health',
    },
    {
      kind: 'threshold',
      id: 'dead_letters',
      metric: METRICS.deadLetters,
      windowHours: DAY_HOURS,
      max: 0,
      severity: 'error',
      category: 'health',
    },
    {
      kind: 'threshold',
      id: 'auth_errors',
      metric: METRICS.authErrors,
      per: 'target',
      windowHours: DAY_HOURS,
      max: 0,
      severity: 'error',
      category: 'security',
    },
    {
      kind: 'credential_expiry',
      id: 'credentials_expiring',
      withinDays: s.credentialDays,
      severity: 'warning',
      category: 'security',
    },
    {
      kind: 'volume',
      id: 'hires_low',
      metric: METRICS.hiresCreated,
      period: s.volumePeriod,
      lookbackWeeks: s.volumeLookbackWeeks,
      minRatio: s.volumeRatio,
      minUsual: VOLUME_MIN_USUAL,
      severity: 'warning',
      category: 'health',
    },
  ];
}
