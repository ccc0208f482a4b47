import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { ownerAbortController } from './clock';

/** One attempt's result: an answer of any status, or the reason there was none. */
export type Attempt =
  | { kind: 'answer'; status: number; headers: Record<string, string>; body: unknown }
  | { kind: 'timeout' }
  | { kind: 'closed' }
  /**
   * Only the code and message of the failure: axios errors carry the request config, headers and
   * body included, and must never be attached to an error that may be logged.
   */
  | { kind: 'network'; errno: string; reason: string };

export interface Transport {
  send(request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: unknown;
    timeoutMs: number;
  }): Promise<Attempt>;
  /** Aborts attempts in flight and drops pooled sockets. */
  close(): void;
}

export interface TransportOptions {
  maxResponseBytes: number;
}

function plainHeaders(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null || typeof value === 'function') continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function parseBody(text: unknown, contentType: string | undefined): unknown {
  if (typeof text !== 'string' || text === '') return undefined;
  if (!contentType || !/[/+]json\b/i.test(contentType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function errnoOf(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : 'UNKNOWN';
  // axios reports a connection dropped in the middle of the body as ERR_BAD_RESPONSE "stream has been aborted".
  if (code === 'ERR_BAD_RESPONSE' && /aborted/i.test(String(e.message))) return 'ECONNRESET';
  return code;
}

/**
 * The only place that calls axios. Every status is an answer here (`validateStatus: () => true`);
 * the client classifies. Redirects are not followed: a redirected POST would be replayed as a GET,
 * and credentials sent on to another host, so a 3xx surfaces as an error naming the new location.
 */
export function createTransport(options: TransportOptions): Transport {
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  const stop = ownerAbortController();
  const instance: AxiosInstance = axios.create({
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    maxRedirects: 0,
    maxContentLength: options.maxResponseBytes,
    httpAgent,
    httpsAgent,
  });

  return {
    async send({ method, url, headers, body, timeoutMs }) {
      if (stop.signal.aborted) return { kind: 'closed' };
      const attempt = new AbortController();
      let timedOut = false;
      const abort = () => attempt.abort();
      stop.signal.addEventListener('abort', abort);
      // A deadline for the whole attempt: axios's `timeout` is a socket idle timer that a slow trickle never trips.
      const deadline = setTimeout(() => {
        timedOut = true;
        attempt.abort();
      }, timeoutMs);
      try {
        const res = await instance.request({ method, url, headers, data: body, signal: attempt.signal });
        const responseHeaders = plainHeaders(res.headers as Record<string, unknown>);
        return {
          kind: 'answer',
          status: res.status,
          headers: responseHeaders,
          body: parseBody(res.data, responseHeaders['content-type']),
        };
      } catch (err) {
        if (timedOut) return { kind: 'timeout' };
        if (stop.signal.aborted) return { kind: 'closed' };
        return { kind: 'network', errno: errnoOf(err), reason: err instanceof Error ? err.message : String(err) };
      } finally {
        clearTimeout(deadline);
        stop.signal.removeEventListener('abort', abort);
      }
    },
    close() {
      stop.abort();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
