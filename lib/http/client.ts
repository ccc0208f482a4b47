import { HrError } from '../errors';
import type { AuthProvider, Credentials } from './auth';
import { classifyFailure } from './classify';
import { ownerAbortController, systemClock, type Clock } from './clock';
import { HttpError, type HttpErrorCode, type HttpErrorFacts } from './httpError';
import { createRateLimiter, type RateLimit } from './rateLimiter';
import { redact, redactUrl, secretValues, type RedactOptions } from '../privacy/redact';
import { backoffDelay, defaultRetryPolicy, isIdempotentMethod, type RetryPolicy } from './retry';
import { createTransport, type Attempt } from './transport';

export interface HttpClientOptions {
  /** Prefixed to relative request URLs. */
  baseUrl?: string;
  /** Sent with every request (e.g. BambooHR's `Accept: application/json`, docs/vendors/bamboohr.md). */
  headers?: Record<string, string>;
  auth?: AuthProvider;
  /** Deadline for one attempt, connection to last byte. Default 30 s. */
  timeoutMs?: number;
  /** Merged over the default policy; false disables retries for the whole client. */
  retry?: false | Partial<RetryPolicy>;
  /** One bucket for every request of this client; omit for no client-side limit. */
  rateLimit?: RateLimit;
  logger?: (entry: HttpLogEntry) => void;
  /** Put redacted request and response bodies in log entries (they may still hold personal data). */
  logBodies?: boolean;
  /** Secret field paths masked in every log entry and vendor message of this client. */
  redact?: readonly string[];
  /** The URL itself is the credential (Slack and Teams incoming webhooks, docs/vendors/slack.md, docs/vendors/teams.md). */
  secretUrl?: boolean;
  /** Default 10 MB. */
  maxResponseBytes?: number;
  clock?: Partial<Clock>;
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  /** Objects are sent as JSON, URLSearchParams as a form, strings and Buffers as they are. */
  body?: unknown;
  timeoutMs?: number;
  retry?: false | Partial<RetryPolicy>;
  /** Whether repeating the request is harmless; defaults from the method (POST and PATCH are not). */
  idempotent?: boolean;
  /** More secret field paths for this request only. */
  redact?: readonly string[];
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the vendor says it is JSON, the text otherwise, undefined when empty. */
  body: unknown;
  attempts: number;
  durationMs: number;
}

/** One line per attempt; every field is already redacted. */
export interface HttpLogEntry {
  method: string;
  url: string;
  status?: number;
  /** The error code when the attempt got no usable answer. */
  error?: HttpErrorCode;
  durationMs: number;
  attempt: number;
  requestHeaders: Record<string, string>;
  requestBody?: unknown;
  responseBody?: unknown;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Expiry of the current OAuth token, for health warnings; null without one. */
  tokenExpiresAt(): Date | null;
  /** Rejects waiting and in-flight requests with 'http.closed' and releases every timer and socket. */
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const DEFAULT_HEADERS = { 'User-Agent': 'node-red-contrib-ats-hris' };

function joinUrl(baseUrl: string | undefined, url: string, query: HttpRequest['query']): string {
  const full =
    baseUrl && !/^https?:\/\//i.test(url) ? `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}` : url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.append(key, String(value));
  const qs = params.toString();
  return qs ? `${full}${full.includes('?') ? '&' : '?'}${qs}` : full;
}

function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

const plainBody = (body: unknown): unknown => (body instanceof URLSearchParams ? Object.fromEntries(body) : body);

function loggableBody(body: unknown, secrets: RedactOptions): unknown {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return `<${body.length} bytes>`;
  return redact(plainBody(body), secrets);
}

const plural = (n: number) => (n === 1 ? '1 attempt' : `${n} attempts`);

function resolvePolicy(client: HttpClientOptions['retry'], request: HttpRequest['retry']): RetryPolicy | undefined {
  if (request === false || (client === false && request === undefined)) return undefined;
  return { ...defaultRetryPolicy, ...(client || {}), ...(request ?? {}) };
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const clock: Clock = { ...systemClock, ...options.clock };
  const transport = createTransport({ maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES });
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit, clock) : undefined;
  const stop = ownerAbortController();

  const log = (entry: HttpLogEntry) => {
    try {
      options.logger?.(entry);
    } catch {
      // A broken logger must not change the outcome of a request.
    }
  };

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const method = req.method.toUpperCase();
    const url = joinUrl(options.baseUrl, req.url, req.query);
    const paths = [...(options.redact ?? []), ...(req.redact ?? [])];
    const secrets = {
      paths,
      values: secretValues(
        { headers: { ...options.headers, ...req.headers }, query: req.query, body: plainBody(req.body) },
        paths,
      ),
    };
    const shownUrl = redactUrl(url, { ...secrets, secretPath: options.secretUrl });
    const policy = resolvePolicy(options.retry, req.retry);
    const idempotent = req.idempotent ?? isIdempotentMethod(method);
    const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const started = clock.now();
    let attempts = 0;
    let authRetried = false;

    const fail = (code: HttpErrorCode, message: string, facts: Omit<HttpErrorFacts, 'method' | 'url' | 'attempts'>) =>
      new HttpError(code, `${method} ${shownUrl} ${message} (${plural(attempts)})`, {
        method,
        url: shownUrl,
        attempts,
        ...facts,
      });
    const closed = () =>
      fail('http.closed', 'was cancelled: the connection was closed', {
        retryable: false,
        maybeDelivered: attempts > 0,
      });
    // A URL taken from an answer (a next-page link) must not carry this connection's credentials to another host.
    const home = originOf(options.baseUrl);
    if (home && originOf(url) !== home) {
      throw fail(
        'http.foreign_host',
        `is not on the connection's host ${home}: refused, so its credentials are not sent there`,
        { retryable: false, maybeDelivered: false },
      );
    }

    for (;;) {
      if (stop.signal.aborted) throw closed();
      try {
        await limiter?.acquire();
      } catch (err) {
        if (err instanceof HrError && err.code === 'http.closed') throw closed();
        throw err;
      }
      const credentials: Credentials | undefined = await options.auth?.authorize();
      const headers = { ...DEFAULT_HEADERS, ...options.headers, ...req.headers, ...credentials?.headers };
      attempts += 1;
      const attemptStarted = clock.now();
      const outcome: Attempt = await transport.send({ method, url, headers, body: req.body, timeoutMs });
      const durationMs = clock.now() - attemptStarted;
      const error = outcome.kind === 'answer' ? undefined : (`http.${outcome.kind}` as HttpErrorCode);
      log({
        method,
        url: shownUrl,
        ...(outcome.kind === 'answer' ? { status: outcome.status } : { error }),
        durationMs,
        attempt: attempts,
        requestHeaders: redact(headers, secrets),
        ...(options.logBodies ? { requestBody: loggableBody(req.body, secrets) } : {}),
        ...(options.logBodies && outcome.kind === 'answer'
          ? { responseBody: loggableBody(outcome.body, secrets) }
          : {}),
      });

      if (outcome.kind === 'answer' && outcome.status < 300) {
        return {
          status: outcome.status,
          headers: outcome.headers,
          body: outcome.body,
          attempts,
          durationMs: clock.now() - started,
        };
      }
      if (outcome.kind === 'closed') throw closed();
      // A 401 may only mean the token expired early; one attempt with fresh credentials is always safe.
      if (outcome.kind === 'answer' && outcome.status === 401 && credentials && !authRetried && credentials.reject()) {
        authRetried = true;
        continue;
      }

      const failure = classifyFailure(outcome, { idempotent, timeoutMs, ...secrets, now: clock.now() });
      const { retryAfterMs } = failure.facts;
      // The vendor told the whole connection to hold off, not just this request.
      if (retryAfterMs !== undefined && (failure.facts.status === 429 || failure.facts.status === 503)) {
        limiter?.pauseUntil(clock.now() + retryAfterMs);
      }
      const wait = retryAfterMs ?? (policy ? backoffDelay(attempts, policy, clock.random) : 0);
      const mayRepeat =
        policy !== undefined &&
        failure.facts.retryable &&
        failure.safeToRepeat &&
        attempts < policy.maxAttempts &&
        clock.now() + wait - started <= policy.maxTotalMs;
      if (!mayRepeat) throw fail(failure.code, failure.message, failure.facts);
      try {
        await clock.sleep(wait, stop.signal);
      } catch {
        throw closed();
      }
    }
  }

  return {
    request,
    tokenExpiresAt: () => options.auth?.tokenExpiresAt() ?? null,
    close() {
      if (stop.signal.aborted) return;
      stop.abort();
      limiter?.close();
      transport.close();
      options.auth?.close();
    },
  };
}
