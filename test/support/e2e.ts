/**
 * End-to-end harness: a real Node-RED process with a shipped example deployed as a user deploys an
 * import, the vendor emulators in this process, and the environment variables of
 * examples/ENVIRONMENT.md pointing the example at them. Assertions read what the emulators received.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { ashbySender, deliver, greenhouseSender, leverSender, type DeliveryResponse } from '../../sandbox/senders';
import { ASHBY_DEFAULTS } from '../../sandbox/ashby';
import { BAMBOOHR_DEFAULTS } from '../../sandbox/bamboohr';
import { CHECKR_DEFAULTS } from '../../sandbox/checkr';
import { GREENHOUSE_DEFAULTS } from '../../sandbox/greenhouse';
import { HIBOB_DEFAULTS } from '../../sandbox/hibob';
import { LEVER_DEFAULTS } from '../../sandbox/lever';
import { PERSONIO_DEFAULTS } from '../../sandbox/personio';
import { SLACK_DEFAULTS } from '../../sandbox/slack';
import { makeUserDir, startNodeRed, type RunningNodeRed, packageOfBuild } from './realNodeRed';
import { nodeRed4, projectRoot } from './runtimes';

/** The folder this test build was compiled into (dist/ or $DIST_DIR). */
const buildRoot = path.resolve(__dirname, '..', '..');

export const WEBHOOK_SECRET = 'e2e-greenhouse-webhook-secret';
export const BAMBOOHR_WEBHOOK_SECRET = 'e2e-bamboohr-webhook-key';
// Not the flows' sandbox defaults, so a passing test shows the example reads the environment.
const LEVER_WEBHOOK_SECRET = 'e2e-lever-webhook-secret';
const ASHBY_WEBHOOK_SECRET = 'e2e-ashby-webhook-secret';

/** A user directory in which this build is installed as the package (see packageOfBuild). */
export function userDirWithThisBuild(): string {
  const userDir = makeUserDir('hr-e2e-');
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { name: string };
  fs.mkdirSync(path.join(userDir, 'node_modules'), { recursive: true });
  fs.symlinkSync(packageOfBuild(projectRoot, buildRoot).dir, path.join(userDir, 'node_modules', pkg.name), 'dir');
  return userDir;
}

/** examples/ENVIRONMENT.md, pointed at this test's emulators. */
export function environmentFor(sandbox: Sandbox): NodeJS.ProcessEnv {
  return {
    GREENHOUSE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    GREENHOUSE_API_URL: sandbox.urls.greenhouse,
    GREENHOUSE_CLIENT_ID: GREENHOUSE_DEFAULTS.oauthClients[0].clientId,
    GREENHOUSE_CLIENT_SECRET: GREENHOUSE_DEFAULTS.oauthClients[0].clientSecret,
    GREENHOUSE_TOKEN_URL: `${sandbox.urls.greenhouse}/token`,
    GREENHOUSE_USER_ID: String(GREENHOUSE_DEFAULTS.userIds[0]),
    GREENHOUSE_EMPLOYEE_ID_FIELD: GREENHOUSE_DEFAULTS.customFields[0].name_key,
    GREENHOUSE_CHECK_RESULT_FIELD: GREENHOUSE_DEFAULTS.customFields[1].name_key,
    BAMBOOHR_COMPANY_DOMAIN: BAMBOOHR_DEFAULTS.companyDomain,
    BAMBOOHR_API_URL: `${sandbox.urls.bamboohr}/api/gateway.php/${BAMBOOHR_DEFAULTS.companyDomain}`,
    BAMBOOHR_API_KEY: BAMBOOHR_DEFAULTS.apiKeys[0],
    BAMBOOHR_WEBHOOK_SECRET,
    CHECKR_API_URL: sandbox.urls.checkr,
    CHECKR_API_KEY: CHECKR_DEFAULTS.apiKeys[0],
    CHECKR_PACKAGE: CHECKR_DEFAULTS.packages[0],
    SLACK_WEBHOOK_URL: `${sandbox.urls.slack}${SLACK_DEFAULTS.hooks[0]}`,
    HR_STORE_KEY: '0123456789abcdef'.repeat(4),
    LEVER_WEBHOOK_SECRET,
    LEVER_API_URL: `${sandbox.urls.lever}/v1`,
    LEVER_API_KEY: LEVER_DEFAULTS.apiKeys[0],
    LEVER_USER_ID: LEVER_DEFAULTS.userIds[0],
    HIBOB_API_URL: sandbox.urls.hibob,
    HIBOB_SERVICE_USER_ID: HIBOB_DEFAULTS.serviceUsers[0].id,
    HIBOB_API_TOKEN: HIBOB_DEFAULTS.serviceUsers[0].token,
    ASHBY_WEBHOOK_SECRET,
    ASHBY_API_URL: sandbox.urls.ashby,
    ASHBY_API_KEY: ASHBY_DEFAULTS.apiKeys[0],
    ASHBY_EMPLOYEE_ID_FIELD: ASHBY_DEFAULTS.customFields[0].id,
    PERSONIO_API_URL: sandbox.urls.personio,
    PERSONIO_CLIENT_ID: PERSONIO_DEFAULTS.clients[0].clientId,
    PERSONIO_CLIENT_SECRET: PERSONIO_DEFAULTS.clients[0].clientSecret,
  };
}

export function readExample(name: string): Array<Record<string, unknown>> {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, 'examples', `${name}.json`), 'utf8')) as Array<
    Record<string, unknown>
  >;
}

/** The writer's timings shortened so retries happen within a test; everything else as shipped. */
const FAST_SETTINGS = { hrHrisWriterPollMs: 200, hrHrisWriterRetryBaseMs: 300, hrHrisWriterLeaseMs: 3_000 };

export interface ExampleRun {
  sandbox: Sandbox;
  red: RunningNodeRed;
  userDir: string;
  /** Starts Node-RED again on the same user directory (after kill() or stop()). */
  restart(): Promise<RunningNodeRed>;
  /** POSTs a signed delivery to a webhook path of the running Node-RED. */
  post(pathname: string, signed: { rawBody: Buffer; headers: Record<string, string> }): Promise<DeliveryResponse>;
  stop(): Promise<void>;
}

export async function deploy(red: RunningNodeRed, flow: unknown): Promise<void> {
  const res = await fetch(`${red.url}/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'full' },
    body: JSON.stringify(flow),
  });
  if (res.status !== 200 && res.status !== 204) throw new Error(`deploy answered ${res.status}: ${await res.text()}`);
}

/**
 * Waits until every trigger of the flow serves its webhook route (routes are added as the flow starts,
 * after the deploy answered). The probe is unsigned, so the trigger refuses it and emits nothing.
 */
export async function webhooksServed(red: RunningNodeRed, flow: Array<Record<string, unknown>>): Promise<void> {
  const paths = flow
    .filter((n) => n.type === 'hr-ats-trigger' || n.type === 'hr-hris-trigger')
    .map((n) => String(n.path));
  for (const pathname of paths) {
    await until(
      `the webhook route ${pathname}`,
      async () => (await fetch(`${red.url}${pathname}`, { method: 'POST', body: '{}' })).status !== 404,
      20_000,
      red,
    );
  }
}

export interface ExampleOptions {
  /** Emulators shared with another run (e.g. a second Node-RED instance); left running by stop(). Started here when absent. */
  sandbox?: Sandbox;
  /** Environment variables beyond those of examples/ENVIRONMENT.md, e.g. HR_STORE_URL. */
  env?: NodeJS.ProcessEnv;
}

/** Starts the emulators and Node-RED, and deploys the named example as a user would after importing it. */
export async function runExample(name: string, options: ExampleOptions = {}): Promise<ExampleRun> {
  const sandbox = options.sandbox ?? (await startSandbox());
  const stopSandbox = () => (options.sandbox ? Promise.resolve() : sandbox.stop());
  const userDir = userDirWithThisBuild();
  const env = { ...environmentFor(sandbox), ...options.env };
  const start = () => startNodeRed({ runtime: nodeRed4(), userDir, env, settings: FAST_SETTINGS });
  let red: RunningNodeRed;
  try {
    red = await start();
    await deploy(red, readExample(name));
    await webhooksServed(red, readExample(name));
  } catch (err) {
    await stopSandbox();
    throw err;
  }
  const run: ExampleRun = {
    sandbox,
    red,
    userDir,
    async restart() {
      run.red = await start();
      await webhooksServed(run.red, readExample(name));
      return run.red;
    },
    post: (pathname, signed) => deliver(`${run.red.url}${pathname}`, signed),
    async stop() {
      await run.red.stop();
      await stopSandbox();
      fs.rmSync(userDir, { recursive: true, force: true });
    },
  };
  return run;
}

export const greenhouse = greenhouseSender({ secret: WEBHOOK_SECRET });

/** A hire Greenhouse knows (so the employee id can be written back), ready to deliver with `greenhouse.hire`. */
export function seededHire(sandbox: Sandbox, firstName: string, lastName: string) {
  const email = `${firstName}.${lastName}@example.com`.toLowerCase();
  return { ...sandbox.greenhouse.addHire({ firstName, lastName, email }), firstName, lastName, email };
}
export const lever = leverSender({ secret: LEVER_WEBHOOK_SECRET });
export const ashby = ashbySender({ secret: ASHBY_WEBHOOK_SECRET });

/** Polls until `check` returns a value other than undefined/false, or fails naming what it waited for. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  limitMs = 20_000,
  red?: RunningNodeRed,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${limitMs} ms waiting for ${what}${red ? `\n--- Node-RED log ---\n${red.log().slice(-4000)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface EmulatorState<H> {
  holds: H;
  received: Array<{ method: string; path: string; status: number; body?: unknown }>;
}

/** GET /_sandbox/state of one emulator, as a person checking the sandbox page would read it. */
export async function stateOf<H = unknown>(emulatorUrl: string): Promise<EmulatorState<H>> {
  const res = await fetch(`${emulatorUrl}/_sandbox/state`);
  return (await res.json()) as EmulatorState<H>;
}

export interface BambooState {
  employees: Array<{ id: string; status: string; fields: Record<string, string> }>;
}
export interface GreenhouseState {
  candidates: Array<{
    id: number;
    first_name: string;
    last_name: string;
    title: string | null;
    custom_fields: Record<string, unknown>;
  }>;
}
export interface SlackState {
  messages?: unknown[];
}

export const employees = async (sandbox: Sandbox) =>
  (await stateOf<BambooState>(sandbox.urls.bamboohr)).holds.employees;
export const slackPosts = async (sandbox: Sandbox) =>
  (await stateOf(sandbox.urls.slack)).received.filter((r) => r.method === 'POST');
