import { z } from 'zod';

/** The body as JSON, or undefined when it is not JSON. Only read after the signature has been checked (Lever aside). */
export function parseJsonBody(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A non-empty string at the top level of the body, e.g. an idempotency key; null when absent. */
export function bodyString(rawBody: Buffer, parsedBody: unknown, field: string): string | null {
  const body = parsedBody === undefined ? parseJsonBody(rawBody) : parsedBody;
  const parsed = z.object({ [field]: z.string().min(1) }).safeParse(body);
  return parsed.success ? (parsed.data[field] ?? null) : null;
}
