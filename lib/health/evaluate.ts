/**
 * Reads the store's counters for each rule and says, per subject (a vendor, an operation, a
 * credential), whether it is failing now, with the numbers that prove it.
 */
import type { Counters } from '../store/types';
import type { CredentialExpiry } from './credentials';
import { LABEL_VALUES } from './metrics';
import type { HealthRule } from './rules';
import { readVolume } from './volume';

export interface Check {
  rule: HealthRule;
  /** The label value or credential this check is about; '' for the rule as a whole. */
  subject: string;
  failing: boolean;
  /** Parameters of the rule's alert text: the numbers behind the verdict. */
  params: Record<string, string | number>;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const subjects = (rule: {
  per?: keyof typeof LABEL_VALUES;
}): Array<{ subject: string; labels?: Record<string, string> }> =>
  rule.per
    ? LABEL_VALUES[rule.per].map((value) => ({ subject: value, labels: { [rule.per as string]: value } }))
    : [{ subject: '' }];

const percent = (ratio: number) => Math.round(ratio * 100);

export async function evaluateRule(
  rule: HealthRule,
  counters: Counters,
  now: Date,
  credentials: readonly CredentialExpiry[],
): Promise<Check[]> {
  const since = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
  switch (rule.kind) {
    case 'failure_rate':
      return Promise.all(
        subjects(rule).map(async ({ subject, labels }) => {
          const failed = await counters.sumCounters(rule.failedMetric, since(rule.windowHours), labels);
          const total = failed + (await counters.sumCounters(rule.okMetric, since(rule.windowHours), labels));
          const failing = total >= rule.minCalls && failed / total >= rule.ratio;
          return {
            rule,
            subject,
            failing,
            params: { subject, failed, total, hours: rule.windowHours, percent: total ? percent(failed / total) : 0 },
          };
        }),
      );
    case 'latency':
      return Promise.all(
        subjects(rule).map(async ({ subject, labels }) => {
          const calls = await counters.sumCounters(rule.countMetric, since(rule.windowHours), labels);
          const average = calls
            ? Math.round((await counters.sumCounters(rule.sumMetric, since(rule.windowHours), labels)) / calls)
            : 0;
          const failing = calls >= rule.minCalls && average > rule.maxAverageMs;
          return {
            rule,
            subject,
            failing,
            params: { subject, average, max: rule.maxAverageMs, calls, hours: rule.windowHours },
          };
        }),
      );
    case 'threshold':
      return Promise.all(
        subjects(rule).map(async ({ subject, labels }) => {
          const count = await counters.sumCounters(rule.metric, since(rule.windowHours), labels);
          return {
            rule,
            subject,
            failing: count > rule.max,
            params: { subject, metric: rule.metric, count, max: rule.max, hours: rule.windowHours },
          };
        }),
      );
    case 'credential_expiry':
      return credentials.map((c) => {
        const days = Math.floor((c.expiresAt.getTime() - now.getTime()) / DAY_MS);
        return {
          rule,
          subject: c.id,
          failing: days < rule.withinDays,
          params: { subject: c.label, days, date: c.expiresAt.toISOString().slice(0, 10), within: rule.withinDays },
        };
      });
    case 'volume': {
      const reading = await readVolume(counters, rule.metric, rule.period, rule.lookbackWeeks, now);
      const failing = reading.usual >= rule.minUsual && reading.current < reading.usual * rule.minRatio;
      return [
        {
          rule,
          subject: '',
          failing,
          params: { current: reading.current, usual: reading.usual, period: rule.period, weeks: rule.lookbackWeeks },
        },
      ];
    }
  }
}
