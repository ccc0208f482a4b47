/**
 * What a user gets from the palette manager: the packed tarball installed into a fresh Node-RED user
 * directory with the installer's own npm flags, started as a real process, and checked through the
 * admin API the editor uses, on Node-RED 4.1 (Node.js 20) and Node-RED 5 (Node.js 22).
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { nodeRed4, nodeRed5, npm, projectRoot, type Runtime } from '../support/runtimes';
import { makeUserDir, startNodeRed, type RunningNodeRed } from '../support/realNodeRed';
import { manifest, packProject, registeredTypes } from './pack';

const pkg = manifest();
const sets = Object.keys(pkg['node-red'].nodes);
const plugins = Object.keys(pkg['node-red'].plugins ?? {});
const languages = fs.readdirSync(path.join(projectRoot, 'locales'));
const exampleNames = fs
  .readdirSync(path.join(projectRoot, 'examples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

function typesOf(set: string) {
  return registeredTypes(fs.readFileSync(path.join(projectRoot, 'nodes', set, `${set}.html`), 'utf8'));
}

function iconsOf(set: string): string[] {
  const html = fs.readFileSync(path.join(projectRoot, 'nodes', set, `${set}.html`), 'utf8');
  return [...html.matchAll(/icon:\s*'([^']+)'/g)].map((m) => m[1]);
}

describe('the package layout', () => {
  test('package.json declares one node set for every node folder, and nothing else', () => {
    const folders = fs
      .readdirSync(path.join(projectRoot, 'nodes'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(projectRoot, 'nodes', d.name, `${d.name}.ts`)))
      .map((d) => d.name)
      .sort();
    assert.deepEqual([...sets].sort(), folders);
    for (const set of sets) assert.equal(pkg['node-red'].nodes[set], `dist/nodes/${set}/${set}.js`);
    const pluginDir = path.join(projectRoot, 'plugins');
    const pluginFolders = fs.existsSync(pluginDir)
      ? fs
          .readdirSync(pluginDir)
          .filter((d) => fs.existsSync(path.join(pluginDir, d, `${d}.ts`)))
          .sort()
      : [];
    assert.deepEqual([...plugins].sort(), pluginFolders);
    for (const plugin of plugins)
      assert.equal(pkg['node-red'].plugins?.[plugin], `dist/plugins/${plugin}/${plugin}.js`);
  });

  test('the tarball holds the compiled nodes, their editor files, icons, locales, examples and the built-in sandbox, and no sources or tests', () => {
    const { files } = packProject();
    for (const set of sets) {
      for (const file of [`${set}.js`, `${set}.html`, ...iconsOf(set).map((i) => `icons/${i}`)]) {
        assert.ok(files.includes(`dist/nodes/${set}/${file}`), `missing dist/nodes/${set}/${file}`);
      }
      for (const lang of languages)
        assert.ok(
          files.includes(`dist/nodes/${set}/locales/${lang}/${set}.json`),
          `missing ${lang} catalogue of ${set}`,
        );
    }
    for (const plugin of plugins) {
      for (const file of [`${plugin}.js`, `${plugin}.html`, ...languages.map((l) => `locales/${l}/${plugin}.json`)]) {
        assert.ok(files.includes(`dist/plugins/${plugin}/${file}`), `missing dist/plugins/${plugin}/${file}`);
      }
    }
    for (const name of exampleNames) assert.ok(files.includes(`examples/${name}.json`), `missing example ${name}`);
    assert.ok(files.includes('README.md') && files.includes('LICENSE'));
    // The emulators are served by Node-RED itself for an imported example (the built-in sandbox).
    assert.ok(
      files.includes('dist/sandbox/inRuntime.js') && files.includes('dist/sandbox/greenhouse.js'),
      'the built-in sandbox is missing',
    );
    const strays = files.filter(
      (f) =>
        /^(test|sandbox|bench|scripts|dist\/test|dist\/bench)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')),
    );
    assert.deepEqual(strays, []);
  });

  test('no build tool, type package or Node-RED itself is a runtime dependency, and there are at most six', () => {
    const deps = Object.keys(pkg.dependencies ?? {});
    assert.deepEqual(
      deps.filter((d) => d === 'node-red' || d === 'typescript' || d.startsWith('@types/')),
      [],
    );
    assert.ok(deps.length <= 6, `runtime dependencies: ${deps.join(', ')}`);
  });
});

function installLikeThePaletteManager(runtime: Runtime, tarball: string): string {
  const userDir = makeUserDir();
  fs.writeFileSync(
    path.join(userDir, 'package.json'),
    JSON.stringify({ name: 'node-red-project', description: 'A Node-RED Project', version: '0.0.1', private: true }),
  );
  // The flags @node-red/registry's installer passes (lib/installer.js).
  npm(
    runtime,
    [
      'install',
      '--no-audit',
      '--no-update-notifier',
      '--no-fund',
      '--save',
      '--save-prefix=~',
      '--omit=dev',
      '--engine-strict',
      '--',
      tarball,
    ],
    userDir,
  );
  return userDir;
}

for (const [line, makeRuntime] of [
  ['4.1', nodeRed4],
  ['5', nodeRed5],
] as const) {
  describe(`installed from the tarball into Node-RED ${line}`, () => {
    let red: RunningNodeRed;
    let runtime: Runtime;

    before(async () => {
      runtime = makeRuntime();
      const userDir = installLikeThePaletteManager(runtime, packProject().tarball);
      // As examples/ENVIRONMENT.md asks of a user: the store's encryption key comes from the environment.
      red = await startNodeRed({ runtime, userDir, env: { HR_STORE_KEY: 'a1'.repeat(32) } });
    });
    after(async () => {
      await red?.stop();
    });

    test('every node type of every set is registered and loaded without error', async () => {
      const nodes =
        await red.getJson<Array<{ id: string; module: string; types: string[]; enabled: boolean; err?: string }>>(
          '/nodes',
        );
      for (const set of sets) {
        const entry = nodes.find((n) => n.id === `${pkg.name}/${set}`);
        assert.ok(entry, `${runtime.label}: node set ${set} is not listed`);
        assert.equal(entry.err, undefined, `${set}: ${entry.err}`);
        assert.equal(entry.enabled, true);
        assert.deepEqual(
          [...entry.types].sort(),
          typesOf(set)
            .map((t) => t.type)
            .sort(),
        );
      }
    });

    test('the editor plugins are registered with their message catalogues', async () => {
      const listed = await red.getJson<Array<{ id: string; plugins: Array<{ id: string }> }>>('/plugins');
      const ids = listed.flatMap((set) => set.plugins.map((p) => p.id));
      for (const plugin of plugins)
        assert.ok(ids.includes(plugin), `${plugin} is not registered: ${JSON.stringify(ids)}`);
      const html = (await red.get('/plugins', 'text/html')).body;
      for (const plugin of plugins) assert.match(html, new RegExp(`registerPlugin\\(\\s*['"]${plugin}['"]`));
      for (const lang of languages) {
        const catalogues = await red.getJson<Record<string, Record<string, unknown>>>(`/plugins/messages?lng=${lang}`);
        for (const plugin of plugins)
          assert.ok(catalogues[`${pkg.name}/${plugin}`], `${plugin} has no ${lang} catalogue`);
      }
    });

    test('each node has its own icon served, not the default one', async () => {
      const icons = await red.getJson<Record<string, string[]>>('/icons');
      for (const set of sets) {
        for (const icon of iconsOf(set)) {
          assert.ok(icons[pkg.name]?.includes(icon), `${icon} is not listed for the module`);
          const res = await red.get(`/icons/${pkg.name}/${icon}`, '*/*');
          assert.equal(res.status, 200);
          assert.match(res.contentType, /svg/);
        }
      }
    });

    test('each node set has its message catalogue in every language, and its help', async () => {
      for (const set of sets) {
        for (const lang of languages) {
          const catalogue = await red.getJson<Record<string, Record<string, unknown>>>(
            `/locales/${pkg.name}/${set}?lng=${lang}`,
          );
          assert.ok(catalogue[set] && Object.keys(catalogue[set]).length > 0, `${set} has no ${lang} catalogue`);
          assert.ok(catalogue.common, `${set} ${lang} catalogue lacks the shared strings`);
        }
      }
      const html = (await red.get('/nodes', 'text/html')).body;
      for (const set of sets) {
        for (const { type } of typesOf(set)) {
          assert.match(html, new RegExp(`data-template-name="${type}"`));
          assert.match(html, new RegExp(`data-help-name="${type}"`));
        }
      }
    });

    test('every shipped example is listed under Import ▸ Examples and deploys with no unknown node', async () => {
      const listing = await red.getJson<Array<{ fn?: string } | string>>(`/library/examples/flows/${pkg.name}`);
      const listed = listing.flatMap((entry) => (typeof entry === 'object' && entry.fn ? [entry.fn] : []));
      assert.deepEqual(listed.sort(), [...exampleNames].sort());
      for (const name of exampleNames) {
        const flow = await red.getJson<Array<{ type: string }>>(
          `/library/examples/flows/${pkg.name}/${encodeURIComponent(name)}`,
        );
        const res = await fetch(`${red.url}/flows`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'full' },
          body: JSON.stringify(flow),
        });
        assert.ok(
          res.status === 200 || res.status === 204,
          `${name} did not deploy: ${res.status} ${await res.text()}`,
        );
        const state = await red.getJson<Array<{ type: string }>>('/flows');
        assert.equal(state.length, flow.length);
      }
      assert.doesNotMatch(red.log(), /Waiting for missing types|\[error\]/, red.log());
    });
  });
}
