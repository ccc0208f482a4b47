/**
 * The Flow Library scorecard (`node-red-dev validate`, as flows.nodered.org runs it) on the packed
 * tarball. The catalogue site is unreachable here, so its request is answered from a local file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { extract, packProject, manifest, registeredTypes } from './pack';
import { projectRoot } from '../support/runtimes';

type Card = Record<string, { test?: boolean; packages?: string[] }>;

/** Rows the Flow Library shows as failures (red), per node-red/flow-library routes/nodes.js. */
const failureRows = ['P01', 'P04', 'P05', 'D02'];
/**
 * Warnings we accept, each with its reason. better-sqlite3 13 requires Node.js 22 and crashes on
 * Node.js 20, the package's main line, so it stays on 12.
 */
const acceptedWarnings: Record<string, string[]> = { D03: ['better-sqlite3'] };

function scorecard(): Card {
  const dir = extract(packProject().tarball);
  const out = path.join(path.dirname(dir), 'scorecard.json');
  const cli = path.join(path.dirname(require.resolve('node-red-dev/package.json')), 'bin', 'run');
  execFileSync(process.execPath, [cli, 'validate', '-p', dir, '-o', out, '-e', 'true'], {
    env: {
      ...process.env,
      NODE_OPTIONS: `--require ${path.join(__dirname, 'offlineCatalogue.js')}`,
      HR_OFFLINE_CATALOGUE: path.join(projectRoot, 'test', 'package', 'fixtures', 'catalogue.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
  });
  return JSON.parse(fs.readFileSync(out, 'utf8')) as Card;
}

test('the Flow Library scorecard has no failure and only the warnings we explain', () => {
  const card = scorecard();
  for (const row of failureRows) assert.equal(card[row]?.test, true, `${row} fails: ${JSON.stringify(card[row])}`);
  for (const [row, result] of Object.entries(card)) {
    if (row === 'package' || result.test !== false) continue;
    assert.deepEqual(
      result.packages ?? [],
      acceptedWarnings[row],
      `unexplained scorecard warning ${row}: ${JSON.stringify(result)}`,
    );
  }
  assert.equal(card.N02?.test, true, 'every node type appears in an example');
});

test('every node type carries the package prefix so it cannot collide with another module', () => {
  const pkg = manifest();
  for (const set of Object.keys(pkg['node-red'].nodes)) {
    const html = fs.readFileSync(path.join(projectRoot, 'nodes', set, `${set}.html`), 'utf8');
    for (const { type } of registeredTypes(html)) assert.match(type, /^hr-/);
  }
});
