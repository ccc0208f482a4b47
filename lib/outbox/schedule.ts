import type { HrError } from '../errors';
import type { HrStore } from '../store/types';

/** When a failed write is tried again, and when it is given up for a human. */
export interface RetrySchedule {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts in total before the entry becomes a dead letter. */
  maxAttempts: number;
  /** Age of the entry after which it becomes a dead letter, whatever its attempt count. */
  maxAgeMs: number;
}

/** What every worker of outbox entries (the writer's, the forget node's) is given besides its own work. */
export interface LeasedWorkerOptions {
  store: HrStore;
  schedule: RetrySchedule;
  /** How long a claimed entry is ours; a crashed worker's entries are picked up after it. */
  leaseMs: number;
  /** Who the audit log names. */
  actor: string;
  /**
   * Whose entries these are (the node's id, the same on every instance running the flow): workers sharing
   * a store each claim, count and resume only their own, which their connections can carry out.
   */
  owner: string;
  now?: () => number;
  random?: () => number;
  /** Something the worker could not record (the store failed); the entry is retried after its lease. */
  onError(error: HrError): void;
}

export const DEFAULT_SCHEDULE: RetrySchedule = {
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 10,
  maxAgeMs: 24 * 3_600_000,
};

/**
 * The next attempt after `attempts` failures, or null to dead-letter. "Equal jitter": at least half
 * the exponential step, so a retry is never immediate, and never sooner than the vendor's Retry-After.
 */
export function nextAttemptAt(
  attempts: number,
  createdAt: number,
  now: number,
  retryAfterMs: number | undefined,
  schedule: RetrySchedule,
  random: () => number,
): Date | null {
  if (attempts >= schedule.maxAttempts) return null;
  const step = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** (attempts - 1));
  const delay = Math.max(step / 2 + random() * (step / 2), retryAfterMs ?? 0);
  if (now + delay > createdAt + schedule.maxAgeMs) return null;
  return new Date(now + Math.ceil(delay));
}
