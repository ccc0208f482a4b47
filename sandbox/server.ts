import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type z } from 'zod';
import { FaultQueue, FaultSpec, type Fault, type FaultInput } from './framework/faults';
import { maskHeaders, maskSecrets } from './framework/mask';
import { statePage } from './framework/page';
import { RateLimitSpec, TokenBucket, type RateLimit } from './framework/rateLimit';
import { json, Refusal, refuse, text, type Reply } from './framework/reply';
import { contentTypeIs, type SandboxRequest } from './framework/request';
import { compile, match, type Route } from './framework/routes';
import type { LoggedRequest, SandboxState } from './framework/state';

export type { Fault, FaultInput, LoggedRequest, RateLimit, Reply, Route, SandboxRequest, SandboxState };

/** Everything one emulated vendor contributes; the framework does the HTTP, faults, limits and control API. */
export interface VendorDefinition {
  name: string;
  routes: Route[];
  /** Vendor-specific control routes, mounted under /_sandbox/ (e.g. Checkr's report completion). */
  controls?: Route[];
  /** The vendor's error shape for answers the framework makes: unknown route, injected 500/503. */
  error(status: number, message: string): Reply;
  /** The vendor's answer when rate limited; by default `error(429)` with Retry-After. */
  throttled?(retryAfterSeconds: number, req: SandboxRequest): Reply;
  /** What the emulator holds, for /_sandbox/state (secrets are masked by the framework). */
  snapshot(): unknown;
  /** Back to the state it started in. */
  reset(): void;
}

export interface StartOptions {
  /** 0 or absent: any free port. */
  port?: number;
  rateLimit?: RateLimit | null;
}

export interface EmulatorHandle {
  readonly name: string;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  injectFault(fault: FaultInput): void;
  setRateLimit(limit: RateLimit | null): void;
  /** Requests received by the vendor routes, oldest first, secrets masked. */
  requests(): LoggedRequest[];
  state(): SandboxState;
  reset(): void;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const MAX_LOGGED = 1000;

function loggedBody(req: SandboxRequest): unknown {
  if (req.rawBody.length === 0) return undefined;
  const raw = req.rawBody.toString('utf8');
  if (contentTypeIs(req, 'application/x-www-form-urlencoded'))
    return maskSecrets(Object.fromEntries(new URLSearchParams(raw)));
  try {
    return maskSecrets(JSON.parse(raw));
  } catch {
    return raw.length > 2000 ? `${raw.slice(0, 2000)}… (${raw.length} chars)` : raw;
  }
}

function readRequest(req: http.IncomingMessage): Promise<Buffer | null> {
  // Mounted in a host (Node-RED) that read the bytes ahead of its own body parsers.
  const captured = (req as { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(captured)) return Promise.resolve(captured);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const controlProblem = (error: z.ZodError): Reply =>
  json(400, {
    error: 'invalid control request',
    issues: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
  });

/** Parses the JSON body of a /_sandbox/ control request; an invalid one is refused with a plain JSON 400. */
export function controlBody<T>(req: SandboxRequest, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(parseControlBody(req));
  return parsed.success ? parsed.data : refuse(controlProblem(parsed.error));
}

/** An emulator that is not listening yet: its request handler, to serve on a port of its own or under a path of a host server. */
export interface EmulatorCore extends Omit<EmulatorHandle, 'url' | 'port' | 'stop'> {
  /** Serves one request; the URL is relative to the emulator's root (an Express mount strips its path). */
  handle(incoming: http.IncomingMessage, res: http.ServerResponse): void;
  /** Clears timers of delayed answers. */
  close(): void;
}

/** Builds one emulator's request handler, faults, rate limit and control API. */
export function createEmulatorCore(
  vendor: VendorDefinition,
  options: Pick<StartOptions, 'rateLimit'> = {},
): EmulatorCore {
  const routes = vendor.routes.map(compile);
  const faults = new FaultQueue();
  const timers = new Set<NodeJS.Timeout>();
  let received: LoggedRequest[] = [];
  let seq = 0;
  let bucket: TokenBucket | null = options.rateLimit ? new TokenBucket(options.rateLimit) : null;

  const state = (): SandboxState => ({
    vendor: vendor.name,
    holds: maskSecrets(vendor.snapshot()),
    received: received.map((r) => ({ ...r })),
    faults: faults.list(),
    rateLimit: bucket?.limit ?? null,
  });
  const reset = () => {
    vendor.reset();
    faults.clear();
    received = [];
    bucket = options.rateLimit ? new TokenBucket(options.rateLimit) : null;
  };
  const setRateLimit = (limit: RateLimit | null) => {
    bucket = limit ? new TokenBucket(limit) : null;
  };

  const controls = [
    compile({ method: 'GET', path: '/_sandbox', handle: () => htmlPage() }),
    compile({ method: 'GET', path: '/_sandbox/', handle: () => htmlPage() }),
    compile({ method: 'GET', path: '/_sandbox/state', handle: () => json(200, state()) }),
    compile({ method: 'POST', path: '/_sandbox/reset', handle: () => (reset(), json(200, { reset: true })) }),
    compile({
      method: 'POST',
      path: '/_sandbox/faults',
      handle: (req) => {
        faults.add(controlBody(req, FaultSpec));
        return json(201, { pending: faults.list() });
      },
    }),
    compile({
      method: 'POST',
      path: '/_sandbox/rate-limit',
      handle: (req) => {
        const limit = controlBody(req, RateLimitSpec.nullable());
        setRateLimit(limit);
        return json(200, { rateLimit: limit });
      },
    }),
    ...(vendor.controls ?? []).map((c) => compile({ ...c, path: `/_sandbox${c.path}` })),
  ];
  const htmlPage = (): Reply => ({
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: statePage(state()),
  });

  const answer = async (req: SandboxRequest): Promise<Reply> => {
    const found = match(routes, req.method, req.path);
    if (!found) return vendor.error(404, `No route for ${req.method} ${req.path}`);
    return run(found.route, { ...req, params: found.params });
  };
  const run = async (route: Route, req: SandboxRequest): Promise<Reply> => {
    try {
      return await route.handle(req);
    } catch (err) {
      if (err instanceof Refusal) return err.reply;
      return vendor.error(500, `emulator bug: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const send = (res: http.ServerResponse, reply: Reply) => {
    if (res.destroyed) return;
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body ?? '');
  };

  const handle = (incoming: http.IncomingMessage, res: http.ServerResponse) => {
    void (async () => {
      const url = new URL(incoming.url ?? '/', 'http://sandbox.local');
      const rawBody = await readRequest(incoming);
      const req: SandboxRequest = {
        method: (incoming.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        rawBody: rawBody ?? Buffer.alloc(0),
        params: {},
      };
      if (req.path === '/_sandbox' || req.path.startsWith('/_sandbox/')) {
        const control = match(controls, req.method, req.path);
        send(
          res,
          control
            ? await run(control.route, { ...req, params: control.params })
            : json(404, { error: `no control route ${req.method} ${req.path}` }),
        );
        return;
      }

      const entry: LoggedRequest = {
        seq: ++seq,
        at: new Date().toISOString(),
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers: maskHeaders(incoming.headers),
        body: loggedBody(req),
        outcome: 'pending',
      };
      received.push(entry);
      if (received.length > MAX_LOGGED) received.shift();
      const finish = (reply: Reply) => {
        entry.outcome = 'answered';
        entry.status = reply.status;
        send(res, reply);
      };
      const cut = (outcome: 'reset' | 'lost_response') => {
        entry.outcome = outcome;
        incoming.socket.destroy();
      };

      if (rawBody === null) return finish(vendor.error(413, 'Request body too large'));
      const fault = faults.take(req.method, req.path);
      if (fault) entry.fault = fault.kind;
      switch (fault?.kind) {
        case 'reset':
          return cut('reset');
        case 'throttle':
          return finish(withRetryAfter(throttle(req, fault.retryAfterSeconds), fault.retryAfterSeconds));
        case 'unavailable':
          return finish(withRetryAfter(vendor.error(503, 'Service Unavailable'), fault.retryAfterSeconds));
        case 'server_error':
          return finish(vendor.error(500, 'Internal Server Error'));
        case 'lost_response':
          await answer(req);
          return cut('lost_response');
        case 'delay': {
          const reply = await answer(req);
          const timer = setTimeout(() => {
            timers.delete(timer);
            finish(reply);
          }, fault.delayMs);
          timers.add(timer);
          return;
        }
        case undefined:
          break;
      }
      const allowed = bucket?.take() ?? { ok: true as const };
      if (!allowed.ok)
        return finish(withRetryAfter(throttle(req, allowed.retryAfterSeconds), allowed.retryAfterSeconds));
      finish(await answer(req));
    })().catch((err: unknown) => {
      send(res, text(500, `sandbox failure: ${err instanceof Error ? err.message : String(err)}`));
    });
  };

  const throttle = (req: SandboxRequest, seconds: number): Reply =>
    vendor.throttled?.(seconds, req) ?? vendor.error(429, 'Too Many Requests');

  return {
    name: vendor.name,
    handle,
    injectFault: (fault) => faults.add(FaultSpec.parse(fault)),
    setRateLimit,
    requests: () => state().received,
    state,
    reset,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** Starts one emulator on 127.0.0.1, on a port of its own. */
export async function startEmulator(vendor: VendorDefinition, options: StartOptions = {}): Promise<EmulatorHandle> {
  const { handle, close, ...api } = createEmulatorCore(vendor, options);
  const server = http.createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...api,
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A 429 or 503 carries Retry-After, whatever else the vendor adds (Teams' legacy connector throttles with a 200, docs/vendors/teams.md). */
const withRetryAfter = (reply: Reply, seconds: number): Reply =>
  reply.status === 429 || reply.status === 503
    ? { ...reply, headers: { 'Retry-After': String(seconds), ...reply.headers } }
    : reply;

function parseControlBody(req: SandboxRequest): unknown {
  if (req.rawBody.length === 0) return undefined;
  try {
    return JSON.parse(req.rawBody.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** An emulator as a vendor module builds it: its definition plus the helpers tests call directly. */
export interface Emulator<Helpers> {
  definition: VendorDefinition;
  helpers: Helpers;
}

export async function startVendor<Helpers extends object>(
  emulator: Emulator<Helpers>,
  options: StartOptions = {},
): Promise<EmulatorHandle & Helpers> {
  return Object.assign(await startEmulator(emulator.definition, options), emulator.helpers);
}
