import type { z } from 'zod';
import { HrError } from '../errors';
import { describeIssues, fieldIssues, MISSING_IS_REQUIRED } from '../zodIssues';

/**
 * Parses a value at a boundary, or throws HrError `model.invalid` whose message names every failing
 * field, e.g. `The hire event is not valid: offer.startDate: must be a date written YYYY-MM-DD`.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value, MISSING_IS_REQUIRED);
  if (parsed.success) return parsed.data;
  throw new HrError('model.invalid', `${what} is not valid: ${describeIssues(parsed.error)}`, {
    issues: fieldIssues(parsed.error),
  });
}
