import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictionaryFromJson, dictionaryToJson } from '../../../lib/dictionary/jsonDictionary';
import { defaultDictionary } from '../../../lib/dictionary/defaultDictionary';
import { HrError } from '../../../lib/errors';

test('the default dictionary exported to JSON and imported again is the same dictionary', () => {
  assert.deepEqual(dictionaryFromJson(dictionaryToJson(defaultDictionary)), defaultDictionary);
});

test('an invalid field is named by its position and name', () => {
  const broken = structuredClone(defaultDictionary) as unknown as { fields: Record<string, unknown>[] };
  broken.fields[2] = { ...broken.fields[2], maxLength: 'abc', sensitivity: 'top secret' };
  assert.throws(
    () => dictionaryFromJson(broken),
    (err: unknown) =>
      err instanceof HrError &&
      err.code === 'dictionary.invalid' &&
      err.message.includes('fields[2] (person.legalName.last).maxLength: ') &&
      err.message.includes('fields[2] (person.legalName.last).sensitivity: '),
  );
});

test('text that is not JSON is refused with the parser message', () => {
  assert.throws(
    () => dictionaryFromJson('{"version": "1", fields: []}'),
    (err: unknown) => err instanceof HrError && err.code === 'dictionary.json_invalid',
  );
});

test('a field with both allowed values and a translation table is refused', () => {
  const field = { ...defaultDictionary.fields[0], allowedValues: ['a'], translation: { a: 'b' } };
  assert.throws(
    () => dictionaryFromJson({ version: '1', fields: [field] }),
    (err: unknown) => err instanceof HrError && /either allowed values or a translation table/.test(err.message),
  );
});
