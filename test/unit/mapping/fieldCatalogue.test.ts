import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAgainstCatalogue, parsePastedCatalogue } from '../../../lib/mapping/fieldCatalogue';
import type { FieldCatalogue } from '../../../lib/vendors/hris/catalogue';
import type { HttpRequest, HttpResponse } from '../../../lib/http';
import { bambooHrCatalogue } from '../../../lib/vendors/bamboohr/catalogue';
import { bamboohrHttpOptions } from '../../../lib/vendors/bamboohr/target';
import { hiBobCatalogue } from '../../../lib/vendors/hibob/catalogue';
import { hibobHttpOptions } from '../../../lib/vendors/hibob/target';
import { BAMBOOHR_DEFAULTS, startBambooHr } from '../../../sandbox/bamboohr';
import { HIBOB_DEFAULTS, startHiBob } from '../../../sandbox/hibob';
import { personioCatalogue } from '../../../lib/vendors/personio/catalogue';
import { personioHttpOptions } from '../../../lib/vendors/personio/target';
import { PERSONIO_DEFAULTS, startPersonio } from '../../../sandbox/personio';
import { contextFor } from '../vendors/hris/support';

const bamboo = startBambooHr();
const bob = startHiBob();
const personio = startPersonio();
const clients: Array<{ close(): void }> = [];
after(async () => {
  clients.forEach((c) => c.close());
  await (await bamboo).stop();
  await (await bob).stop();
  await (await personio).stop();
});

const catalogue: FieldCatalogue = {
  system: 'BambooHR',
  fields: [
    { name: 'location', label: 'Location', kind: 'list', vendorType: 'list', options: ['New York City', 'London'] },
    { name: 'hireDate', label: 'Hire date', kind: 'date', vendorType: 'date' },
    { name: 'workEmail', label: 'Work email', kind: 'email', vendorType: 'email' },
    { name: 'jobTitle', label: 'Job title', kind: 'text', vendorType: 'text' },
  ],
};

test('unknown targets, values outside a list and values of the wrong type are each named by row, in plain words', () => {
  const rows = [
    { target: 'location', from: 'constant' as const, source: 'Berlin' },
    { target: 'customCostCenter', from: 'path' as const, source: 'job.costCenter' },
    { target: 'hireDate', from: 'path' as const, source: 'employment.startDate' },
    { target: 'jobTitle', from: 'path' as const, source: 'job.title' },
    { target: '', from: 'path' as const, source: '' },
  ];
  const problems = checkAgainstCatalogue(rows, catalogue, new Map([[3, '05/01/2026']]));
  assert.deepEqual(
    problems.map((p) => [p.row, p.code]),
    [
      [1, 'mapper.value_not_in_list'],
      [2, 'mapper.field_unknown'],
      [3, 'mapper.value_type'],
    ],
  );
  assert.match(problems[0]!.message, /"Berlin" is not one of the values of the list "Location"/);
  assert.match(problems[1]!.message, /BambooHR has no field "customCostCenter"/);
  assert.match(problems[2]!.message, /not a date written as YYYY-MM-DD/);
});

test('values that fit pass, and a row whose value is not known before a hire arrives is not judged', () => {
  const rows = [
    { target: 'location', from: 'constant' as const, source: 'London' },
    { target: 'hireDate', from: 'path' as const, source: 'employment.startDate' },
    { target: 'workEmail', from: 'path' as const, source: 'person.emails[0].address' },
  ];
  assert.deepEqual(
    checkAgainstCatalogue(
      rows,
      catalogue,
      new Map<number, unknown>([
        [2, '2026-05-01'],
        [3, 'ana@example.com'],
      ]),
    ),
    [],
  );
  assert.deepEqual(checkAgainstCatalogue(rows, catalogue), []);
});

test('a pasted field list is read line by line, and a line it cannot read is an error naming the line', () => {
  const pasted = parsePastedCatalogue(
    '# fields of our HRIS\nfirst_name, text\nstart_date, date\noffice, list, Berlin | Paris\nnotes\n',
  );
  assert.deepEqual(
    pasted.fields.map((f) => [f.name, f.kind, f.options]),
    [
      ['first_name', 'text', undefined],
      ['start_date', 'date', undefined],
      ['office', 'list', ['Berlin', 'Paris']],
      ['notes', 'other', undefined],
    ],
  );
  assert.throws(() => parsePastedCatalogue('first_name, text\nstart date, date'), /line 2/);
  assert.throws(() => parsePastedCatalogue('salary, money'), /line 1: "money" is not one of/);
});

test("the BambooHR emulator answers meta/fields and meta/lists, and the catalogue holds the account's own list values", async () => {
  const sandbox = await bamboo;
  const { ctx, client } = contextFor(
    bamboohrHttpOptions({
      system: 'bamboohr',
      companyDomain: 'acme',
      baseUrl: `${sandbox.url}/api/gateway.php/acme`,
      auth: { kind: 'apiKey', apiKey: BAMBOOHR_DEFAULTS.apiKeys[0] },
    }),
  );
  clients.push(client);
  const read = await bambooHrCatalogue(ctx);
  const location = read.fields.find((f) => f.name === 'location');
  assert.deepEqual(location?.options, [...BAMBOOHR_DEFAULTS.lists.location]);
  assert.equal(read.fields.find((f) => f.name === 'hireDate')?.kind, 'date');
  assert.equal(
    read.fields.some((f) => f.name === 'customCostCenter'),
    false,
  );
});

test('the HiBob emulator answers the people fields metadata; root fields are named as the create body writes them', async () => {
  const sandbox = await bob;
  const user = HIBOB_DEFAULTS.serviceUsers[0]!;
  const { ctx, client } = contextFor(
    hibobHttpOptions({ system: 'hibob', serviceUserId: user.id, token: user.token, baseUrl: sandbox.url }),
  );
  clients.push(client);
  const read = await hiBobCatalogue(ctx);
  assert.ok(read.fields.some((f) => f.name === 'firstName' && f.kind === 'text'));
  assert.ok(read.fields.some((f) => f.name === 'work.startDate' && f.kind === 'date'));
  assert.deepEqual(
    read.fields.find((f) => f.name === 'work.site')?.options,
    [...HIBOB_DEFAULTS.sites],
    "the site list's values, read from its named list",
  );
  const problems = checkAgainstCatalogue(
    [
      { target: 'work.site', from: 'constant', source: 'Berlin' },
      { target: 'work.department', from: 'constant', source: 'People' },
    ],
    read,
  );
  assert.deepEqual(
    problems.map((p) => [p.row, p.code]),
    [[1, 'mapper.value_not_in_list']],
    'a site outside the list is flagged as for BambooHR; a listed department is not',
  );
});

/** A HiBob account answering from canned bodies, recording what was asked. */
function hiBobAccount(answers: Record<string, unknown>, sent: string[] = []) {
  return {
    send: async (request: HttpRequest): Promise<HttpResponse> => {
      sent.push(`${request.method} ${request.url}`);
      return { status: 200, headers: {}, body: answers[request.url], attempts: 1, durationMs: 1 };
    },
  };
}

test('HiBob: each named list is read once, nested items count, archived ones do not, and a list field naming no list stays unchecked', async () => {
  const sent: string[] = [];
  const read = await hiBobCatalogue(
    hiBobAccount(
      {
        'v1/company/people/fields': [
          {
            id: 'work.department',
            name: 'Department',
            category: 'work',
            type: 'list',
            typeData: { listId: 'department' },
          },
          { id: 'work.division', name: 'Division', category: 'work', type: 'list', typeData: { listId: 'department' } },
          { id: 'work.custom', name: 'Custom list', category: 'work', type: 'list' },
        ],
        'v1/company/named-lists/department': {
          name: 'department',
          values: [
            {
              id: 1,
              value: 'R&D',
              children: [
                { id: '2', value: 'Platform' },
                { id: '3', value: 'Legacy', archived: true },
              ],
            },
            { id: '4', value: 'Old', archived: true },
          ],
        },
      },
      sent,
    ),
  );
  assert.deepEqual(sent, ['GET v1/company/people/fields', 'GET v1/company/named-lists/department']);
  assert.deepEqual(read.fields.find((f) => f.name === 'work.department')?.options, ['R&D', 'Platform']);
  assert.equal(read.fields.find((f) => f.name === 'work.custom')?.options, undefined);
  assert.deepEqual(
    checkAgainstCatalogue([{ target: 'work.division', from: 'constant', source: 'Legacy' }], read).map((p) => p.code),
    ['mapper.value_not_in_list'],
  );
});

test('HiBob: a named list answering in another shape is an error naming the list, not a catalogue without values', async () => {
  const broken = hiBobAccount({
    'v1/company/people/fields': [{ id: 'work.site', name: 'Site', type: 'list', typeData: { listId: 'site' } }],
    'v1/company/named-lists/site': [{ id: 1, value: 'London' }],
  });
  await assert.rejects(
    hiBobCatalogue(broken),
    (err: Error & { code?: string }) => err.code === 'mapper.catalogue_invalid' && /named list site/.test(err.message),
  );
});

test("the shipped starting tables write only fields the emulators' catalogues list", async () => {
  const { startingTables } = await import('../../../lib/mapping/startingTables');
  const sandbox = await bamboo;
  const { ctx, client } = contextFor(
    bamboohrHttpOptions({
      system: 'bamboohr',
      companyDomain: 'acme',
      baseUrl: `${sandbox.url}/api/gateway.php/acme`,
      auth: { kind: 'apiKey', apiKey: BAMBOOHR_DEFAULTS.apiKeys[0] },
    }),
  );
  clients.push(client);
  const unknown = checkAgainstCatalogue(startingTables.bamboohr, await bambooHrCatalogue(ctx)).filter(
    (p) => p.code === 'mapper.field_unknown',
  );
  assert.deepEqual(
    unknown.map((p) => p.target),
    [],
  );
  const user = HIBOB_DEFAULTS.serviceUsers[0]!;
  const hib = contextFor(
    hibobHttpOptions({ system: 'hibob', serviceUserId: user.id, token: user.token, baseUrl: (await bob).url }),
  );
  clients.push(hib.client);
  const unknownBob = checkAgainstCatalogue(startingTables.hibob, await hiBobCatalogue(hib.ctx)).filter(
    (p) => p.code === 'mapper.field_unknown',
  );
  assert.deepEqual(
    unknownBob.map((p) => p.target),
    [],
  );
});

test('the Personio emulator answers the attributes listing to the v2 token; the catalogue keeps the person fields and is partial', async () => {
  const client = PERSONIO_DEFAULTS.clients[0]!;
  const { ctx, client: http } = contextFor(
    personioHttpOptions({
      system: 'personio',
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      baseUrl: (await personio).url,
    }),
  );
  clients.push(http);
  const read = await personioCatalogue(ctx);
  assert.deepEqual(
    read.fields.map((f) => f.name),
    ['first_name', 'last_name', 'preferred_name', 'email'],
  );
  const { startingTables } = await import('../../../lib/mapping/startingTables');
  assert.deepEqual(checkAgainstCatalogue(startingTables.personio, read), []);
});
