/**
 * When and how long to wait before trying a request again. Pure functions; the client owns the loop.
 *
 * Safety rule for requests that are not idempotent (a POST without an idempotency key): they are
 * repeated only when the server certainly did not act on them — the connection was never made
 * (refused, DNS failure, unreachable), or the server said so (429, any other 4xx). A 503 is not such
 * proof: BambooHR throttled with 503 until 2026-09-16 and now answers 429, keeping 503 for "temporarily
 * unavailable" (docs/vendors/bamboohr.md, "Rate limiting"). A timeout or a reset after sending may have
 * created the employee already, so it is reported, not repeated. Callers that need exactly-once
 * use the store's outbox with a lookup before the repeat, not this retry.
 */

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Backoff base: attempt n waits random(0, min(maxDelayMs, baseDelayMs·2^(n-1))). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Budget from the first attempt; a wait that would end past it is not started. */
  maxTotalMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxTotalMs: 120_000,
};

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Failures before any byte left: the server cannot have acted. */
const NOT_SENT_ERRNOS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const TRANSIENT_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
]);

export const isIdempotentMethod = (method: string): boolean => IDEMPOTENT_METHODS.has(method.toUpperCase());
export const isRetryableStatus = (status: number): boolean => RETRYABLE_STATUSES.has(status);
export const isTransientErrno = (errno: string): boolean => TRANSIENT_ERRNOS.has(errno);
export const neverSent = (errno: string): boolean => NOT_SENT_ERRNOS.has(errno);

/** The status says the server rejected the request without acting on it. */
export const statusProvesNotApplied = (status: number): boolean => status >= 400 && status < 500;

/** Full jitter (AWS "Exponential Backoff and Jitter"): spreads retries of many clients evenly. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

function parseSecondsOrDate(value: string, now: number): number | undefined {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A reset header is either an epoch (seconds, or milliseconds) or a delta in seconds. */
function parseReset(value: string, now: number): number | undefined {
  const n = Number(value.trim());
  if (!Number.isFinite(n) || n < 0) return parseSecondsOrDate(value, now);
  if (n > 1e12) return Math.max(0, n - now);
  if (n > 1e9) return Math.max(0, n * 1000 - now);
  return Math.ceil(n * 1000);
}

/**
 * How long the vendor asked us to wait: `Retry-After` (seconds or HTTP-date, RFC 9110 §10.2.3),
 * else a rate-limit reset header — Greenhouse `X-RateLimit-Reset`, Workable `X-Rate-Limit-Reset`,
 * Checkr `X-Ratelimit-Reset` (docs/vendors/checkr.md; the other vendors' own docs/vendors files) or
 * the IETF draft's `RateLimit-Reset`.
 * Reset headers are read only on 429: on other answers they describe a window, not a request to wait.
 */
export function retryAfterMs(status: number, headers: Record<string, string>, now: number): number | undefined {
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    const ms = parseSecondsOrDate(retryAfter, now);
    if (ms !== undefined) return ms;
  }
  if (status !== 429) return undefined;
  for (const name of ['x-ratelimit-reset', 'x-rate-limit-reset', 'ratelimit-reset']) {
    const value = headers[name];
    if (value !== undefined) {
      const ms = parseReset(value, now);
      if (ms !== undefined) return ms;
    }
  }
  return undefined;
}
