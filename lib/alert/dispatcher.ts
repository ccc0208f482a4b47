/**
 * Between an alert coming in and a channel receiving it: repeats of the same problem within the
 * grouping window fold into one message with a count, low-severity alerts may wait for the daily
 * digest, and sends keep to the channel's rate, one at a time. Nothing is dropped silently: every
 * alert ends in `onSent` or `onFailed`, including those still pending when the node closes.
 */
import { HrError, toHrError } from '../errors';
import { ownerAbortController, systemClock, type Clock } from '../http/clock';
import { createRateLimiter, type RateLimiter } from '../http/rateLimiter';
import { foldInto, groupKey, severityRank, type Alert, type Severity, type Translate } from './alert';
import { digestAlert, msUntil, type DigestTime } from './digest';

export interface DispatcherOptions {
  /** Repeats of one problem within this time become one message; 0 sends each alert at once. */
  groupWindowMs: number;
  /** Messages per minute to the channel at most; more wait their turn. 0: no limit. */
  ratePerMinute: number;
  /** Alerts below `immediateFrom` wait for the daily digest; absent: no digest. */
  digest?: DigestTime & { immediateFrom: Severity };
  t: Translate;
  send(alert: Alert): Promise<unknown>;
  onSent(alert: Alert, receipt: unknown): void;
  onFailed(alert: Alert, error: HrError): void;
  clock?: Clock;
}

export interface AlertDispatcher {
  add(alert: Alert): void;
  /** Alerts waiting in groups or for the digest (occurrences, not messages). */
  pending(): number;
  /**
   * Sends everything still pending, waits up to `graceMs` for the channel, and reports whatever could
   * not be sent in that time through `onFailed` with `alert.not_sent_on_close`.
   */
  close(graceMs: number): Promise<void>;
}

/** After a quiet spell a few messages may go at once; the rate holds from then on. */
const MAX_BURST = 5;

export function createDispatcher(options: DispatcherOptions): AlertDispatcher {
  const clock = { ...systemClock, ...options.clock };
  const stop = ownerAbortController();
  const groups = new Map<string, Alert>();
  const digest = new Map<string, Alert>();
  const limiter: RateLimiter | undefined =
    options.ratePerMinute > 0
      ? createRateLimiter(
          { ratePerSecond: options.ratePerMinute / 60, burst: Math.min(MAX_BURST, Math.ceil(options.ratePerMinute)) },
          clock,
        )
      : undefined;
  let chain: Promise<void> = Promise.resolve();
  let closing = false;
  let givenUp = false;
  let digestWaiting = false;

  const notSent = () =>
    new HrError(
      'alert.not_sent_on_close',
      'The alert node stopped (redeploy or shutdown) before this alert could be sent; it is reported here instead.',
    );

  function enqueue(alert: Alert): void {
    chain = chain.then(async () => {
      try {
        if (givenUp) throw notSent();
        await limiter?.acquire();
        if (givenUp) throw notSent();
        options.onSent(alert, await options.send(alert));
      } catch (err) {
        const error = toHrError(err, 'alert.channel_failed');
        options.onFailed(alert, givenUp && error.code === 'http.closed' ? notSent() : error);
      }
    });
  }

  /** Resolves after `ms`, or false when the dispatcher closed first. */
  const wait = (ms: number): Promise<boolean> =>
    clock.sleep(ms, stop.signal).then(
      () => true,
      () => false,
    );

  function holdForGroup(alert: Alert): void {
    const key = groupKey(alert);
    const open = groups.get(key);
    if (open) return void groups.set(key, foldInto(open, alert));
    groups.set(key, alert);
    void wait(options.groupWindowMs).then((elapsed) => {
      const group = groups.get(key);
      if (!elapsed || !group) return;
      groups.delete(key);
      enqueue(group);
    });
  }

  function sendDigest(): void {
    if (digest.size === 0) return;
    const entries = [...digest.values()];
    digest.clear();
    enqueue(digestAlert(entries, options.t, clock.now()));
  }

  function holdForDigest(alert: Alert, time: DigestTime): void {
    const key = groupKey(alert);
    const held = digest.get(key);
    digest.set(key, held ? foldInto(held, alert) : alert);
    if (digestWaiting) return;
    digestWaiting = true;
    void wait(msUntil(time, clock.now())).then((elapsed) => {
      digestWaiting = false;
      if (elapsed) sendDigest();
    });
  }

  return {
    add(alert) {
      if (closing) return options.onFailed(alert, notSent());
      const d = options.digest;
      if (d && severityRank(alert.severity) < severityRank(d.immediateFrom)) holdForDigest(alert, d);
      else if (options.groupWindowMs > 0) holdForGroup(alert);
      else enqueue(alert);
    },
    pending: () => [...groups.values(), ...digest.values()].reduce((n, a) => n + a.count, 0),
    async close(graceMs) {
      if (closing) return;
      closing = true;
      stop.abort();
      for (const group of groups.values()) enqueue(group);
      groups.clear();
      sendDigest();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([chain, grace]);
      clearTimeout(timer);
      givenUp = true;
      // Whatever still waits for the rate limit is rejected now and reported by the chain.
      limiter?.close();
    },
  };
}
