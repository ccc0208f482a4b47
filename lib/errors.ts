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

/** The locale key of a code's sentence, what happened and what to do (`common.errorCodes` in locales/<lang>/common.json). */
export const errorSentenceKey = (code: string): string => `common.errorCodes.${code}`;

/**
 * What a person reads for an error: the sentence its code has in the locales, then the code for support,
 * e.g. "The value is not one of the options of this list field. Add it in the HRIS or change the mapping.
 * (mapper.value_not_in_list)". A code without a sentence (test/unit/errorSentences.test.ts keeps one from
 * shipping) gets a general sentence rather than the error's message, which may hold personal data and is
 * shown, where it may be, by the caller under the privacy policy.
 */
export function explainError(translate: (key: string) => string, err: { code: string }): string {
  const key = errorSentenceKey(err.code);
  const said = translate(key);
  const sentence =
    said && said !== key
      ? said
      : 'This step failed. The node log and the debug sidebar have the details; send them with the code to support.';
  return `${sentence} (${err.code})`;
}
