/** Personio's published attributes example (test/fixtures/vendors/personio/employee-attributes.json) read as the mapper's field catalogue. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HttpRequest, HttpResponse } from '../../lib/http';
import { personioCatalogue } from '../../lib/vendors/personio/catalogue';
import { checkAgainstCatalogue } from '../../lib/mapping/fieldCatalogue';
import { startingTables } from '../../lib/mapping/startingTables';
import { vendorJson } from '../support/vendorFixtures';

const account = (body: unknown, sent: HttpRequest[] = []) => ({
  send: async (request: HttpRequest): Promise<HttpResponse> => (
    sent.push(request),
    { status: 200, headers: {}, body, attempts: 1, durationMs: 1 }
  ),
});

test('the documented attributes become a partial catalogue of the person fields a mapping writes by the same name', async () => {
  const sent: HttpRequest[] = [];
  const catalogue = await personioCatalogue(account(vendorJson('personio', 'employee-attributes.json'), sent));
  assert.deepEqual(
    sent.map((r) => `${r.method} ${r.url}`),
    ['GET v1/company/employees/attributes'],
  );
  assert.equal(catalogue.partial, true);
  assert.deepEqual(
    catalogue.fields.map((f) => [f.name, f.label, f.kind, f.vendorType]),
    [
      ['first_name', 'First Name', 'text', 'standard'],
      ['last_name', 'Last Name', 'text', 'standard'],
    ],
  );
});

test('the shipped Personio table is not called unknown: its v2 employment targets are outside the v1 listing', async () => {
  const catalogue = await personioCatalogue(account(vendorJson('personio', 'employee-attributes.json')));
  assert.deepEqual(checkAgainstCatalogue(startingTables.personio, catalogue), []);
});

test('a list attribute the person fields share keeps its options, and a value outside them is flagged', async () => {
  const body = {
    success: true,
    data: [
      { key: 'gender', label: 'Gender', type: 'list', universal_id: 'gender', options: ['MALE', 'FEMALE', 'DIVERSE'] },
    ],
  };
  const catalogue = await personioCatalogue(account(body));
  const problems = checkAgainstCatalogue([{ target: 'gender', from: 'constant', source: 'male' }], catalogue);
  assert.deepEqual(
    problems.map((p) => [p.code, p.options]),
    [['mapper.value_not_in_list', ['MALE', 'FEMALE', 'DIVERSE']]],
  );
});

test('an answer of another shape is an error naming the field, not a shorter catalogue', async () => {
  await assert.rejects(
    personioCatalogue(account({ success: true, data: [{ key: 'first_name', type: 'standard' }] })),
    (err: Error & { code?: string }) => err.code === 'mapper.catalogue_invalid' && /label/.test(err.message),
  );
});
