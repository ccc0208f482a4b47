import { toHrError } from '../errors';
import { HttpError } from '../http';
import type { FailureKind } from '../vendors/hris/types';
import type { FailureInfo } from './job';

const CODES: Record<FailureKind, string> = {
  retry: 'hris.unavailable',
  duplicate: 'hris.duplicate',
  invalid: 'hris.invalid',
  auth: 'hris.auth',
  fatal: 'hris.failed',
};

/** The code and the words an alert shows; the vendor's own message is kept apart so it can be quoted. */
export function describeFailure(error: unknown, kind: FailureKind): FailureInfo {
  const err = toHrError(error);
  // Errors the package raises itself (hris.link_conflict, writeback.not_configured) keep their code.
  const own = !(err instanceof HttpError) && err.code !== 'internal';
  return {
    code: own ? err.code : CODES[kind],
    message: err.message,
    ...(err instanceof HttpError && err.vendorMessage ? { vendorMessage: err.vendorMessage } : {}),
    ...(err instanceof HttpError && err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
  };
}

/** The vendor answered in a way that proves it did not act (lib/http's maybeDelivered: 4xx, 429, a refused connection). */
export const provenNotApplied = (error: unknown) => error instanceof HttpError && !error.maybeDelivered;
