import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HrError } from '../../errors';
import type { HttpRequest } from '../../http';
import { describeIssues, fieldIssues, MISSING_IS_REQUIRED } from '../../zodIssues';
import type { AtsContext } from './types';

/** Vendors send ids as numbers (Greenhouse) or strings; the model keeps them as text. */
export const VendorId = z.union([z.number().int(), z.string().min(1)]).transform(String);

/** A vendor payload parsed at the boundary, or `ats.payload_invalid` naming every failing field. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value, MISSING_IS_REQUIRED);
  if (parsed.success) return parsed.data;
  throw new HrError('ats.payload_invalid', `${what} is not valid: ${describeIssues(parsed.error)}`, {
    issues: fieldIssues(parsed.error),
  });
}

/**
 * The key of a hire: what was hired, never how it was delivered. The webhook and the reconciliation
 * poll must produce the same key, and a vendor may re-send a hire with a new delivery id and a
 * re-serialised body, so neither can be part of it.
 */
export const hireKey = (applicationId: string, offerId?: string): string =>
  `hire:${applicationId}${offerId ? `:${offerId}` : ''}`;

/**
 * For other events of a vendor with no stable event id: the subject plus a hash of the exact bytes,
 * so a retry (same bytes) is recognised and a real change (new bytes) is a new event.
 */
export const contentKey = (vendorType: string, subject: string, bytes: Buffer | string): string =>
  `${vendorType}:${subject}:${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;

export const missingField = (what: string, field: string): HrError =>
  new HrError('ats.payload_invalid', `${what} is not valid: ${field}: is required`, {
    issues: [{ field, rule: 'required', message: 'is required' }],
  });

export const apiNotConfigured = (vendor: string): HrError =>
  new HrError(
    'ats.api_not_configured',
    `This ${vendor} event carries ids only; add API credentials to the ATS connection so the full record can be fetched.`,
  );

/** One API call of a thin event's enrichment, its answer parsed at the boundary like a webhook body. */
export async function fetchParsed<S extends z.ZodType>(
  ctx: AtsContext,
  request: HttpRequest,
  schema: S,
  what: string,
): Promise<z.output<S>> {
  const response = await ctx.send(request);
  return parsePayload(schema, response.body, what);
}
