import { HrError } from '../errors';

export type HttpErrorCode =
  | 'http.timeout'
  | 'http.network'
  | 'http.status'
  | 'http.rate_limited'
  | 'http.auth'
  | 'http.closed'
  | 'http.foreign_host';

export interface HttpErrorFacts {
  method: string;
  /** Already redacted: safe for logs and alerts. */
  url: string;
  status?: number;
  vendorMessage?: string;
  /** The failure is transient: trying again later may succeed (whether it is safe to is the caller's call). */
  retryable: boolean;
  /** When the vendor asked us to come back (Retry-After or a rate-limit reset header). */
  retryAfterMs?: number;
  attempts: number;
  /**
   * The server may have acted on the request (timeout, reset, 5xx). An outbox must look the record up
   * before repeating a create; false means it certainly did not (refused connection, 4xx, 429).
   */
  maybeDelivered: boolean;
  /** The low-level cause for network failures, e.g. ECONNRESET. */
  errno?: string;
}

export class HttpError extends HrError {
  override readonly code: HttpErrorCode;
  readonly status: number | undefined;
  readonly vendorMessage: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;
  readonly maybeDelivered: boolean;

  constructor(code: HttpErrorCode, message: string, facts: HttpErrorFacts, options?: { cause?: unknown }) {
    super(code, message, { ...facts }, options);
    this.name = 'HttpError';
    this.code = code;
    this.status = facts.status;
    this.vendorMessage = facts.vendorMessage;
    this.retryable = facts.retryable;
    this.retryAfterMs = facts.retryAfterMs;
    this.attempts = facts.attempts;
    this.maybeDelivered = facts.maybeDelivered;
  }
}
