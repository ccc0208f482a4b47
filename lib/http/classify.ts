import type { HttpErrorCode, HttpErrorFacts } from './httpError';
import { redactText, redactUrl } from '../privacy/redact';
import { isRetryableStatus, isTransientErrno, neverSent, retryAfterMs, statusProvesNotApplied } from './retry';
import type { Attempt } from './transport';
import { vendorMessage } from './vendorMessage';

export interface Failure {
  code: HttpErrorCode;
  /** Completes "<METHOD> <url> …" in the error message. */
  message: string;
  /** Repeating cannot create a second effect (idempotent, or the server certainly did not act). */
  safeToRepeat: boolean;
  facts: Omit<HttpErrorFacts, 'method' | 'url' | 'attempts'>;
}

export interface FailureContext {
  idempotent: boolean;
  timeoutMs: number;
  paths: readonly string[];
  /** Secret values of this request (see `secretValues`), masked wherever the vendor echoes them. */
  values: readonly string[];
  now: number;
}

function answerFailure(outcome: Extract<Attempt, { kind: 'answer' }>, ctx: FailureContext): Failure {
  const { status } = outcome;
  const after = retryAfterMs(status, outcome.headers, ctx.now);
  const said = vendorMessage(outcome, ctx);
  const saidText = said ? ` — the vendor says: ${said}` : '';
  const notApplied = statusProvesNotApplied(status);
  const facts = {
    status,
    retryable: isRetryableStatus(status),
    maybeDelivered: !notApplied,
    ...(said ? { vendorMessage: said } : {}),
    ...(after !== undefined ? { retryAfterMs: after } : {}),
  };
  const failure = (code: HttpErrorCode, message: string): Failure => ({
    code,
    message,
    safeToRepeat: ctx.idempotent || notApplied,
    facts,
  });

  if (status === 401)
    return failure(
      'http.auth',
      `answered 401: the credentials were refused; check the connection's key or secret${saidText}`,
    );
  if (status === 403)
    return failure('http.auth', `answered 403: the credentials lack permission for this call${saidText}`);
  if (status === 429) {
    const wait = after !== undefined ? `; the vendor asks to wait ${Math.ceil(after / 1000)} s` : '';
    return failure('http.rate_limited', `answered 429: too many requests${wait}${saidText}`);
  }
  const location = outcome.headers.location;
  const moved =
    status >= 300 && status < 400 && location ? ` (moved to ${redactUrl(location, ctx)}; update the base URL)` : '';
  return failure('http.status', `answered ${status}${moved}${saidText}`);
}

/** Turns an unsuccessful attempt into an error code, a message a person can act on, and the retry facts. */
export function classifyFailure(outcome: Exclude<Attempt, { kind: 'closed' }>, ctx: FailureContext): Failure {
  if (outcome.kind === 'answer') return answerFailure(outcome, ctx);
  if (outcome.kind === 'timeout') {
    return {
      code: 'http.timeout',
      message: `got no complete answer within ${ctx.timeoutMs} ms`,
      safeToRepeat: ctx.idempotent,
      facts: { retryable: true, maybeDelivered: true },
    };
  }
  const retryable = isTransientErrno(outcome.errno);
  const sent = !neverSent(outcome.errno);
  return {
    code: 'http.network',
    message: `failed without an answer: ${redactText(outcome.reason, ctx)} (${outcome.errno})`,
    safeToRepeat: ctx.idempotent || !sent,
    facts: { retryable, maybeDelivered: sent, errno: outcome.errno },
  };
}
