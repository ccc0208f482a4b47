import { header, type SandboxRequest } from './request';

/** An absolute URL on this emulator, as vendors put in Link and Location headers. */
export function selfUrl(
  req: SandboxRequest,
  path: string,
  query: Record<string, string | number | undefined> = {},
): string {
  const url = new URL(path, `http://${header(req, 'host') ?? '127.0.0.1'}`);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

/** RFC 5988 `Link` header from rel → URL, e.g. `<…?page=2>; rel="next"`. */
export const linkHeader = (rels: Record<string, string | undefined>): string =>
  Object.entries(rels)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([rel, url]) => `<${url}>; rel="${rel}"`)
    .join(', ');

/** An opaque cursor, as vendors with cursor pagination hand out. */
export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
