/**
 * Every failure the package reports is an HrError: a stable machine code (`mapper.expression_invalid`)
 * that Catch nodes and alerts can route on, and a message a person can act on.
 */
export class HrError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HrError';
    this.code = code;
    this.details = details;
  }
}

/** Turns anything thrown into an HrError without losing the original as its cause. */
export function toHrError(err: unknown, fallbackCode = 'internal'): HrError {
  if (err instanceof HrError) return err;
  if (err instanceof Error) {
    const own = (err as Error & { code?: unknown }).code;
    const code = typeof own === 'string' ? own : fallbackCode;
    return new HrError(code, err.message, undefined, { cause: err });
  }
  return new HrError(fallbackCode, typeof err === 'string' ? err : JSON.stringify(err));
}
