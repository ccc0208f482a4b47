import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/** The sources, not the build: this test runs compiled under dist/test/unit/. */
const root = path.resolve(__dirname, '..', '..', '..');
const lib = path.join(root, 'lib');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? sources(full) : d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [full] : [];
  });
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Every module a file names, relative ones resolved to absolute paths. */
function importsOf(file: string): string[] {
  const text = fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  return [...text.matchAll(IMPORT)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .map((spec) => (spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec));
}

/** The area a module of lib/ belongs to: its top folder (`lib/store`), a vendor's folder, or a file at the top. */
function areaOf(target: string): string {
  const parts = path.relative(lib, target).split(path.sep);
  if (parts.length === 1) return `lib/${parts[0].replace(/\.ts$/, '')}`;
  if (parts[0] === 'vendors' && parts.length > 2) return `lib/vendors/${parts[1]}`;
  return `lib/${parts[0]}`;
}

const inside = (dir: string, target: string) => target === dir || target.startsWith(dir + path.sep);

/** A cycle through the area graph, as a list of areas from the first back to it, or null. */
export function findCycle(edges: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (area: string): string[] | null => {
    if (state.get(area) === 'done') return null;
    if (state.get(area) === 'open') return [...trail.slice(trail.indexOf(area)), area];
    state.set(area, 'open');
    trail.push(area);
    for (const next of [...(edges.get(area) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(area, 'done');
    return null;
  };
  for (const area of [...edges.keys()].sort()) {
    const cycle = visit(area);
    if (cycle) return cycle;
  }
  return null;
}

test('the areas of lib/ import each other without a cycle', () => {
  const edges = new Map<string, Set<string>>();
  const because = new Map<string, string>();
  for (const file of sources(lib)) {
    const from = areaOf(file);
    for (const target of importsOf(file)) {
      if (!path.isAbsolute(target) || !inside(lib, target)) continue;
      const to = areaOf(target);
      if (to === from) continue;
      edges.set(from, (edges.get(from) ?? new Set()).add(to));
      because.set(`${from}>${to}`, path.relative(root, file));
    }
  }
  const cycle = findCycle(edges);
  const steps = cycle?.slice(1).map((to, i) => `${cycle[i]} → ${to} (${because.get(`${cycle[i]}>${to}`)})`);
  assert.equal(cycle, null, `folder cycle: ${steps?.join(', ')}`);
});

test('lib/ is the core: it imports neither Node-RED nor nodes/ nor plugins/', () => {
  const offending = sources(lib).flatMap((file) =>
    importsOf(file)
      .filter((target) =>
        path.isAbsolute(target) ? !inside(lib, target) : target === 'node-red' || target.startsWith('@node-red/'),
      )
      .map(
        (target) =>
          `${path.relative(root, file)} imports ${path.isAbsolute(target) ? path.relative(root, target) : target}`,
      ),
  );
  assert.deepEqual(offending, []);
});

test("the editor plugins use only the shared node helpers, never another node's folder", () => {
  const nodes = path.join(root, 'nodes');
  const offending = sources(path.join(root, 'plugins')).flatMap((file) =>
    importsOf(file)
      .filter(
        (target) => path.isAbsolute(target) && inside(nodes, target) && !inside(path.join(nodes, 'common'), target),
      )
      .map((target) => `${path.relative(root, file)} imports ${path.relative(root, target)}`),
  );
  assert.deepEqual(offending, []);
});

test('the cycle finder names a cycle of three areas and passes a chain', () => {
  const graph = (pairs: Array<[string, string]>) =>
    pairs.reduce((m, [a, b]) => m.set(a, (m.get(a) ?? new Set()).add(b)), new Map<string, Set<string>>());
  assert.deepEqual(
    findCycle(
      graph([
        ['lib/a', 'lib/b'],
        ['lib/b', 'lib/c'],
        ['lib/c', 'lib/a'],
      ]),
    ),
    ['lib/a', 'lib/b', 'lib/c', 'lib/a'],
  );
  assert.equal(
    findCycle(
      graph([
        ['lib/a', 'lib/b'],
        ['lib/b', 'lib/c'],
        ['lib/a', 'lib/c'],
      ]),
    ),
    null,
  );
});
