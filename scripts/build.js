#!/usr/bin/env node
// Builds dist/: compiles TypeScript to CommonJS, then lays out each node set the way Node-RED
// loads it: <set>.js and <set>.html side by side, with icons/ and locales/ in the same folder
// (Node-RED looks for them only next to the node's .js file).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
// DIST_DIR lets several working copies of a build coexist (e.g. parallel work on one tree).
const dist = path.resolve(root, process.env.DIST_DIR || 'dist');
// HR_LENIENT=1 keeps going after type errors (tsc still emits), for work in progress; CI never sets it.
const lenient = process.env.HR_LENIENT === '1';

function compile() {
  const tsc = require.resolve('typescript/bin/tsc');
  const args = [
    tsc,
    '-p',
    path.join(root, 'tsconfig.json'),
    '--outDir',
    dist,
    '--tsBuildInfoFile',
    path.join(dist, '.tsbuildinfo'),
  ];
  try {
    execFileSync(process.execPath, args, { stdio: 'inherit', cwd: root });
  } catch (err) {
    if (!lenient) throw err;
    console.error('type errors above ignored (HR_LENIENT=1)');
  }
}

/** Node sets live in nodes/<set>/, editor plugins (the sidebar) in plugins/<set>/, laid out alike. */
function sets(kind) {
  const dir = path.join(root, kind);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, `${d.name}.ts`)))
    .map((d) => d.name)
    .sort();
}

function checkManifest(kind, found) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const declared = pkg['node-red'][kind] ?? {};
  const problems = [];
  for (const set of found) {
    const want = `dist/${kind}/${set}/${set}.js`;
    if (declared[set] !== want) problems.push(`package.json node-red.${kind}["${set}"] should be "${want}"`);
  }
  for (const set of Object.keys(declared)) {
    if (!found.includes(set))
      problems.push(`package.json node-red.${kind} lists "${set}" but ${kind}/${set}/${set}.ts does not exist`);
  }
  // Undeclared sets are a warning here (work in progress); the packaging test fails on them.
  if (problems.length) console.warn(`warning:\n${problems.join('\n')}`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${path.relative(root, file)}: ${err.message}`, { cause: err });
  }
}

function deepMerge(into, from) {
  for (const [k, v] of Object.entries(from)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && into[k] && typeof into[k] === 'object')
      deepMerge(into[k], v);
    else into[k] = v;
  }
  return into;
}

function layoutSet(kind, set) {
  const out = path.join(dist, kind, set);
  fs.mkdirSync(out, { recursive: true });
  const html = path.join(root, kind, set, `${set}.html`);
  if (!fs.existsSync(html)) throw new Error(`${kind}/${set}/${set}.html is missing`);
  fs.copyFileSync(html, path.join(out, `${set}.html`));

  fs.cpSync(path.join(root, 'icons'), path.join(out, 'icons'), { recursive: true });

  const localesDir = path.join(root, 'locales');
  for (const lang of fs.readdirSync(localesDir)) {
    const langDir = path.join(localesDir, lang);
    const own = path.join(langDir, `${set}.json`);
    if (!fs.existsSync(own)) continue;
    const common = path.join(langDir, 'common.json');
    // Each node set has its own i18n namespace, so shared strings are merged into every catalogue.
    const catalogue = deepMerge(fs.existsSync(common) ? readJson(common) : {}, readJson(own));
    const target = path.join(out, 'locales', lang);
    fs.mkdirSync(target, { recursive: true });
    fs.writeFileSync(path.join(target, `${set}.json`), JSON.stringify(catalogue, null, 2));
    const help = path.join(langDir, `${set}.html`);
    if (fs.existsSync(help)) fs.copyFileSync(help, path.join(target, `${set}.html`));
  }
}

function main() {
  const found = { nodes: sets('nodes'), plugins: sets('plugins') };
  for (const kind of Object.keys(found)) checkManifest(kind, found[kind]);
  compile();
  for (const kind of Object.keys(found)) {
    for (const set of found[kind]) {
      try {
        layoutSet(kind, set);
      } catch (err) {
        if (!lenient) throw err;
        console.error(`${kind} set ${set} skipped (HR_LENIENT=1): ${err.message}`);
      }
    }
  }
  console.log(
    `built ${found.nodes.length} node set(s): ${found.nodes.join(', ')}; ${found.plugins.length} editor plugin(s)`,
  );
}

try {
  main();
} catch (err) {
  console.error(`build failed: ${err.message}`);
  process.exit(1);
}
