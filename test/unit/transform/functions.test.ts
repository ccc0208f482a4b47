import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJsonataMapping } from '../../../lib/mapping/jsonataMapping';
import { transformFunctions } from '../../../lib/transform/functions';
import { HrError } from '../../../lib/errors';

const offerCreated = {
  start_date: '04/15/2013',
  salary: { amount: 80000, unit: 'USD' },
  employment_type: 'Full-time',
  phone: '518-555-1212',
  email: ' Johnny.Smith@Example.com ',
  name: 'johnny  SMITH',
};

const map = (expression: string, input: unknown = offerCreated) =>
  compileJsonataMapping(expression, transformFunctions).map(input);

test('a mapping converts a Greenhouse offer with the built-in transforms', async () => {
  const record = await map(`{
    "hireDate": $isoDate(start_date, "America/New_York", "MM/DD/YYYY"),
    "payRate": $amount(salary.amount, salary.unit),
    "hourly": $convertPay({ "amount": $amount(salary.amount, salary.unit), "currency": salary.unit, "period": "year" }, "hour"),
    "employmentType": $translate(employment_type, { "Full-time": "full_time", "Part-time": "part_time" }),
    "mobilePhone": $e164(phone, "US"),
    "workEmail": $email(email),
    "displayName": $title($trim(name)),
    "code": $upper($lower("AbC"))
  }`);
  assert.deepEqual(record, {
    hireDate: '2013-04-15',
    payRate: '80000.00',
    hourly: { amount: '38.46', currency: 'USD', period: 'hour' },
    employmentType: 'full_time',
    mobilePhone: '+15185551212',
    workEmail: 'johnny.smith@example.com',
    displayName: 'Johnny Smith',
    code: 'ABC',
  });
});

test('a transform that fails inside a mapping surfaces its own error code', async () => {
  await assert.rejects(
    map('{ "type": $translate("Seasonal", { "Full-time": "full_time" }) }'),
    (err: unknown) =>
      err instanceof HrError && err.code === 'transform.enum_no_match' && /"Seasonal"/.test(err.message),
  );
  await assert.rejects(
    map('{ "d": $isoDate("03/04/2026", "UTC") }'),
    (err: unknown) => err instanceof HrError && err.code === 'transform.date_ambiguous',
  );
});

test('a missing optional source field stays missing instead of failing the mapping', async () => {
  assert.deepEqual(await map('{ "homePhone": $e164(home_phone, "US"), "workEmail": $email(email) }'), {
    workEmail: 'johnny.smith@example.com',
  });
});

test('long notes are truncated with a link from a mapping', async () => {
  const note = await map('$truncate(note, 40, "https://x.io/1")', { note: 'a'.repeat(100) });
  assert.equal(
    note,
    `${'a'.repeat(10)} … (full text: https://x.io/1)`,
    'the 30-character reference leaves room for 10',
  );
});
