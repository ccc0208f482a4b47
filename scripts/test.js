#!/usr/bin/env node
// `npm test [-- <path filter> ...]`: lints, builds, then runs every compiled test under node:test.
// With filters, only test files whose source path contains one of them run, e.g.
// `npm test -- test/unit/match` or `npm test -- hr-mapper`.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const filters = process.argv.slice(2);

// The whole run starts with lint and format (scripts/lint.js); a run of chosen files skips them.
if (filters.length === 0) {
  const lint = spawnSync(process.execPath, [path.join(__dirname, 'lint.js')], { stdio: 'inherit', cwd: root });
  if (lint.status !== 0) process.exit(lint.status ?? 1);
}

const build = spawnSync(process.execPath, [path.join(__dirname, 'build.js')], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? walk(full) : d.name.endsWith('.test.js') ? [full] : [];
  });
}

const compiled = path.join(path.resolve(root, process.env.DIST_DIR || 'dist'), 'test');
const files = walk(compiled)
  .filter((f) => {
    const source = path.join('test', path.relative(compiled, f)).replace(/\.js$/, '.ts');
    // A compiled test whose source was deleted must not run stale.
    if (!fs.existsSync(path.join(root, source))) return false;
    return filters.length === 0 || filters.some((x) => source.includes(x.replace(/\.ts$/, '')));
  })
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ') || '(all)'}`);
  process.exit(1);
}

const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
