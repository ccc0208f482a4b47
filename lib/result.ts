import type { HrError } from './errors';

/** A value or the error that explains why there is none; used where failure is an expected outcome. */
export type Result<T, E = HrError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });
