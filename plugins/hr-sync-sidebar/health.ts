/**
 * The figures at the top of the sidebar: the package's counters over the last 24 hours and 7 days,
 * with one value per UTC day for the sparkline, and the rules of each health monitor on the store.
 */
import { METRICS } from '../../lib/health/metrics';
import { defaultRules, type HealthRule } from '../../lib/health/rules';
import type { Counters, Labels } from '../../lib/store/types';
import { HealthConfig, ruleSettings } from '../../nodes/common/healthConfig';

/** Sidebar figure → counter; the figure is also its i18n key (`hr-sync-sidebar.health.<figure>`). */
export const HEALTH_FIGURES = {
  events: METRICS.eventsIn,
  successes: METRICS.writesOk,
  failures: METRICS.writesFailed,
  retries: METRICS.retries,
  deadLetters: METRICS.deadLetters,
  reviewItems: METRICS.reviewItems,
  // The way back of two-way sync, beside the hire direction's figures above.
  hrisChanges: METRICS.eventsIn,
  atsUpdates: METRICS.writesOk,
} as const;
export type FigureName = keyof typeof HEALTH_FIGURES;

/** Figures that count part of their counter: the HRIS trigger's changes, the writer's candidate updates. */
const FIGURE_LABELS: Partial<Record<FigureName, Labels>> = {
  hrisChanges: { direction: 'hris_to_ats' },
  atsUpdates: { operation: 'update_candidate' },
};

export interface Figure {
  name: FigureName;
  metric: string;
  last24h: number;
  last7d: number;
  /** One sum per UTC day, the oldest of the 7 days first, today last; days without counts are 0. */
  daily: number[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DAYS = 7;

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

async function readFigure(counters: Counters, name: FigureName, now: Date): Promise<Figure> {
  const metric = HEALTH_FIGURES[name];
  const labels = FIGURE_LABELS[name];
  const firstDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (DAYS - 1)));
  const series = new Map(
    (await counters.counterSeries(metric, firstDay, 'day', labels)).map((b) => [dayKey(b.start), b.value]),
  );
  const daily = Array.from(
    { length: DAYS },
    (_, i) => series.get(dayKey(new Date(firstDay.getTime() + i * DAY_MS))) ?? 0,
  );
  return {
    name,
    metric,
    last24h: await counters.sumCounters(metric, new Date(now.getTime() - DAY_MS), labels),
    last7d: await counters.sumCounters(metric, new Date(now.getTime() - DAYS * DAY_MS), labels),
    daily,
  };
}

export async function healthFigures(counters: Counters, now: Date): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const name of Object.keys(HEALTH_FIGURES) as FigureName[]) figures.push(await readFigure(counters, name, now));
  return figures;
}

/** A rule as the sidebar lists it: its id names the text, the params fill it in. */
export interface RuleView {
  id: string;
  kind: HealthRule['kind'];
  severity: HealthRule['severity'];
  params: Record<string, string | number>;
}

function paramsOf(rule: HealthRule): Record<string, string | number> {
  switch (rule.kind) {
    case 'failure_rate':
      return { percent: Math.round(rule.ratio * 100), minCalls: rule.minCalls, windowHours: rule.windowHours };
    case 'latency':
      return { maxAverageMs: rule.maxAverageMs, minCalls: rule.minCalls, windowHours: rule.windowHours };
    case 'threshold':
      return { max: rule.max, windowHours: rule.windowHours };
    case 'credential_expiry':
      return { withinDays: rule.withinDays };
    case 'volume':
      return { percent: Math.round(rule.minRatio * 100), period: rule.period, lookbackWeeks: rule.lookbackWeeks };
  }
}

/** The rules a deployed health monitor runs, from its settings; null when they do not parse (the node says why). */
export function monitorRules(def: object): RuleView[] | null {
  const config = HealthConfig.safeParse(def);
  if (!config.success) return null;
  return defaultRules(ruleSettings(config.data)).map((rule) => ({
    id: rule.id,
    kind: rule.kind,
    severity: rule.severity,
    params: paramsOf(rule),
  }));
}
