import type { NodeAPI } from 'node-red';
import { HrError } from '../../lib/errors';
import { captureRawBodies } from './webhookRoute';
import { mountSandbox, SANDBOX_PATH, type HostApp, type RuntimeSandbox } from '../../sandbox/inRuntime';

interface ListenSettings {
  uiPort?: number | string;
  uiHost?: string;
  https?: unknown;
  httpNodeRoot?: string | false;
}

/** The address this Node-RED answers itself on: its own port, on loopback unless it listens on one address only. */
export function runtimeOrigin(settings: ListenSettings): string {
  const host =
    !settings.uiHost || settings.uiHost === '0.0.0.0' || settings.uiHost === '::' ? '127.0.0.1' : settings.uiHost;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return `${settings.https ? 'https' : 'http'}://${shownHost}:${Number(settings.uiPort) || 1880}`;
}

const SANDBOX_BODY_LIMIT = 5 * 1024 * 1024;
const mounted = new WeakMap<object, RuntimeSandbox>();

/**
 * The built-in sandbox, mounted on the runtime's HTTP server the first time a connection asks for it
 * and kept for the life of the process (Express cannot take routes away; the emulators hold only
 * sandbox data).
 */
export function runtimeSandbox(RED: NodeAPI): RuntimeSandbox {
  const app = RED.httpNode as unknown as HostApp & object;
  const existing = mounted.get(app);
  if (existing) return existing;
  const settings = RED.settings as unknown as ListenSettings;
  if (settings.httpNodeRoot === false) {
    throw new HrError(
      'sandbox.http_disabled',
      "httpNodeRoot is false in settings.js, so the built-in sandbox cannot be served: set the connection's address to the real service.",
    );
  }
  const nodeRoot = String(settings.httpNodeRoot || '/').replace(/\/+$/, '');
  const prefix = `${nodeRoot}/${SANDBOX_PATH}/`;
  // The emulators read the request bytes themselves; kept for the life of the process, like the mount.
  captureRawBodies(
    RED,
    (method, pathname) =>
      method !== 'GET' && method !== 'HEAD' && pathname.toLowerCase().startsWith(prefix.toLowerCase()),
    SANDBOX_BODY_LIMIT,
  );
  const sandbox = mountSandbox(app, `${runtimeOrigin(settings)}${nodeRoot}/${SANDBOX_PATH}`);
  mounted.set(app, sandbox);
  return sandbox;
}
