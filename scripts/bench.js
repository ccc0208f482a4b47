#!/usr/bin/env node
// `npm run bench [-- full] [-- <name> ...] [-- key=value ...]`: builds, then runs every bench script of
// the build (dist/bench/*.js) one after another, each printing its report. Small sizes by default, so a
// run takes minutes; `full` runs the sizes BENCHMARKS.md reports. A name (e.g. `pipeline`) runs only
// the benches whose file name contains it; `key=value` sets a size of the benches that read it
// (passed on as BENCH_<KEY>, e.g. storeSize=100000 → BENCH_STORE_SIZE).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const dist = path.resolve(root, process.env.DIST_DIR || 'dist');
const args = process.argv.slice(2);
const full = args.includes('full') || process.env.BENCH_PROFILE === 'full';
const names = args.filter((a) => a !== 'full' && !a.includes('='));
const sizes = Object.fromEntries(
  args
    .filter((a) => a.includes('='))
    .map((a) => {
      const [key, value] = a.split('=');
      return [`BENCH_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`, value];
    }),
);

// Benches that take positional sizes rather than BENCH_* variables: what "small" and "full" mean for them.
const POSITIONAL = {
  'dedupe-lookup.js': { small: ['10000'], full: ['10000', '100000', '1000000'] },
  'writer-rate.js': { small: ['20', '100'], full: ['20', '300'] },
  'mapper.js': { small: ['1'], full: ['2'] },
  'match-quality.js': { small: [], full: [] },
};

const build = spawnSync(process.execPath, [path.join(__dirname, 'build.js')], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

const benchDir = path.join(dist, 'bench');
const scripts = (fs.existsSync(benchDir) ? fs.readdirSync(benchDir) : [])
  .filter((f) => f.endsWith('.js'))
  // A compiled bench whose source was deleted must not run stale.
  .filter((f) => fs.existsSync(path.join(root, 'bench', f.replace(/\.js$/, '.ts'))))
  .filter((f) => names.length === 0 || names.some((n) => f.includes(n)))
  .sort();
if (scripts.length === 0) {
  console.error(`no bench matches ${names.join(' ') || '(all)'}`);
  process.exit(1);
}

const outcomes = [];
for (const script of scripts) {
  const positional = POSITIONAL[script]?.[full ? 'full' : 'small'] ?? (full ? ['full'] : []);
  console.log(`\n### ${script} ${positional.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(benchDir, script), ...positional], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, ...sizes, BENCH_PROFILE: full ? 'full' : 'small' },
  });
  outcomes.push({ script, status: run.status ?? 1, seconds: (Date.now() - started) / 1000 });
}

// A bench is a report, not a test: several exit 1 when a target is missed, which is a finding to read
// in its report, so the run itself only fails when it could not run them.
console.log('\n### summary (exit 1: a target missed or the bench failed; its report says which)');
for (const o of outcomes) console.log(`exit ${o.status}  ${o.script} (${o.seconds.toFixed(0)} s)`);
