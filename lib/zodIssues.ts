import type { ZodError } from 'zod';

export interface FieldIssue {
  field: string;
  rule: string;
  message: string;
}

/** Names every failing field of a zod error as a dotted path, e.g. `offer.compensation.amount`. */
export function fieldIssues(error: ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const parts = [prefix, ...issue.path.map(String)].filter((p) => p !== '');
    return { field: parts.join('.') || '(root)', rule: issue.code, message: issue.message };
  });
}

/** One line that names each failing field, for an error message. */
export function describeIssues(error: ZodError, prefix = ''): string {
  return fieldIssues(error, prefix)
    .map((i) => `${i.field}: ${i.message}`)
    .join('; ');
}

/**
 * Parse options for a boundary: a value missing altogether reads "is required" rather than zod's
 * "Invalid input: expected string, received undefined". Per parse, not zod's global error map, which
 * would change the messages of every other package sharing zod in the same Node-RED runtime.
 */
export const MISSING_IS_REQUIRED = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : undefined),
};
