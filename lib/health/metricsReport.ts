/**
 * The counters as the metrics endpoint shows them: JSON for people and scripts, and the Prometheus
 * text exposition format (version 0.0.4) for scrapers. Each metric is a counter since the store
 * began, broken down by one label; what was counted without that label is the series without it,
 * so the series of a metric always add up to its total.
 */
import type { Counters } from '../store/types';
import { LABEL_VALUES, METRIC_CATALOGUE, type MetricInfo } from './metrics';

export interface MetricReading {
  name: string;
  help: string;
  total: number;
  last24h: number;
  /** Per value of the breakdown label, only values with counts. */
  byLabel: Array<{ labels: Record<string, string>; total: number }>;
}

export interface MetricsReport {
  at: string;
  metrics: MetricReading[];
}

const EPOCH = new Date(0);
const DAY_MS = 86_400_000;

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
export const PROMETHEUS_PREFIX = 'hr_';

async function readMetric(counters: Counters, info: MetricInfo, now: Date): Promise<MetricReading> {
  const total = await counters.sumCounters(info.name, EPOCH);
  const last24h = await counters.sumCounters(info.name, new Date(now.getTime() - DAY_MS));
  const byLabel: MetricReading['byLabel'] = [];
  if (info.breakdown && total > 0) {
    for (const value of LABEL_VALUES[info.breakdown]) {
      const labels = { [info.breakdown]: value };
      const n = await counters.sumCounters(info.name, EPOCH, labels);
      if (n > 0) byLabel.push({ labels, total: n });
    }
  }
  return { name: info.name, help: info.help, total, last24h, byLabel };
}

export async function readMetrics(
  counters: Counters,
  now: Date,
  catalogue: readonly MetricInfo[] = METRIC_CATALOGUE,
): Promise<MetricsReport> {
  const metrics: MetricReading[] = [];
  for (const info of catalogue) metrics.push(await readMetric(counters, info, now));
  return { at: now.toISOString(), metrics };
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const labelText = (labels: Record<string, string>) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

export function toPrometheus(report: MetricsReport): string {
  const lines: string[] = [];
  for (const m of report.metrics) {
    const name = `${PROMETHEUS_PREFIX}${m.name}_total`;
    lines.push(`# HELP ${name} ${escapeHelp(m.help)}`, `# TYPE ${name} counter`);
    const rest = m.total - m.byLabel.reduce((n, b) => n + b.total, 0);
    for (const b of m.byLabel) lines.push(`${name}${labelText(b.labels)} ${b.total}`);
    if (rest > 0 || m.byLabel.length === 0) lines.push(`${name} ${rest}`);
  }
  return `${lines.join('\n')}\n`;
}
