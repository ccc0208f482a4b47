import { HrError } from '../../errors';
import { HttpError } from '../../http';
import type { FailureKind } from './types';

/**
 * The vendor said the record was created but its answer carries no id we can read (HiBob's create
 * response is unconfirmed, docs/vendors/hibob.md). Retrying is safe: every retry of a create looks the
 * employee up first, which finds the record instead of making a second one.
 */
export class IdMissingError extends HrError {
  constructor(system: string, detail: string) {
    super(
      'hris.id_missing',
      `${system} accepted the employee but its answer had no id (${detail}); it will be looked up.`,
    );
  }
}

/**
 * The meaning of a failed call, shared by every vendor module: lib/http already decided what is
 * transient (network, timeout, 408, 429, 5xx); 409 is the duplicate answer (BambooHR duplicate email,
 * docs/vendors/bamboohr.md); 401/403 need new credentials; any other 4xx is about the record itself.
 */
export function classifyHttpFailure(error: unknown): FailureKind {
  if (error instanceof IdMissingError) return 'retry';
  if (!(error instanceof HttpError)) return 'fatal';
  if (error.code === 'http.auth') return 'auth';
  if (error.status === 409) return 'duplicate';
  if (error.retryable) return 'retry';
  if (error.status !== undefined && error.status >= 400 && error.status < 500) return 'invalid';
  return 'fatal';
}
