/**
 * `__proto__`, `constructor` and `prototype` are refused wherever a user names a field, with an error
 * naming the field, so no dictionary, mapping or CSV can reach the prototype every object shares.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDictionary } from '../../../lib/dictionary/defaultDictionary';
import { dictionaryFromCsv, dictionaryToCsv } from '../../../lib/dictionary/csvDictionary';
import { dictionaryFromJson } from '../../../lib/dictionary/jsonDictionary';
import { HrError } from '../../../lib/errors';
import { compileTable } from '../../../lib/mapping/compileTable';
import { tableFromCsv } from '../../../lib/mapping/tableCsv';
import { setAt } from '../../../lib/survive/fields';

afterEach(() => {
  assert.equal(({} as Record<string, unknown>).x, undefined, 'Object.prototype was polluted');
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
});

const withField = (name: string) => ({
  version: '1',
  fields: [...defaultDictionary.fields, { ...defaultDictionary.fields[0], name }],
});

test('a dictionary field name reaching the prototype is refused, naming the field', () => {
  for (const name of ['person.__proto__.x', 'constructor.prototype.x', 'person.emails[].__proto__']) {
    assert.throws(
      () => dictionaryFromJson(withField(name)),
      (err: unknown) =>
        err instanceof HrError &&
        err.code === 'dictionary.invalid' &&
        err.message.includes(name) &&
        /prototype/.test(err.message),
      name,
    );
  }
});

test('the same field name in an imported CSV dictionary is refused on its line', () => {
  const csv = dictionaryToCsv({ version: '1', fields: [defaultDictionary.fields[0]] }).replace(
    'person.legalName.first',
    'person.__proto__.x',
  );
  assert.throws(
    () => dictionaryFromCsv(csv, { version: '1' }),
    (err: unknown) =>
      err instanceof HrError && /person\.__proto__\.x/.test(err.message) && /prototype/.test(err.message),
  );
});

test('survivorship never writes through a forbidden key', () => {
  assert.throws(
    () => setAt({}, 'person.__proto__.x', 'v'),
    (err: unknown) =>
      err instanceof HrError && err.code === 'survive.field_forbidden' && err.message.includes('person.__proto__.x'),
  );
  assert.throws(() => setAt({}, 'constructor.prototype.polluted', 'v'), /constructor/);
});

test('a mapping table target reaching the prototype is refused, in the table and in its CSV', () => {
  assert.throws(
    () => compileTable([{ target: '__proto__.polluted', from: 'constant', source: 'yes' }]),
    (err: unknown) => err instanceof HrError && /__proto__/.test(JSON.stringify(err.details)),
  );
  assert.throws(
    () => tableFromCsv('target,from,source\nwork.constructor.prototype.x,constant,yes\n'),
    (err: unknown) =>
      err instanceof HrError &&
      err.code === 'mapper.csv_invalid' &&
      err.message.includes('work.constructor.prototype.x') &&
      /line 2/.test(err.message),
  );
});
