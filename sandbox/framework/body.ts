import type { z } from 'zod';
import { refuse, type Reply } from './reply';
import { contentTypeIs, type SandboxRequest } from './request';

export interface Problem {
  /** Dotted path of the offending field, '' for the body as a whole. */
  field: string;
  message: string;
}

export type RefuseWith = (problems: Problem[]) => Reply;

/** The body as JSON; anything else is refused the vendor's way. */
export function jsonBody(req: SandboxRequest, refuseWith: RefuseWith): unknown {
  if (!contentTypeIs(req, 'application/json'))
    refuse(refuseWith([{ field: '', message: 'Content-Type must be application/json' }]));
  try {
    return JSON.parse(req.rawBody.toString('utf8')) as unknown;
  } catch {
    return refuse(refuseWith([{ field: '', message: 'body is not valid JSON' }]));
  }
}

export const formBody = (req: SandboxRequest): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(req.rawBody.toString('utf8')));

/** JSON or a flat urlencoded form, for endpoints that document both (Checkr, docs/vendors/checkr.md). */
export function jsonOrFormBody(req: SandboxRequest, refuseWith: RefuseWith): unknown {
  return contentTypeIs(req, 'application/x-www-form-urlencoded') ? formBody(req) : jsonBody(req, refuseWith);
}

export function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

/** Parses `value` with `schema` at the boundary; an invalid value is refused with the vendor's error shape. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, refuseWith: RefuseWith): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : refuse(refuseWith(problemsOf(parsed.error)));
}
