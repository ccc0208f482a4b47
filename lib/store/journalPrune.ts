import { toHrError, type HrError } from '../errors';
import { EVENT_RETENTION_MS, type HrStore } from './types';

const DAY_MS = 24 * 3600 * 1000;

/** Days a finished event stays in the journal by default: well beyond any vendor's retry window. */
export const DEFAULT_JOURNAL_DAYS = 30;
/** The store keeps finished events at least this long whatever is asked (EVENT_RETENTION_MS). */
export const MIN_JOURNAL_DAYS = EVENT_RETENTION_MS / DAY_MS;

/** The retention a user typed, in days: empty or unreadable is the default, less than the minimum is the minimum. */
export function journalRetentionDays(text: unknown): number {
  const days = text === undefined || text === null || String(text).trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(days)) return DEFAULT_JOURNAL_DAYS;
  return Math.max(MIN_JOURNAL_DAYS, days);
}

export interface JournalPruneOptions {
  retentionDays: number;
  everyMs: number;
  now?: () => number;
  onPruned?: (count: number) => void;
  onError: (error: HrError) => void;
}

/**
 * Deletes finished journal entries older than the retention now and then every `everyMs`, so the
 * journal stops growing while an event's key still recognises its redeliveries for that long. Events
 * still accepted (not yet done or failed) are never deleted. Returns the function that stops it.
 */
export function scheduleJournalPrune(store: Pick<HrStore, 'pruneEvents'>, options: JournalPruneOptions): () => void {
  const now = options.now ?? Date.now;
  let running = false;
  let stopped = false;
  const prune = () => {
    if (running || stopped) return;
    running = true;
    store
      .pruneEvents(new Date(now() - options.retentionDays * DAY_MS))
      .then(
        (count) => options.onPruned?.(count),
        (err: unknown) => stopped || options.onError(toHrError(err, 'store.prune_failed')),
      )
      .finally(() => {
        running = false;
      });
  };
  prune();
  const timer = setInterval(prune, options.everyMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
