import type { Bucket, Labels } from '../types';
import type { PgContext } from './context';
import type { Queryable } from './driver';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Metric counters in hourly buckets, one row per metric, hour and label set. Labels are jsonb, so
 * "labels include the given ones" is containment (@>) and instances adding at once add up in SQL.
 */
export class PgCounters {
  constructor(private readonly ctx: PgContext) {}

  async count(q: Queryable, metric: string, labels: Labels, n: number, at: Date | undefined): Promise<void> {
    const hour = new Date(floorTo((at ?? this.ctx.now()).getTime(), HOUR_MS));
    await q.query(
      `INSERT INTO counters (metric, bucket, labels, value) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (metric, bucket, labels) DO UPDATE SET value = counters.value + excluded.value`,
      [metric, hour, JSON.stringify(labels), n],
    );
  }

  /** The bucket containing `since` counts in full: counts are kept per hour, not per event. */
  async sum(q: Queryable, metric: string, since: Date, labels: Labels | undefined): Promise<number> {
    const {
      rows: [row],
    } = await q.query<{ total: number | null }>(
      'SELECT sum(value) AS total FROM counters WHERE metric = $1 AND bucket >= $2 AND labels @> $3::jsonb',
      [metric, this.hourOf(since), JSON.stringify(labels ?? {})],
    );
    return row?.total ?? 0;
  }

  async series(
    q: Queryable,
    metric: string,
    since: Date,
    bucket: Bucket,
    labels: Labels | undefined,
  ): Promise<Array<{ start: Date; value: number }>> {
    const size = bucket === 'hour' ? HOUR_MS : DAY_MS;
    const { rows } = await q.query<{ start: number; value: number }>(
      `SELECT (extract(epoch FROM bucket) * 1000)::bigint / $4 * $4 AS start, sum(value) AS value
       FROM counters WHERE metric = $1 AND bucket >= $2 AND labels @> $3::jsonb
       GROUP BY 1 ORDER BY 1`,
      [metric, this.hourOf(since), JSON.stringify(labels ?? {}), size],
    );
    return rows.map((row) => ({ start: new Date(row.start), value: row.value }));
  }

  private hourOf(date: Date): Date {
    return new Date(floorTo(date.getTime(), HOUR_MS));
  }
}

const floorTo = (ms: number, size: number): number => Math.floor(ms / size) * size;
