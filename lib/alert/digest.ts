/**
 * The daily digest: low-severity alerts are held and sent once a day as one message listing each
 * problem with its count, so a channel is not flooded with warnings nobody acts on at once.
 */
import { severityRank, type Alert, type Translate } from './alert';

export interface DigestTime {
  /** Local time of the Node-RED server. */
  hour: number;
  minute: number;
}

/** Parses "HH:MM" (24 h); null when it is not a valid time of day. */
export function parseDigestTime(text: string): DigestTime | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

/** Milliseconds from `now` to the next occurrence of the time of day (tomorrow's if today's has passed). */
export function msUntil(time: DigestTime, now: number): number {
  const next = new Date(now);
  next.setHours(time.hour, time.minute, 0, 0);
  if (next.getTime() <= now) next.setDate(next.getDate() + 1);
  return next.getTime() - now;
}

const bySeverityThenCount = (a: Alert, b: Alert) =>
  severityRank(b.severity) - severityRank(a.severity) || b.count - a.count;

/** One alert that stands for the day's held alerts (each already a group with its count). */
export function digestAlert(entries: readonly Alert[], t: Translate, now: number): Alert {
  const sorted = [...entries].sort(bySeverityThenCount);
  const total = sorted.reduce((n, a) => n + a.count, 0);
  const lines = sorted.map((a) => {
    const where = a.source?.nodeName || a.source?.nodeType || a.source?.nodeId;
    return t('text.digestLine', {
      severity: t(`text.severity.${a.severity}`),
      title: a.title,
      count: a.count,
      where: where ?? '—',
    });
  });
  const at = new Date(now).toISOString();
  return {
    severity: sorted[0]?.severity ?? 'info',
    category: 'sync',
    code: 'alert.digest',
    title: t('text.digestTitle', { count: total, problems: sorted.length }),
    detail: lines.join('\n'),
    people: [],
    peopleCount: 0,
    links: {},
    facts: [],
    firstAt: sorted.reduce((min, a) => (a.firstAt < min ? a.firstAt : min), at),
    lastAt: sorted.reduce((max, a) => (a.lastAt > max ? a.lastAt : max), sorted[0]?.lastAt ?? at),
    count: total,
  };
}
