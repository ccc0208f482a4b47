import { HrError } from '../errors';
import { ownerAbortController, type Clock } from './clock';

export interface RateLimit {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Requests that may go at once after a quiet period. */
  burst: number;
}

export interface RateLimiter {
  /** Resolves when this request may go; waiters are served first come, first served. */
  acquire(): Promise<void>;
  /** Holds every request until `untilMs` (epoch ms), e.g. after a 429 with Retry-After. */
  pauseUntil(untilMs: number): void;
  /** Rejects every waiter with an 'http.closed' error and cancels the pending wait. */
  close(): void;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * A token bucket shared by every request of one connection, so the package stays under the
 * vendor's limit instead of provoking 429s. One pump loop serves the queue; its only timer is the
 * clock's sleep, which `close()` aborts, so nothing outlives the limiter.
 */
export function createRateLimiter(limit: RateLimit, clock: Clock): RateLimiter {
  if (!(limit.ratePerSecond > 0) || !(limit.burst >= 1)) {
    throw new RangeError(`rate limit needs ratePerSecond > 0 and burst >= 1, got ${JSON.stringify(limit)}`);
  }
  const queue: Waiter[] = [];
  const stop = ownerAbortController();
  let tokens = limit.burst;
  let refilledAt = clock.now();
  let pausedUntil = 0;
  let pumping = false;
  const closedError = () =>
    new HrError('http.closed', 'The rate limiter was closed before this request could be sent.');

  const refill = (now: number) => {
    if (now < pausedUntil) return;
    if (refilledAt < pausedUntil) {
      // Coming out of a vendor-imposed pause: one request may go now; the rest follow at the rate.
      tokens = 1;
      refilledAt = pausedUntil;
    }
    tokens = Math.min(limit.burst, tokens + ((now - refilledAt) * limit.ratePerSecond) / 1000);
    refilledAt = now;
  };

  const msUntilNextToken = (now: number) =>
    now < pausedUntil ? pausedUntil - now : Math.ceil(((1 - tokens) * 1000) / limit.ratePerSecond);

  const pump = async () => {
    pumping = true;
    try {
      while (queue.length > 0) {
        const now = clock.now();
        refill(now);
        if (now >= pausedUntil && tokens >= 1) {
          tokens -= 1;
          queue.shift()?.resolve();
          continue;
        }
        await clock.sleep(Math.max(1, msUntilNextToken(now)), stop.signal);
      }
    } catch {
      // Only an aborted sleep lands here; close() has already rejected the waiters.
    } finally {
      pumping = false;
    }
  };

  return {
    acquire() {
      if (stop.signal.aborted) return Promise.reject(closedError());
      return new Promise<void>((resolve, reject) => {
        queue.push({ resolve, reject });
        if (!pumping) void pump();
      });
    },
    pauseUntil(untilMs) {
      if (untilMs <= pausedUntil) return;
      pausedUntil = untilMs;
      tokens = 0;
    },
    close() {
      stop.abort();
      for (const waiter of queue.splice(0)) waiter.reject(closedError());
    },
  };
}
