/**
 * Starts a real Node-RED process (not the test helper), as a user would run it: its own user
 * directory, settings file, loopback port. Used by packaging, end-to-end and editor tests.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Runtime } from './runtimes';

export interface RunningNodeRed {
  url: string;
  port: number;
  userDir: string;
  /** The Node-RED process, for tests that signal it (e.g. SIGSTOP to freeze one instance of several). */
  pid: number;
  /** Everything Node-RED printed so far. */
  log(): string;
  get(pathname: string, accept?: string): Promise<{ status: number; body: string; contentType: string }>;
  getJson<T = unknown>(pathname: string): Promise<T>;
  stop(): Promise<void>;
  /** Kills the process without letting it shut down cleanly (a crash). */
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function makeUserDir(prefix = 'hr-nodered-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface StartOptions {
  runtime: Runtime;
  userDir: string;
  /** Extra settings merged into settings.js (JSON-serialisable). */
  settings?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  readyLimitMs?: number;
}

export async function startNodeRed(options: StartOptions): Promise<RunningNodeRed> {
  const port = await freePort();
  const settings = {
    uiHost: '127.0.0.1',
    uiPort: port,
    flowFile: 'flows.json',
    credentialSecret: 'a-test-only-secret',
    logging: { console: { level: 'info', metrics: false, audit: false } },
    diagnostics: { enabled: false, ui: false },
    telemetry: { enabled: false, updateNotification: false },
    editorTheme: { tours: false, projects: { enabled: false } },
    ...options.settings,
  };
  fs.writeFileSync(
    path.join(options.userDir, 'settings.js'),
    `module.exports = ${JSON.stringify(settings, null, 2)};\n`,
  );

  let output = '';
  const child: ChildProcess = spawn(
    options.runtime.node,
    [path.join(options.runtime.nodeRedDir, 'red.js'), '--userDir', options.userDir],
    { cwd: options.userDir, env: { ...options.runtime.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const get: RunningNodeRed['get'] = async (pathname, accept = 'application/json') => {
    const res = await fetch(url + pathname, { headers: { accept } });
    return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
  };

  const limit = options.readyLimitMs ?? 60_000;
  const deadline = Date.now() + limit;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (
    !/Started flows|Server now running/.test(output) ||
    !(await get('/settings').then(
      (r) => r.status === 200,
      () => false,
    ))
  ) {
    if (exitCode !== undefined)
      throw new Error(`Node-RED exited with code ${exitCode} before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Node-RED was not ready within ${limit} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const stopWith = async (signal: NodeJS.Signals) => {
    if (exitCode !== undefined) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };

  return {
    url,
    port,
    userDir: options.userDir,
    pid: child.pid!,
    log: () => output,
    get,
    async getJson<T>(pathname: string) {
      const res = await get(pathname);
      if (res.status !== 200) throw new Error(`GET ${pathname} answered ${res.status}: ${res.body.slice(0, 500)}`);
      return JSON.parse(res.body) as T;
    },
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
}

/** A user directory in which this working tree is installed as a module (as `npm install <folder>` does). */
export function userDirWithThisPackage(projectRoot: string): string {
  const userDir = makeUserDir();
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { name: string };
  fs.mkdirSync(path.join(userDir, 'node_modules'), { recursive: true });
  fs.symlinkSync(projectRoot, path.join(userDir, 'node_modules', pkg.name), 'dir');
  return userDir;
}

/**
 * This package as Node-RED loads it, from the build a test was compiled into. For dist/ that is the
 * project itself; a DIST_DIR build gets a small copy of the manifest listing every node set and
 * plugin the build laid out, with `dist`, `examples` and `resources` linked in.
 */
export function packageOfBuild(projectRoot: string, build: string): { dir: string; remove: () => void } {
  if (path.resolve(build) === path.join(projectRoot, 'dist')) return { dir: projectRoot, remove: () => undefined };
  const dir = makeUserDir('hr-package-');
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    name: string;
    'node-red': Record<string, unknown>;
  };
  const laidOut = (kind: string) => {
    const root = path.join(build, kind);
    const sets = fs.existsSync(root)
      ? fs
          .readdirSync(root)
          .filter((s) => fs.existsSync(path.join(root, s, `${s}.js`)) && fs.existsSync(path.join(root, s, `${s}.html`)))
      : [];
    return Object.fromEntries(sets.sort().map((s) => [s, `dist/${kind}/${s}/${s}.js`]));
  };
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        ...pkg,
        version: '0.0.0-test',
        'node-red': { ...pkg['node-red'], nodes: laidOut('nodes'), plugins: laidOut('plugins') },
      },
      null,
      2,
    ),
  );
  fs.symlinkSync(path.resolve(build), path.join(dir, 'dist'), 'dir');
  for (const shared of ['examples', 'resources'])
    fs.symlinkSync(path.join(projectRoot, shared), path.join(dir, shared), 'dir');
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
