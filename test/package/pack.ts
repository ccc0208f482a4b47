import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { projectRoot } from '../support/runtimes';

let packed: { tarball: string; files: string[] } | undefined;

/** Packs the already-built project once per test process (without re-running the build). */
export function packProject(): { tarball: string; files: string[] } {
  if (packed) return packed;
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-pack-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = { tarball: path.join(dest, info.filename), files: info.files.map((f) => f.path) };
  return packed;
}

export function extract(tarball: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-unpacked-'));
  execFileSync('tar', ['xzf', tarball, '-C', dir]);
  return path.join(dir, 'package');
}

export interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  'node-red': { version: string; nodes: Record<string, string>; plugins?: Record<string, string> };
}

export const manifest = (): Manifest =>
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as Manifest;

/** The node types an editor html registers, read the way the Flow Library reads them. */
export function registeredTypes(html: string): Array<{ type: string; category: string }> {
  return [...html.matchAll(/RED\.nodes\.registerType\(\s*'([^']+)'\s*,\s*\{[\s\S]*?category:\s*'([^']+)'/g)].map(
    (m) => ({ type: m[1], category: m[2] }),
  );
}
