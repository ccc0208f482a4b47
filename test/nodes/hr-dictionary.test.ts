import { test, afterEach, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { MASK } from '../../lib/mask';
import type { NodeAPI } from 'node-red';
import { helper } from '../support/nodeRed';
import dictionaryNode = require('../../nodes/hr-dictionary/hr-dictionary');
import { dictionaryFrom, policyFrom } from '../../nodes/common/dictionaryRef';
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import { HrError } from '../../lib/errors';

let RED: NodeAPI;
const withRed = (red: NodeAPI) => {
  RED = red;
  return dictionaryNode(red);
};
const load = (dictionary: unknown = defaultDictionary) =>
  helper.load(withRed, [{ id: 'd', type: 'hr-dictionary', name: 'HR', dictionary }] as never);

before(() => helper.startServer());
after(() => helper.stopServer());
afterEach(() => helper.unload());

const post = (path: string, body: unknown) =>
  helper
    .request()
    .post(path)
    .send(body as object)
    .expect(200);

test('the default dictionary exported as CSV imports back unchanged', async () => {
  await load();
  const exported = await post('/hr-dictionary/to-csv', { dictionary: defaultDictionary });
  assert.equal(exported.body.ok, true);
  assert.match(exported.body.csv, /^name,label,type,required,/);
  const imported = await post('/hr-dictionary/parse-csv', {
    csv: exported.body.csv,
    version: defaultDictionary.version,
  });
  assert.equal(imported.body.ok, true);
  assert.deepEqual(imported.body.dictionary, defaultDictionary);
});

test('a CSV with a bad row is refused with the line and column of each problem', async () => {
  await load();
  const csv = (await post('/hr-dictionary/to-csv', { dictionary: defaultDictionary })).body.csv as string;
  const lines = csv.split('\n');
  // Line 4 is the third field; its max length becomes text and its type an unknown word.
  lines[3] = lines[3]!.replace(/,string,true,,100,/, ',text,true,,lots,');
  const res = await post('/hr-dictionary/parse-csv', { csv: lines.join('\n'), version: '1' });
  assert.equal(res.body.ok, false);
  assert.equal(res.body.dictionary, undefined, 'nothing is imported');
  assert.equal(res.body.error.code, 'dictionary.csv_invalid');
  assert.deepEqual(res.body.error.problems, [
    { line: 4, column: 'maxLength', message: '"lots" is not a whole number' },
  ]);
  assert.match(res.body.error.message, /line 4, column "maxLength"/);

  lines[3] = lines[3]!.replace(',lots,', ',100,');
  const second = await post('/hr-dictionary/parse-csv', { csv: lines.join('\n'), version: '1' });
  assert.equal(second.body.ok, false);
  assert.deepEqual(
    second.body.error.problems.map((p: { line: number; column: string }) => [p.line, p.column]),
    [[4, 'type']],
  );
});

test('a dictionary JSON import names the field at fault', async () => {
  await load();
  const broken = { version: '1', fields: [{ ...defaultDictionary.fields[0], sensitivity: 'top-secret' }] };
  const res = await post('/hr-dictionary/parse-json', { json: JSON.stringify(broken) });
  assert.equal(res.body.ok, false);
  assert.equal(res.body.error.code, 'dictionary.invalid');
  assert.match(res.body.error.problems[0], /^fields\[0\] \(person\.legalName\.first\)\.sensitivity: /);
  const good = await post('/hr-dictionary/parse-json', { json: defaultDictionary });
  assert.deepEqual(good.body.dictionary, defaultDictionary);
});

test('the editor loads the default hire-to-HRIS dictionary from the runtime', async () => {
  await load();
  const res = await helper.request().get('/hr-dictionary/default').expect(200);
  assert.deepEqual(res.body.dictionary, defaultDictionary);
});

test('consumers get the deployed dictionary, or the default one when none is selected', async () => {
  const own = { version: '9', fields: [defaultDictionary.fields[0]] };
  await load(own);
  assert.deepEqual(dictionaryFrom(RED, 'd'), own);
  assert.equal(dictionaryFrom(RED, ''), defaultDictionary);
  assert.throws(
    () => dictionaryFrom(RED, 'gone'),
    (err: unknown) => err instanceof HrError && err.code === 'dictionary.not_configured',
  );
});

test('an invalid dictionary reaches consumers as dictionary.invalid naming the field', async () => {
  await load({ version: '1', fields: [{ ...defaultDictionary.fields[0], name: 'person..first' }] });
  assert.throws(
    () => dictionaryFrom(RED, 'd'),
    (err: unknown) =>
      err instanceof HrError &&
      err.code === 'dictionary.invalid' &&
      /fields\[0\] \(person\.\.first\)\.name/.test(err.message),
  );
});

test("a consumer node gets the secret policy of its dictionary: a hire's and a stored person's secret fields are masked", () => {
  const policy = policyFrom(RED, undefined);
  const masked = policy.mask({
    person: { dateOfBirth: '1990-01-01', nationalId: { value: '123456789' } },
    dateOfBirth: '1990-01-01',
  });
  assert.deepEqual(masked, { person: { dateOfBirth: MASK, nationalId: MASK }, dateOfBirth: MASK });
});
