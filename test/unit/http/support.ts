import http from 'node:http';
import type { TestContext } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../lib/http/clock';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: Received, res: http.ServerResponse, socket: import('node:net').Socket) => void;

export interface TestServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** Closes `resource` when the test ends, passed or failed, so a failing test cannot hang the run. */
export function closing<T extends { close(): unknown }>(t: TestContext, resource: T): T {
  t.after(() => resource.close());
  return resource;
}

/** A real HTTP server on 127.0.0.1, on a free port, answering with `handler`; closed when the test ends. */
export async function startServer(t: TestContext, handler: Handler): Promise<TestServer> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(r);
      handler(r, res, req.socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  t.after(() => (server.listening ? close() : undefined));
  return { url: `http://127.0.0.1:${port}`, received, close };
}

/** Answers a sequence of scripted replies, one per request, repeating the last. */
export function scripted(
  ...replies: Array<{ status: number; headers?: Record<string, string>; body?: unknown }>
): Handler {
  let i = 0;
  return (_req, res) => {
    const reply = replies[Math.min(i++, replies.length - 1)];
    const isText = typeof reply.body === 'string';
    res.writeHead(reply.status, { 'content-type': isText ? 'text/plain' : 'application/json', ...reply.headers });
    res.end(reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body));
  };
}

/**
 * A virtual clock: sleep records the delay, moves time on and resolves on the next turn of the
 * event loop (after whatever the sleeper's caller already scheduled has run), so retries and rate
 * limits are measured exactly and no test waits for real.
 */
export function fakeClock(start = Date.UTC(2026, 8, 16, 12, 0, 0)) {
  let t = start;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => t,
    random: () => 0.5,
    sleep: async (ms, signal) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (signal.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
    },
  };
  return { clock, sleeps, now: () => t, advance: (ms: number) => void (t += ms) };
}

export function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}
