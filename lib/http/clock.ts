import { setMaxListeners } from 'node:events';
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

/**
 * The abort controller that a client, limiter or dispatcher owns until `close()`. Every request or
 * wait in flight listens on its signal (and stops listening when done), so a busy client has many
 * listeners at once: that is expected, not a leak, and must not print MaxListenersExceededWarning.
 */
export function ownerAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
