/**
 * Every node set speaks both languages: the same keys in en-US and de (common.json included), every
 * key an editor file asks for present in the catalogue Node-RED gives that set (<set>.json merged with
 * common.json), and a help file in each language.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../support/runtimes';

const LANGS = ['en-US', 'de'] as const;
const localesDir = path.join(projectRoot, 'locales');
const nodesDir = path.join(projectRoot, 'nodes');

const nodeSets = fs
  .readdirSync(nodesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(nodesDir, d.name, `${d.name}.ts`)))
  .map((d) => d.name)
  .sort();

const pluginsDir = path.join(projectRoot, 'plugins');
/** Editor plugins (the HR sync sidebar) have catalogues too; their keys are built in code, so only parity is checked. */
const pluginSets = fs.existsSync(pluginsDir)
  ? fs
      .readdirSync(pluginsDir)
      .filter((d) => fs.existsSync(path.join(pluginsDir, d, `${d}.ts`)))
      .sort()
  : [];

type Catalogue = Record<string, unknown>;

function readCatalogue(lang: string, file: string): Catalogue {
  const full = path.join(localesDir, lang, file);
  return fs.existsSync(full) ? (JSON.parse(fs.readFileSync(full, 'utf8')) as Catalogue) : {};
}

/** Dotted paths of every leaf, as i18next resolves them. */
function leafKeys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

/** As scripts/build.js merges common.json under each set's own catalogue. */
function merged(into: Catalogue, from: Catalogue): Catalogue {
  const out: Catalogue = { ...into };
  for (const [k, v] of Object.entries(from)) {
    const both = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object';
    out[k] = both ? merged(out[k] as Catalogue, v as Catalogue) : v;
  }
  return out;
}

/** A key names a string or a whole object (`this._` with returnObjects); both count as present. */
function has(catalogue: Catalogue, key: string): boolean {
  let at: unknown = catalogue;
  for (const part of key.split('.')) {
    if (at === null || typeof at !== 'object' || !(part in at)) return false;
    at = (at as Record<string, unknown>)[part];
  }
  return true;
}

/**
 * Literal keys an editor file uses: `data-i18n="[attr]key;key"`, and `this._('…')`, `node._('…')`,
 * `RED._('…')` whose whole argument is one string (a key built at run time cannot be checked here).
 * Keys with a namespace (`node-red:common.label.cancel`) belong to Node-RED itself.
 */
export function referencedKeys(html: string): string[] {
  const keys = new Set<string>();
  for (const m of html.matchAll(/data-i18n="([^"]*)"/g)) {
    for (const part of m[1]!.split(';')) keys.add(part.replace(/^\[[^\]]*\]/, '').trim());
  }
  for (const m of html.matchAll(/\b(?:this|node|RED)\._\(\s*(['"])([^'"]+)\1\s*[,)]/g)) keys.add(m[2]!);
  return [...keys].filter((k) => k && !k.includes(':'));
}

/** Differences between two key lists, named for the language that lacks them. */
function missingFrom(a: string[], b: string[]): string[] {
  const inB = new Set(b);
  return a.filter((k) => !inB.has(k));
}

describe('locales', () => {
  test('the node sets are found', () => {
    assert.ok(nodeSets.length >= 10, `found only ${nodeSets.join(', ')}`);
  });

  for (const file of ['common.json', ...[...nodeSets, ...pluginSets].map((set) => `${set}.json`)]) {
    test(`${file} has the same keys in en-US and de`, () => {
      const [en, de] = LANGS.map((lang) => leafKeys(readCatalogue(lang, file)));
      assert.ok(en!.length > 0, `locales/en-US/${file} is missing or empty`);
      assert.deepEqual(
        { missingInDe: missingFrom(en!, de!), missingInEnUS: missingFrom(de!, en!) },
        { missingInDe: [], missingInEnUS: [] },
      );
    });
  }

  for (const set of nodeSets) {
    test(`${set}.html asks only for keys its catalogue has, in both languages`, () => {
      const keys = referencedKeys(fs.readFileSync(path.join(nodesDir, set, `${set}.html`), 'utf8'));
      assert.ok(keys.length > 0, 'the editor file uses i18n keys');
      for (const lang of LANGS) {
        const catalogue = merged(readCatalogue(lang, 'common.json'), readCatalogue(lang, `${set}.json`));
        assert.deepEqual(
          keys.filter((k) => !has(catalogue, k)),
          [],
          `keys missing from locales/${lang}/${set}.json (or common.json)`,
        );
      }
    });

    test(`${set} has a help file in every language`, () => {
      for (const lang of LANGS) {
        const help = path.join(localesDir, lang, `${set}.html`);
        assert.ok(fs.existsSync(help), `locales/${lang}/${set}.html is missing`);
        assert.match(
          fs.readFileSync(help, 'utf8'),
          /data-help-name="hr-/,
          `locales/${lang}/${set}.html has no help script`,
        );
      }
    });
  }

  test('the key scanner sees every form the editor files use', () => {
    const html = `<span data-i18n="[title]a.tip.x;[placeholder]a.label.y"></span> this._('a.b.c') node._("a.d", { n: 1 }) RED._('node-red:common.label.done') this._('a.vendor.' + v)`;
    assert.deepEqual(referencedKeys(html).sort(), ['a.b.c', 'a.d', 'a.label.y', 'a.tip.x']);
  });
});
