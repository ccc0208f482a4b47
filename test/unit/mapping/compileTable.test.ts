import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTable } from '../../../lib/mapping/compileTable';
import type { MappingRowInput } from '../../../lib/mapping/mappingTable';
import type { RowProblem } from '../../../lib/mapping/tablePlan';
import { transformFunctions } from '../../../lib/transform/functions';
import { HrError } from '../../../lib/errors';
import { sampleHire } from '../../../lib/mapping/sampleHire';

const row = (target: string, source: string, more: Partial<MappingRowInput> = {}): MappingRowInput => ({
  target,
  source,
  ...more,
});

/** The problems compileTable refuses a table with. */
function problems(rows: MappingRowInput[]): RowProblem[] {
  try {
    compileTable(rows);
  } catch (err) {
    assert.ok(err instanceof HrError);
    assert.equal(err.code, 'mapper.table_invalid');
    return (err.details as { problems: RowProblem[] }).problems;
  }
  assert.fail('the table compiled');
}

async function rejection(promise: Promise<unknown>): Promise<HrError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof HrError);
    return err;
  }
  assert.fail('the mapping did not fail');
}

test('paths, constants, environment variables, transforms and defaults fill the target record', async () => {
  const mapping = compileTable(
    [
      row('name', 'person.legalName.last', { transform: 'upper' }),
      row('email', 'person.emails[type=work].address'),
      row('phone', 'person.phones[0].number'),
      row('status', 'ONBOARDING', { from: 'constant' }),
      row('company', 'HR_COMPANY', { from: 'env' }),
      row('start', 'offer.startDate', { transform: 'isoDateTime', args: '["Europe/Lisbon"]' }),
      row('nickname', 'person.nickname', { default: 'none' }),
    ],
    { env: (name) => (name === 'HR_COMPANY' ? 'acme' : undefined) },
  );
  assert.deepEqual(await mapping.map(sampleHire()), {
    name: 'SILVA',
    email: 'ana.silva@example.com',
    phone: '+14155550123',
    status: 'ONBOARDING',
    company: 'acme',
    start: '2026-12-01T00:00:00+00:00',
    nickname: 'none',
  });
});

test('a missing optional field is left out of the record, and groups and lists are built from the target paths', async () => {
  const mapping = compileTable([
    row('work.title', 'offer.title'),
    row('work.middle', 'person.legalName.middle'),
    row('employments[0].status', 'ACTIVE', { from: 'constant' }),
    row('employments[1].status', 'FUTURE', { from: 'constant' }),
  ]);
  assert.deepEqual(mapping.mapSync!(sampleHire()), {
    work: { title: 'Payroll Specialist' },
    employments: [{ status: 'ACTIVE' }, { status: 'FUTURE' }],
  });
});

test('an object taken as it is is copied, so the record sent on never changes the canonical one', () => {
  const hire = sampleHire();
  const record = compileTable([row('pay', 'offer.compensation')]).mapSync!(hire) as { pay: { amount: string } };
  record.pay.amount = '1.00';
  assert.equal(hire.offer.compensation.amount, '103000.00');
});

test('the first alternative with a value is used; empty text counts as missing', () => {
  const mapping = compileTable([row('department', 'offer.department | job.department.name | job.title')]);
  const hire = sampleHire();
  hire.offer.department = '';
  assert.deepEqual(mapping.mapSync!(hire), { department: 'Finance' });
  delete hire.job.department;
  assert.deepEqual(mapping.mapSync!(hire), { department: 'Payroll Specialist' });
});

test('a required field with no value fails the record naming the row and the target field', async () => {
  const mapping = compileTable([
    row('firstName', 'person.legalName.first'),
    row('workEmail', 'person.emails[type=work].address', { required: true }),
  ]);
  const hire = sampleHire();
  hire.person.emails = [];
  const err = await rejection(mapping.map(hire));
  assert.equal(err.code, 'mapper.required_missing');
  assert.match(err.message, /row 2 "workEmail" is required/);
  assert.deepEqual({ row: err.details?.row, target: err.details?.target }, { row: 2, target: 'workEmail' });
});

test('a transform that fails on a record keeps its code and names the row and target field', async () => {
  const mapping = compileTable([
    row('firstName', 'person.legalName.first'),
    row('paidPer', 'offer.compensation.period', { transform: 'translate', args: '[{"year": "Year"}]' }),
  ]);
  const hire = sampleHire();
  hire.offer.compensation.period = 'biweekly';
  const err = await rejection(mapping.map(hire));
  assert.equal(err.code, 'transform.enum_no_match');
  assert.match(err.message, /^row 2 "paidPer": .*biweekly/);
});

test('every compile error names its row and target field, and all are reported at once', () => {
  const found = problems([
    row('firstName', 'person.legalName.first'),
    row('workEmail', 'person.emails[type=work.address'),
    row('lastName', 'person.legalName.last', { transform: 'shout' }),
    row('hireDate', 'offer.startDate', { transform: 'isoDate', args: '["Mars/Olympus"]' }),
    row('payRate', 'offer.compensation.amount', { transform: 'amount', args: 'USD' }),
    row('title', 'offer.title', { transform: 'truncate', args: '[0, "https://x"]' }),
    row('code', '$uppercase(', { from: 'jsonata' }),
    row('company', 'hr company', { from: 'env' }),
    row('status', '', { from: 'constant' }),
    row('work..site', 'offer.location'),
  ]);
  assert.deepEqual(
    found.map((p) => [p.row, p.target, p.code, p.column]),
    [
      [2, 'workEmail', 'mapper.path_invalid', 'source'],
      [3, 'lastName', 'mapper.transform_unknown', 'transform'],
      [4, 'hireDate', 'mapper.argument_invalid', 'args'],
      [5, 'payRate', 'mapper.argument_invalid', 'args'],
      [6, 'title', 'mapper.argument_invalid', 'args'],
      [7, 'code', 'mapper.jsonata_invalid', 'source'],
      [8, 'company', 'mapper.env_invalid', 'source'],
      [9, 'status', 'mapper.constant_missing', 'source'],
      [10, 'work..site', 'mapper.target_invalid', 'target'],
    ],
  );
  for (const p of found) assert.match(p.message, new RegExp(`^row ${p.row} "${p.target.replace(/\./g, '\\.')}": `));
  assert.match(found[1].message, /unknown transform "shout"; the transforms are isoDate/);
  assert.match(found[2].message, /isoDate\(zone, format\?\): "Mars\/Olympus" is not a time zone/);
});

test('two rows filling the same field, or a field that is also a group, are refused naming both rows', () => {
  const found = problems([
    row('work.site', 'offer.location'),
    row('work', 'offer.title'),
    row('work.site', 'job.office.name'),
    row('list[1]', 'offer.title'),
  ]);
  assert.deepEqual(
    found.map((p) => p.row),
    [2, 3, 4],
  );
  assert.match(found[0].message, /work is already used as a group of fields by row 1/);
  assert.match(found[1].message, /work\.site is already filled by row 1/);
  assert.match(found[2].message, /would leave a gap/);
});

test('a table with no rows, or a row of the wrong shape, is refused', () => {
  assert.equal(problems([])[0].code, 'mapper.table_empty');
  const [bad] = problems([{ target: 'x', source: 'a', from: 'spreadsheet' } as unknown as MappingRowInput]);
  assert.equal(bad.code, 'mapper.row_invalid');
  assert.match(bad.message, /^row 1 "x": from/);
});

test('a JSONata row says what a table cannot, and costs only that row', async () => {
  const mapping = compileTable(
    [
      row('firstName', 'person.legalName.first'),
      row('emailCount', '$count(person.emails)', { from: 'jsonata' }),
      row('band', 'offer.compensation.period = "year" ? "salaried" : "hourly"', {
        from: 'jsonata',
        transform: 'upper',
      }),
      row('start', '$isoDate(offer.startDate, "UTC")', { from: 'jsonata' }),
    ],
    { functions: transformFunctions },
  );
  assert.equal(mapping.mapSync, null, 'a table with JSONata rows is awaited');
  assert.deepEqual(await mapping.map(sampleHire()), {
    firstName: 'Ana',
    emailCount: 2,
    band: 'SALARIED',
    start: '2026-12-01',
  });
});

test('a JSONata row that fails names its row', async () => {
  const mapping = compileTable([row('salary', 'person.legalName.first * 12', { from: 'jsonata' })]);
  const err = await rejection(mapping.map(sampleHire()));
  assert.equal(err.code, 'mapper.evaluation_failed');
  assert.match(err.message, /^row 1 "salary": the JSONata expression failed/);
});

test('user text never becomes code: quotes and code in names, filters and constants stay data', () => {
  const evil = '"]; globalThis.hacked = 1; //';
  const mapping = compileTable([
    row('a', `tags[label=${JSON.stringify(evil)}].id`),
    row('b', `'); globalThis.hacked = 1; ('`, { from: 'constant', default: '`${globalThis.hacked = 1}`' }),
    row('c', 'x-y.$z'),
  ]);
  const record = mapping.mapSync!({ tags: [{ label: evil, id: 7 }], 'x-y': { $z: 'ok' } });
  assert.deepEqual(record, { a: 7, b: `'); globalThis.hacked = 1; ('`, c: 'ok' });
  assert.equal((globalThis as { hacked?: unknown }).hacked, undefined);
});

test('the preview shows each row with its source value, the value sent, or its error', async () => {
  const mapping = compileTable([
    row('firstName', 'person.legalName.first', { transform: 'upper' }),
    row('middleName', 'person.legalName.middle', { required: true }),
    row('paidPer', 'offer.compensation.period', { transform: 'translate', args: '[{"month": "Month"}]' }),
  ]);
  const [first, middle, paid] = await mapping.preview(sampleHire());
  assert.deepEqual(first, { row: 1, target: 'firstName', source: 'Ana', value: 'ANA' });
  assert.equal(middle.error?.code, 'mapper.required_missing');
  assert.equal(paid.source, 'year');
  assert.equal(paid.error?.code, 'transform.enum_no_match');
  assert.match(paid.error!.message, /^row 3 "paidPer"/);
});
