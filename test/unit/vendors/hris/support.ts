import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../../../lib/http';
import type { CallContext } from '../../../../lib/vendors/hris/types';

/** A real client for a vendor module under test, without in-process retries so each answer is seen as is. */
export function contextFor(http: HttpClientOptions): { ctx: CallContext; client: HttpClient } {
  const client = createHttpClient({ ...http, retry: false });
  return { ctx: { send: (request) => client.request(request) }, client };
}

/** Runs `fn` and returns what it threw, failing the test if it did not throw. */
export async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

export interface LocalServer {
  url: string;
  received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

/** A small HTTP server on 127.0.0.1 for APIs without an emulator (the generic REST target). */
export async function localServer(
  answer: (req: { method: string; url: string; body: string }) => {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
  },
): Promise<LocalServer> {
  const received: LocalServer['received'] = [];
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
      const reply = answer(r);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
