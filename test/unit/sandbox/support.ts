import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): any;
}

export interface Call {
  method?: string;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, URLSearchParams as a form, strings as they are. */
  body?: unknown;
  timeoutMs?: number;
}

export const basic = (user: string, password = ''): Record<string, string> => ({
  Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

export const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

/** One request on a fresh connection (no keep-alive, so stopping a server never waits on us). */
export function call(url: string, options: Call = {}): Promise<Answer> {
  const { body } = options;
  const [payload, type] =
    body === undefined
      ? [undefined, undefined]
      : body instanceof URLSearchParams
        ? [body.toString(), 'application/x-www-form-urlencoded']
        : typeof body === 'string'
          ? [body, 'text/plain']
          : [JSON.stringify(body), 'application/json'];
  const headers = { ...(type ? { 'Content-Type': type } : {}), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    if (options.timeoutMs) req.setTimeout(options.timeoutMs, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Starts an emulator before the file's tests, resets it before each, stops it after (so the process exits). */
export function useEmulator<H extends { stop(): Promise<void>; reset(): void }>(start: () => Promise<H>): () => H {
  let handle: H | undefined;
  before(async () => {
    handle = await start();
  });
  beforeEach(() => handle?.reset());
  after(async () => handle?.stop());
  return () => handle ?? assert.fail('the emulator did not start');
}
