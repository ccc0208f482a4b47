import type { IncomingHttpHeaders } from 'node:http';

/** A request as a handler sees it: the raw bytes are kept, bodies are parsed by the handler that owns them. */
export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Values of the `:name` segments of the matched route. */
  params: Record<string, string>;
}

export function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function basicCredentials(req: SandboxRequest): { user: string; password: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function bearerToken(req: SandboxRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
  return match?.[1] ?? null;
}

export const contentTypeIs = (req: SandboxRequest, type: string): boolean =>
  (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() === type;

/** The Basic-auth username when it is one of `allowed` (vendors put the API key there: docs/vendors/checkr.md, docs/vendors/bamboohr.md); refused otherwise. */
export function requireBasicUser(req: SandboxRequest, allowed: readonly string[], onRefuse: () => never): string {
  const user = basicCredentials(req)?.user;
  return user !== undefined && allowed.includes(user) ? user : onRefuse();
}
