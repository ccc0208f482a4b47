/**
 * "Test connection" in a config node's edit dialog: one harmless call, answered in words a person can
 * act on — bad key, wrong company domain, no permission, unreachable, rate limited — and never with a
 * secret in it. A deployed node is tested with its deployed settings (only a newly typed credential
 * replaces a stored one), so no request can send its stored credentials to an address of its choosing;
 * a node not deployed yet is tested with the dialog's settings and only the credentials typed in it.
 */
import type { NodeAPI } from 'node-red';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { toHrError } from '../../lib/errors';
import type { RuntimeSandbox } from '../../sandbox/inRuntime';
import { runtimeSandbox } from './runtimeSandbox';
import {
  createHttpClient,
  HttpError,
  redactText,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
} from '../../lib/http';

/** i18n keys under `common.connectionTest`; the editor words them in the user's language. */
export type TestCode =
  | 'ok'
  | 'okCompany'
  | 'alertSent'
  | 'badKey'
  | 'noPermission'
  | 'wrongCompany'
  | 'notFound'
  | 'unknownHost'
  | 'unreachable'
  | 'timeout'
  | 'rateLimited'
  | 'rejected'
  | 'unexpected'
  | 'incomplete'
  | 'noApi'
  | 'noApiKey'
  | 'apiRetired'
  | 'noOfferFields'
  | 'noLookupUrl'
  | 'emailChannel'
  | 'channelGone';

export interface TestOutcome {
  /** What was called, by its product name: "BambooHR", "Greenhouse", "Slack". */
  service: string;
  ok: boolean;
  code: TestCode;
  /** Interpolation values for the message; never a credential. */
  params: Record<string, string | number>;
}

export type Credentials = Record<string, string | undefined>;

export interface TestInput {
  config: Record<string, unknown>;
  credentials: Credentials;
  /** The built-in sandbox, for a connection whose address is an unset `${NAME}` (as the deployed node uses it). */
  sandbox: () => RuntimeSandbox;
}

/** A service the test reached in the built-in sandbox is named so, never mistaken for the live one. */
export const inSandbox = (service: string): string => `${service} (sandbox)`;

/** One attempt, quickly: the person is waiting, and a retried 429 would hide the answer they need. */
export const PROBE_HTTP: Pick<HttpClientOptions, 'retry' | 'timeoutMs'> = { retry: false, timeoutMs: 10_000 };

/** What the editor shows in a password field whose stored value it does not know. */
const UNCHANGED_PASSWORD = '__PWRD__';

/** A vendor's own words are shown, but not a whole error page. */
const MAX_SAID = 300;

const DNS_ERRNOS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);

export const outcome = (
  service: string,
  code: TestCode,
  params: Record<string, string | number> = {},
): TestOutcome => ({
  service,
  ok: code === 'ok' || code === 'okCompany' || code === 'alertSent',
  code,
  params: { service, ...params },
});

function hostOf(url: unknown): string {
  try {
    return new URL(String(url)).host;
  } catch {
    return '';
  }
}

export interface Explain {
  service: string;
  /** Every secret of the connection, masked wherever a vendor echoes one back. */
  secrets: readonly string[];
  /** What a 404 or an unknown host means for this vendor (BambooHR: the company domain). */
  notFound?: TestCode;
  unknownHost?: TestCode;
  params?: Record<string, string | number>;
}

/** Turns what the call failed with into the answer for the person at the dialog. */
export function explainFailure(err: unknown, how: Explain): TestOutcome {
  const { service, secrets } = how;
  const said = (text: string | undefined) => (text ? redactText(text, { values: secrets }).slice(0, MAX_SAID) : '');
  // Callers that word their own errors (the alert channels) keep lib/http's error as the cause.
  const cause = err instanceof Error ? err.cause : undefined;
  const http = err instanceof HttpError ? err : cause instanceof HttpError ? cause : null;
  if (!http) return outcome(service, 'unexpected', { ...how.params, detail: said(toHrError(err).message) });
  return explainHttp(http, how, said);
}

function explainHttp(err: HttpError, how: Explain, said: (text: string | undefined) => string): TestOutcome {
  const { service } = how;
  const facts = (err.details ?? {}) as { url?: string; errno?: string };
  const params = { ...how.params, status: err.status ?? '', host: hostOf(facts.url), said: said(err.vendorMessage) };
  if (err.status === 401) return outcome(service, 'badKey', params);
  if (err.status === 403) return outcome(service, 'noPermission', params);
  if (err.code === 'http.rate_limited' || (err.status === 503 && err.retryAfterMs !== undefined)) {
    return outcome(service, 'rateLimited', { ...params, wait: Math.ceil((err.retryAfterMs ?? 60_000) / 1000) });
  }
  if (err.status === 404 || err.status === 410) return outcome(service, how.notFound ?? 'notFound', params);
  if (err.code === 'http.timeout') return outcome(service, 'timeout', params);
  if (err.code === 'http.network') {
    const errno = facts.errno ?? '';
    if (DNS_ERRNOS.has(errno)) return outcome(service, how.unknownHost ?? 'unknownHost', { ...params, errno });
    return outcome(service, 'unreachable', { ...params, errno });
  }
  return outcome(service, 'rejected', params);
}

/** What vendor modules call through (the shape of their CallContext). */
export interface Sender {
  send(request: HttpRequest): Promise<HttpResponse>;
}

export interface Probe<T> {
  explain: Explain;
  http: HttpClientOptions;
  /** The harmless call(s) through the vendor module; resolves with what to report on success. */
  call(ctx: Sender): Promise<T>;
  /** The answer once the call went through. */
  ok(result: T): TestOutcome;
}

/** Runs one probe through lib/http on a client of its own, closed afterwards. */
export async function runProbe<T>(probe: Probe<T>): Promise<TestOutcome> {
  const client = createHttpClient({ ...probe.http, ...PROBE_HTTP });
  try {
    return probe.ok(await probe.call({ send: (request) => client.request(request) }));
  } catch (err) {
    return explainFailure(err, probe.explain);
  } finally {
    client.close();
  }
}

/** The non-empty credential values, for masking. */
export const secretsOf = (credentials: Credentials): string[] =>
  Object.values(credentials).filter((v): v is string => !!v);

const TestBody = z.object({
  /** The config node's id: a deployed node's stored credentials fill what the dialog does not know. */
  id: z.string().optional(),
  config: z.record(z.string(), z.unknown()),
  credentials: z.record(z.string(), z.string()).default({}),
});

/** The settings each deployed node was created with, for the test of that node. */
const deployedSettings = new WeakMap<object, Record<string, unknown>>();

/** Called by a node that offers "Test connection" as it is created: its test uses these settings. */
export function rememberDeployed(node: object, def: object): void {
  deployedSettings.set(node, { ...(def as Record<string, unknown>) });
}

/** The deployed settings of the node of this type with this id, if there is one. */
function deployedConfig(RED: NodeAPI, type: string, id: string | undefined): Record<string, unknown> | undefined {
  const node = id ? RED.nodes.getNode(id) : null;
  return node && node.type === type ? deployedSettings.get(node) : undefined;
}

/**
 * The dialog's credentials over the stored ones: a password field the user did not touch arrives as
 * the editor's placeholder (or not at all) and then means "what is stored".
 */
function mergedCredentials(RED: NodeAPI, id: string | undefined, typed: Record<string, string>): Credentials {
  const deployed = id
    ? ((RED.nodes.getCredentials(id) as Credentials | undefined) ??
      (RED.nodes.getNode(id)?.credentials as Credentials | undefined))
    : undefined;
  const merged: Credentials = { ...deployed };
  for (const [name, value] of Object.entries(typed)) {
    if (value !== UNCHANGED_PASSWORD) merged[name] = value;
  }
  return merged;
}

const withoutPlaceholders = (typed: Record<string, string>): Credentials =>
  Object.fromEntries(Object.entries(typed).filter(([, value]) => value !== UNCHANGED_PASSWORD));

/**
 * A value that is exactly `${NAME}` is read from the environment at deploy (Node-RED's
 * mapEnvVarProperties): the deployed node's group, tab and global variables, then the process's; an
 * empty one counts as unset. The dialog sends it unresolved, so the test resolves it the same way.
 */
function withEnv<T extends Record<string, unknown>>(RED: NodeAPI, id: string | undefined, values: T): T {
  const node = id ? RED.nodes.getNode(id) : null;
  const lookup = (name: string): unknown =>
    node
      ? (RED.util as unknown as { getSetting(n: object, k: string): unknown }).getSetting(node, name)
      : process.env[name];
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => {
      const name = typeof v === 'string' ? /^\$\{([^}]+)\}$/.exec(v)?.[1] : undefined;
      const value = name ? lookup(name) : undefined;
      return [k, value ? value : v];
    }),
  ) as T;
}

/**
 * POST /<type>/<action> `{ id?, config, credentials }` with the dialog's values over the stored ones;
 * needs `<type>.write`. A connection that cannot even be built (a field missing) answers `incomplete`.
 */
export function registerConnectionAction(
  RED: NodeAPI,
  type: string,
  action: string,
  run: (input: TestInput) => Promise<Record<string, unknown>>,
): void {
  RED.httpAdmin.post(
    `/${type}/${action}`,
    RED.auth.needsPermission(`${type}.write`),
    async (req: Request, res: Response) => {
      const body = TestBody.safeParse(req.body ?? {});
      if (!body.success)
        return void res.status(400).json({
          error: { code: 'connection_test.request_invalid', message: 'Send { config, credentials } as JSON.' },
        });
      const deployed = deployedConfig(RED, type, body.data.id);
      // Stored credentials only ever go with the deployed settings they were stored for.
      const credentials = deployed
        ? mergedCredentials(RED, body.data.id, body.data.credentials)
        : withoutPlaceholders(body.data.credentials);
      try {
        res.json(
          await run({
            config: withEnv(RED, body.data.id, deployed ?? body.data.config),
            credentials: withEnv(RED, body.data.id, credentials),
            sandbox: () => runtimeSandbox(RED),
          }),
        );
      } catch (err) {
        // An answer for the dialog, not a server error.
        const e = toHrError(err);
        res.json({
          results: [outcome('', 'incomplete', { detail: redactText(e.message, { values: secretsOf(credentials) }) })],
        });
      }
    },
  );
}

/** POST /<type>/test → `{ results: TestOutcome[] }`. */
export function registerConnectionTest(
  RED: NodeAPI,
  type: string,
  run: (input: TestInput) => Promise<TestOutcome[]>,
): void {
  registerConnectionAction(RED, type, 'test', async (input) => ({ results: await run(input) }));
}
