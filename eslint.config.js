// ESLint over the TypeScript sources, the build scripts and the editor scripts inside the nodes'
// .html files (Node-RED loads those into the browser as they are, so they stay ES5 with the
// editor's globals). Formatting is Prettier's (.prettierrc.json); nothing here fights it.
'use strict';
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const html = require('eslint-plugin-html');
const globals = require('globals');

module.exports = tseslint.config(
  {
    ignores: [
      'dist/',
      '.dist-*/',
      '.runtimes/',
      '.userdir/',
      'node_modules/',
      'test/fixtures/',
      'test/package/fixtures/',
      'locales/',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // `import x = require(...)` is how TypeScript imports a module that says `export =` (the nodes do).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true, allow: ['/package\\.json$'] }],
      // Node-RED's node constructors name their `this` once, as its own nodes do.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['node'] }],
      eqeqeq: ['error', 'smart'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The test, bench and sandbox command lines report on the console.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'sandbox/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests read the vendors' and emulators' JSON answers as they come and assert their shape.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // A command-line tool: its output is the console.
    files: ['lib/store/migrateCli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['scripts/**/*.js', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { eqeqeq: ['error', 'smart'] },
  },
  {
    files: ['nodes/**/*.html', 'plugins/**/*.html', 'resources/**/*.js'],
    plugins: { html },
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 5,
      sourceType: 'script',
      globals: {
        ...globals.browser,
        RED: 'readonly',
        $: 'readonly',
        jQuery: 'readonly',
        // resources/connection-test.js, loaded by the dialogs that share it
        HrAtsHris: 'readonly',
        Uint8Array: 'readonly',
      },
    },
    rules: { eqeqeq: ['error', 'smart'], 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
);
