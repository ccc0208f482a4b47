import { setTimeout as delay } from 'node:timers/promises';

/**
 * Time and chance, injected so tests can run retries and rate limits on a virtual clock without
 * real waits. `sleep` must reject when its signal aborts: that is how `close()` cancels waits.
 */
export interface Clock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
  random: () => Math.random(),
};
