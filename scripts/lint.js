#!/usr/bin/env node
// `npm run lint`: ESLint (eslint.config.js) over the sources and the editor scripts, then Prettier's
// check (.prettierrc.json). `npm run lint -- --fix` formats and applies ESLint's fixes instead.
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const fix = process.argv.includes('--fix');

function run(pkg, bin, args) {
  const main = path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [root] })), bin);
  return spawnSync(process.execPath, [main, ...args], { stdio: 'inherit', cwd: root }).status ?? 1;
}

const cache = ['--cache', '--cache-location', path.join('node_modules', '.cache', 'eslint') + path.sep];
const prettier = run('prettier', 'bin/prettier.cjs', [fix ? '--write' : '--check', '--log-level', 'warn', '.']);
const eslint = run('eslint', 'bin/eslint.js', [...cache, ...(fix ? ['--fix'] : []), '.']);
if (prettier !== 0 || eslint !== 0) {
  if (prettier !== 0 && !fix) console.error('Formatting differs: `npm run format` rewrites the files above.');
  process.exit(1);
}
