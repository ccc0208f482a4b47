/**
 * A POST route on Node-RED's HTTP node app whose handler gets the request body as the exact bytes
 * that were sent, which signature checks need.
 *
 * Why not a body parser on the route: in a real runtime the editor's admin app is mounted first on
 * the same root and parses every JSON/form body before any RED.httpNode route runs, consuming the
 * stream (Node-RED's @node-red/nodes core/network/21-httpin.js works around the same with its raw-body capture). So, as core 21-httpin.js does for its raw-body
 * option, a capture middleware goes at the very top of the root express app: it buffers the body of
 * requests to this route only, up to a limit, and marks the request as parsed (`_body`) so every
 * later body parser leaves it alone. Both the middleware and the route are removed on close, by
 * identity, never by path (another node may serve the same path).
 */
import type { NodeAPI } from 'node-red';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RawRequest extends IncomingMessage {
  rawBody?: Buffer;
  rawBodyTooLarge?: boolean;
  _body?: boolean;
}

type Next = (err?: unknown) => void;
type Middleware = (req: RawRequest, res: ServerResponse, next: Next) => void;
interface Layer {
  handle: unknown;
  route?: { stack: Array<{ handle: unknown }> };
}
interface ExpressApp {
  parent?: ExpressApp;
  _router?: { stack: Layer[] };
  lazyrouter?: () => void;
  use: (fn: Middleware) => void;
  post: (path: string, ...handlers: unknown[]) => void;
}

export interface WebhookRouteOptions {
  /** Route path below httpNodeRoot, e.g. `/hr/greenhouse`. */
  path: string;
  limitBytes: number;
  handler: (
    req: RawRequest,
    res: ServerResponse & { status: (n: number) => ServerResponse & { json: (b: unknown) => void; end: () => void } },
  ) => void;
}

/** The full URL path a route answers on, with httpNodeRoot in front. */
export function routeUrl(RED: NodeAPI, path: string): string {
  const root = String((RED.settings as { httpNodeRoot?: string | false }).httpNodeRoot || '/');
  const joined = `${root.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return joined.startsWith('/') ? joined : `/${joined}`;
}

function rootApp(app: ExpressApp): ExpressApp {
  let current = app;
  while (current.parent) current = current.parent;
  return current;
}

function routerStack(app: ExpressApp): Layer[] {
  if (!app._router && app.lazyrouter) app.lazyrouter();
  return app._router!.stack;
}

/**
 * Whether Express would route a request for `pathname` to the route at `fullPath`: Express (and the
 * mount at httpNodeRoot) ignore case and one trailing slash, so the capture must too, or a request to
 * `/HR/GREENHOUSE/` reaches the route without its raw body and past its size limit.
 */
export function sameRoute(pathname: string, fullPath: string): boolean {
  const form = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p).toLowerCase();
  return form(pathname) === form(fullPath);
}

/**
 * Keeps the exact bytes of matching requests as req.rawBody, ahead of every other middleware: Node-RED's
 * admin body parsers would otherwise consume them when httpAdminRoot and httpNodeRoot share a prefix.
 * Returns the function that removes the capture.
 */
export function captureRawBodies(
  RED: NodeAPI,
  matches: (method: string, pathname: string) => boolean,
  limitBytes: number,
): () => void {
  const capture: Middleware = (req, _res, next) => {
    // req.path does not exist yet this early (before express's own init), so parse the URL.
    if (req._body || !matches(req.method ?? '', new URL(req.url ?? '/', 'http://x').pathname)) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.rawBodyTooLarge = true;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      req.rawBody = req.rawBodyTooLarge ? Buffer.alloc(0) : Buffer.concat(chunks);
      req._body = true;
      next();
    });
    req.on('error', next);
  };

  const root = rootApp(RED.httpNode as unknown as ExpressApp);
  root.use(capture);
  const stack = routerStack(root);
  const layer = stack.pop()!;
  stack.unshift(layer);
  return () => {
    const rootStack = routerStack(root);
    const at = rootStack.findIndex((l) => l.handle === capture);
    if (at >= 0) rootStack.splice(at, 1);
  };
}

/** Registers the route and its raw-body capture; returns the function that removes both. */
export function registerWebhookRoute(RED: NodeAPI, options: WebhookRouteOptions): () => void {
  const httpNode = RED.httpNode as unknown as ExpressApp;
  const fullPath = routeUrl(RED, options.path);
  const releaseCapture = captureRawBodies(
    RED,
    (method, pathname) => method === 'POST' && sameRoute(pathname, fullPath),
    options.limitBytes,
  );

  const middleware = ((RED.settings as { httpNodeMiddleware?: unknown }).httpNodeMiddleware ?? []) as unknown;
  const extra = (Array.isArray(middleware) ? middleware : [middleware]).filter((m) => typeof m === 'function');
  // A request the capture did not buffer (a path form Express routes that sameRoute does not know)
  // is refused here rather than handled without its exact bytes and size check.
  const handler: WebhookRouteOptions['handler'] = (req, res) =>
    Buffer.isBuffer(req.rawBody) ? options.handler(req, res) : void res.status(400).end();
  httpNode.post(options.path, ...extra, handler);

  return () => {
    releaseCapture();
    const nodeStack = routerStack(httpNode);
    const routeAt = nodeStack.findIndex((l) => l.route?.stack.some((s) => s.handle === handler));
    if (routeAt >= 0) nodeStack.splice(routeAt, 1);
  };
}
