/**
 * "Hires fell from 10 to 2 a week while every call succeeded": compares this period's count with the
 * same period in earlier weeks. Windows are whole hours, so the current window and the earlier ones
 * cover exactly the same stretch of their week (this weekday up to this hour, or the last 7 days).
 */
import type { Counters, Labels } from '../store/types';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

export interface VolumeReading {
  current: number;
  /** Median of the same window in each earlier week. */
  usual: number;
  weeks: number[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The current window: [start, end) with end the end of the current hour. */
export function volumeWindow(period: 'day' | 'week', now: Date): { start: number; end: number } {
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  if (period === 'week') return { start: end - WEEK_MS, end };
  // The day starts at the server's local midnight, like the digest's time of day.
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  return { start: Math.floor(midnight.getTime() / HOUR_MS) * HOUR_MS, end };
}

export async function readVolume(
  counters: Counters,
  metric: string,
  period: 'day' | 'week',
  lookbackWeeks: number,
  now: Date,
  labels?: Labels,
): Promise<VolumeReading> {
  const { start, end } = volumeWindow(period, now);
  const series = await counters.counterSeries(metric, new Date(start - lookbackWeeks * WEEK_MS), 'hour', labels);
  const sumBetween = (from: number, to: number) =>
    series.reduce(
      (n, bucket) => (bucket.start.getTime() >= from && bucket.start.getTime() < to ? n + bucket.value : n),
      0,
    );
  const weeks = Array.from({ length: lookbackWeeks }, (_, i) =>
    sumBetween(start - (i + 1) * WEEK_MS, end - (i + 1) * WEEK_MS),
  );
  return { current: sumBetween(start, end), usual: weeks.length ? median(weeks) : 0, weeks };
}
