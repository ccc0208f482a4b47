import type { z } from 'zod';
import { HrError } from '../errors';
import { describeIssues } from '../zodIssues';

/** Parses a metadata answer; an answer of another shape is an error naming the field, never a shorter catalogue. */
export function parseCatalogueAnswer<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HrError('mapper.catalogue_invalid', `${what} did not answer in the documented shape: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
