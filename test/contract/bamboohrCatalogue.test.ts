/** BambooHR's published metadata examples (test/fixtures/vendors/bamboohr/meta-*.json) read as the mapper's field catalogue. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HttpRequest, HttpResponse } from '../../lib/http';
import { bambooHrCatalogue } from '../../lib/vendors/bamboohr/catalogue';
import { checkAgainstCatalogue } from '../../lib/mapping/fieldCatalogue';
import { vendorJson } from '../support/vendorFixtures';

const answers: Record<string, unknown> = {
  'v1/meta/fields': vendorJson('bamboohr', 'meta-fields.json'),
  'v1/meta/lists': vendorJson('bamboohr', 'meta-lists.json'),
};
const account = (sent: HttpRequest[]) => ({
  send: async (request: HttpRequest): Promise<HttpResponse> => (
    sent.push(request),
    { status: 200, headers: {}, body: answers[request.url], attempts: 1, durationMs: 1 }
  ),
});

test('the documented fields and lists become the catalogue: aliases as names, a field without one by its id, archived options left out', async () => {
  const sent: HttpRequest[] = [];
  const catalogue = await bambooHrCatalogue(account(sent));
  assert.deepEqual(
    sent.map((r) => `${r.method} ${r.url} ${r.headers?.Accept}`),
    ['GET v1/meta/fields application/json', 'GET v1/meta/lists application/json'],
  );
  assert.deepEqual(
    catalogue.fields.map((f) => [f.name, f.label, f.kind]),
    [
      ['firstName', 'First name', 'text'],
      ['lastName', 'Last name', 'text'],
      ['3', 'My custom list', 'list'],
      ['department', 'Department', 'list'],
    ],
  );
  assert.deepEqual(catalogue.fields[3]?.options, ['ABC', 'DEF'], 'GHI is archived: not a current option');
  assert.equal(
    catalogue.fields[2]?.options,
    undefined,
    'a list field the lists answer does not describe has no known values',
  );
});

test('a department the account archived is flagged in the table check before a hire is written', async () => {
  const catalogue = await bambooHrCatalogue(account([]));
  const problems = checkAgainstCatalogue(
    [
      { target: 'department', from: 'constant', source: 'GHI' },
      { target: 'customCostCenter', from: 'path', source: 'job.costCenter' },
    ],
    catalogue,
  );
  assert.deepEqual(
    problems.map((p) => [p.row, p.code]),
    [
      [1, 'mapper.value_not_in_list'],
      [2, 'mapper.field_unknown'],
    ],
  );
  assert.deepEqual(problems[0]?.options, ['ABC', 'DEF']);
});

test('an answer of another shape is an error naming the field, not a shorter catalogue', async () => {
  const broken = {
    send: async (r: HttpRequest): Promise<HttpResponse> => ({
      status: 200,
      headers: {},
      body: r.url === 'v1/meta/fields' ? [{ id: 1, type: 'text' }] : [],
      attempts: 1,
      durationMs: 1,
    }),
  };
  await assert.rejects(
    bambooHrCatalogue(broken),
    (err: Error & { code?: string }) => err.code === 'mapper.catalogue_invalid' && /name/.test(err.message),
  );
});
