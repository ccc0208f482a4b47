import { canonicalJson } from '../canonicalJson';
import type { Bucket, Labels } from '../types';
import type { SqliteContext } from './context';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Metric counters in hourly buckets, one row per metric, hour and label set. */
export class SqliteCounters {
  private readonly add;
  private readonly selectSince;

  constructor(private readonly ctx: SqliteContext) {
    const { db } = ctx;
    this.add = db.prepare<[string, number, string, number]>(
      'INSERT INTO counters (metric, bucket, labels, value) VALUES (?, ?, ?, ?) ON CONFLICT (metric, bucket, labels) DO UPDATE SET value = value + excluded.value',
    );
    this.selectSince = db.prepare<[string, number], { bucket: number; labels: string; value: number }>(
      'SELECT bucket, labels, value FROM counters WHERE metric = ? AND bucket >= ? ORDER BY bucket',
    );
  }

  count(metric: string, labels: Labels, n: number, at: Date | undefined): void {
    const ms = at ? at.getTime() : this.ctx.now();
    this.add.run(metric, floorTo(ms, HOUR_MS), canonicalJson(labels), n);
  }

  sum(metric: string, since: Date, labels: Labels | undefined): number {
    return this.rows(metric, since, labels).reduce((total, row) => total + row.value, 0);
  }

  series(
    metric: string,
    since: Date,
    bucket: Bucket,
    labels: Labels | undefined,
  ): Array<{ start: Date; value: number }> {
    const size = bucket === 'hour' ? HOUR_MS : DAY_MS;
    const sums = new Map<number, number>();
    for (const row of this.rows(metric, since, labels)) {
      const start = floorTo(row.bucket, size);
      sums.set(start, (sums.get(start) ?? 0) + row.value);
    }
    return [...sums].map(([start, value]) => ({ start: new Date(start), value }));
  }

  /** The bucket containing `since` counts in full: counts are kept per hour, not per event. */
  private rows(metric: string, since: Date, labels: Labels | undefined): Array<{ bucket: number; value: number }> {
    const wanted = Object.entries(labels ?? {});
    return this.selectSince.all(metric, floorTo(since.getTime(), HOUR_MS)).filter((row) => {
      if (wanted.length === 0) return true;
      const have = JSON.parse(row.labels) as Labels;
      return wanted.every(([key, value]) => have[key] === value);
    });
  }
}

const floorTo = (ms: number, size: number): number => Math.floor(ms / size) * size;
