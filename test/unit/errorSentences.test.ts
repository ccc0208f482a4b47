/**
 * No error code reaches a person without a sentence that says what to do: every code the package's
 * sources raise (HrError, toHrError fallbacks, problem and result codes) has a sentence in both
 * languages, and explainError puts it before the code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { errorSentenceKey, explainError, HrError } from '../../lib/errors';
import { projectRoot } from '../support/runtimes';

/** Where a code is written in the sources: thrown, used as a fallback, or carried in a result or problem. */
const CODE_SITES = [
  /HrError\(\s*'([a-z_]+\.[a-z_.]+)'/g,
  /toHrError\([^,()]+,\s*'([a-z_]+\.[a-z_.]+)'\)/g,
  /[Cc]ode:\s*'([a-z_]+\.[a-z_]+)'/g,
  /[Cc]ode\s*=\s*'([a-z_]+\.[a-z_]+)'/g,
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(full) : d.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Codes of the same areas that name what happened rather than what failed: audit entries and outcomes
 * a person reads in the sidebar's history, never as an error.
 */
const NOT_ERRORS = new Set([
  'dedupe.created',
  'dedupe.dropped_forgotten',
  'dedupe.merged',
  'dedupe.review_opened',
  'forget.finished',
  'forget.plan',
  'forget.requested',
  'forget.step',
  'survivorship.changed',
  'survivorship.conflict',
  'survivorship.dropped_forgotten',
  'survivorship.echo_ignored',
  'survivorship.kept_more_recent',
]);

const files = ['lib', 'nodes']
  .flatMap((d) => sourceFiles(path.join(projectRoot, d)))
  .map((file) => ({ file: path.relative(projectRoot, file), text: fs.readFileSync(file, 'utf8') }));
const codes = new Map<string, string>();
for (const { file, text } of files)
  for (const site of CODE_SITES) for (const m of text.matchAll(site)) if (!codes.has(m[1]!)) codes.set(m[1]!, file);
// A code is also compared against, classified into or carried in a union type (`'http.auth'`): any
// quoted `area.name` of an area the sites above raise counts.
const areas = new Set([...codes.keys()].map((c) => c.split('.')[0]));
for (const { file, text } of files) {
  for (const m of text.matchAll(/'([a-z_]+)\.([a-z_]+)'/g)) {
    const code = `${m[1]}.${m[2]}`;
    if (areas.has(m[1]!) && !NOT_ERRORS.has(code) && !codes.has(code)) codes.set(code, file);
  }
}

const sentences = (lang: string) => {
  const common = JSON.parse(fs.readFileSync(path.join(projectRoot, 'locales', lang, 'common.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return (code: string): unknown =>
    errorSentenceKey(code)
      .split('.')
      .reduce<unknown>(
        (at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined),
        common,
      );
};

test("the scan finds the package's codes (a broken pattern would pass every code below vacuously)", () => {
  assert.ok(codes.size > 100, `only ${codes.size} codes found`);
  for (const known of [
    'mapper.value_not_in_list',
    'hris.connection_invalid',
    'store.unavailable',
    'mapper.catalogue_invalid',
    'http.auth',
    'hris.duplicate',
  ])
    assert.ok(codes.has(known), known);
});

for (const lang of ['en-US', 'de']) {
  test(`every error code has a sentence in ${lang} that says what to do, not the code alone`, () => {
    const sentenceOf = sentences(lang);
    const missing = [...codes]
      .filter(([code]) => typeof sentenceOf(code) !== 'string')
      .map(([code, file]) => `${code} (${file})`);
    assert.deepEqual(missing, [], 'add these to common.errorCodes in locales/' + lang + '/common.json');
    for (const [code] of codes) {
      const sentence = sentenceOf(code) as string;
      // Two sentences at least: what happened, then what to do.
      assert.match(
        sentence,
        /^\S.*[.!:]\s+\S.*[.)]$/,
        `${code}: "${sentence}" should say what happened and then what to do`,
      );
      assert.ok(!sentence.includes(code), `${code}: the sentence repeats the code; explainError adds it`);
    }
  });
}

test('en-US and de describe the same codes, so neither language falls back to the message alone', () => {
  const en = sentences('en-US');
  const de = sentences('de');
  const all = JSON.parse(fs.readFileSync(path.join(projectRoot, 'locales', 'en-US', 'common.json'), 'utf8')).common
    .errorCodes as Record<string, Record<string, string>>;
  for (const [area, names] of Object.entries(all))
    for (const name of Object.keys(names)) {
      assert.equal(typeof de(`${area}.${name}`), 'string', `${area}.${name} has no German sentence`);
      assert.notEqual(de(`${area}.${name}`), en(`${area}.${name}`), `${area}.${name} is not translated`);
    }
});

test('explainError puts the sentence first and keeps the code for support; a code without a sentence gets a general one', () => {
  const en = sentences('en-US');
  const translate = (key: string) => {
    const said = en(key.replace(/^common\.errorCodes\./, ''));
    return typeof said === 'string' ? said : key;
  };
  assert.equal(
    explainError(
      translate,
      new HrError('mapper.value_not_in_list', '"Berlin" is not one of the values of the list "Location".'),
    ),
    'The value is not one of the options of this list field. Add it in the HRIS or change the mapping. (mapper.value_not_in_list)',
  );
  const unheard = explainError(
    translate,
    new HrError('vendor.unheard_of', 'Ada Lovelace <ada@example.com> was refused.'),
  );
  assert.match(unheard, /^This step failed\. .+ \(vendor\.unheard_of\)$/, 'a code without a sentence still gets one');
  assert.ok(!unheard.includes('ada@example.com'), 'and never the message, which may hold personal data');
});
