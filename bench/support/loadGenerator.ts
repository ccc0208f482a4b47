/**
 * A small keep-alive HTTP load generator: N concurrent connections, each sending its next request as
 * soon as the previous answer is read, until the request count or the time limit is reached.
 * Loopback only: a benchmark never sends traffic anywhere else.
 */
import http from 'node:http';
import { summarize, type Summary } from './percentiles';

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface LoadOptions {
  /** http://127.0.0.1:<port> (or localhost); the request paths are appended. */
  baseUrl: string;
  /** The i-th request (0-based); built ahead of time so signing is not measured. */
  request: (i: number) => LoadRequest;
  count: number;
  connections: number;
  timeLimitMs: number;
}

export interface LoadResult {
  sent: number;
  /** Answers by status code; 0 counts requests that got no answer. */
  statuses: Record<number, number>;
  elapsedMs: number;
  perSecond: number;
  latencyMs: Summary;
  timedOut: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

export function assertLoopback(url: string): URL {
  const target = new URL(url);
  if (target.protocol !== 'http:' || !LOOPBACK.test(target.hostname))
    throw new Error(`the load generator only targets loopback http, not ${url}`);
  return target;
}

function send(agent: http.Agent, target: URL, req: LoadRequest): Promise<number> {
  return new Promise((resolve) => {
    const out = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: req.path,
        headers: { ...req.headers, 'Content-Length': String(req.body.length) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    out.on('error', () => resolve(0));
    out.end(req.body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = assertLoopback(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const statuses: Record<number, number> = {};
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + options.timeLimitMs;
  const worker = async () => {
    while (next < options.count && performance.now() < deadline) {
      const i = next++;
      const t = performance.now();
      const status = await send(agent, target, options.request(i));
      latencies.push(performance.now() - t);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, worker));
  } finally {
    agent.destroy();
  }
  const elapsedMs = performance.now() - started;
  return {
    sent: next,
    statuses,
    elapsedMs,
    perSecond: (next / elapsedMs) * 1000,
    latencyMs: summarize(latencies),
    timedOut: next < options.count,
  };
}
