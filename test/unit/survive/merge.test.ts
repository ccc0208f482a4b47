import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDictionary } from '../../../lib/dictionary/defaultDictionary';
import { MASK, type Provenance } from '../../../lib/store';
import { mergeRecord, resolvedValues, survivableFields } from '../../../lib/survive';

const fields = survivableFields(defaultDictionary);
const day = (d: number) => new Date(Date.UTC(2026, 2, d));
const prov = (value: Provenance['value'], source: string, d: number): Provenance => ({
  value,
  source,
  sourceTime: day(d),
});

test('dictionary fields become survivorship units: lists whole, objects part by part, paths into the golden record', () => {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  assert.equal(byPath.get('person.legalName.first')?.recordPath, 'legalName.first');
  assert.equal(byPath.get('person.emails')?.recordPath, 'emails');
  assert.ok(!byPath.has('person.emails[].address'));
  assert.ok(!byPath.has('person.nationalId'), 'an object listed with its parts is decided part by part');
  assert.equal(byPath.get('person.nationalId.value')?.secret, true);
  assert.equal(byPath.get('employee.hireDate')?.immutable, true);
});

test('HRIS legal name and SSN override what the candidate gave in the ATS', () => {
  const golden = {
    legalName: { first: 'Ana', last: 'Silva Costa' },
    nationalId: { type: 'ssn', value: '123-45-6789' },
  };
  const provenance = {
    'legalName.last': prov('Silva Costa', 'bamboohr', 2),
    'nationalId.value': prov('123-45-6789', 'bamboohr', 2),
  };
  const offer = {
    system: 'greenhouse',
    at: day(5),
    values: {
      person: { legalName: { first: 'Ana', last: 'Silva' }, nationalId: { type: 'ssn', value: '987-65-4321' } },
    },
  };
  const merged = mergeRecord(golden, provenance, offer, fields);
  assert.deepEqual(merged.record, golden);
  assert.deepEqual(merged.changes, []);
  assert.deepEqual(
    merged.kept.map((k) => [k.field, k.rule, k.keptSource]),
    [
      ['person.legalName.last', 'owner_holds', 'bamboohr'],
      ['person.nationalId.value', 'owner_holds', 'bamboohr'],
    ],
  );
});

test('changes name the field, old and new value and the winning source, with secret values masked', () => {
  const merged = mergeRecord(
    { legalName: { first: 'Ana', last: 'Silva' } },
    {},
    {
      system: 'bamboohr',
      at: day(3),
      values: { person: { legalName: { first: 'Ana', last: 'Costa' }, dateOfBirth: '1990-05-17' } },
    },
    fields,
  );
  assert.deepEqual(merged.changes, [
    { field: 'person.legalName.last', old: 'Silva', new: 'Costa', winningSource: 'bamboohr', rule: 'owner_writes' },
    { field: 'person.dateOfBirth', old: null, new: MASK, winningSource: 'bamboohr', rule: 'first_value' },
  ]);
  assert.equal(merged.record.dateOfBirth, '1990-05-17', 'the record keeps the real value for the store to encrypt');
  // The unchanged first name is in there too: the owner confirmed a value of unrecorded origin.
  assert.deepEqual(Object.keys(merged.provenance).sort(), ['dateOfBirth', 'legalName.first', 'legalName.last']);
});

test('a changed hire date is a conflict and the record keeps the first one', () => {
  const golden = { employee: { hireDate: '2026-03-01' } };
  const merged = mergeRecord(
    golden,
    { 'employee.hireDate': prov('2026-03-01', 'bamboohr', 1) },
    {
      system: 'bamboohr',
      at: day(9),
      values: { employee: { hireDate: '2026-03-15' } },
    },
    fields,
  );
  assert.deepEqual(merged.record, golden);
  assert.deepEqual(merged.conflicts, [
    {
      field: 'employee.hireDate',
      rule: 'immutable',
      current: '2026-03-01',
      currentSource: 'bamboohr',
      offered: '2026-03-15',
      offeredSource: 'bamboohr',
    },
  ]);
});

test('a field the source does not send is left alone', () => {
  const golden = { preferredName: 'Annie', legalName: { first: 'Ana', last: 'Silva' } };
  const merged = mergeRecord(
    golden,
    {},
    { system: 'greenhouse', at: day(4), values: { person: { legalName: { first: 'Ana', last: 'Silva' } } } },
    fields,
  );
  assert.deepEqual(merged.record, golden);
});

test('the flow continues with the winners written over what the source offered', () => {
  const offered = { eventId: 'e-1', person: { legalName: { first: 'Ana', last: 'Silva' } } };
  const resolved = resolvedValues(
    offered,
    { legalName: { first: 'Ana', last: 'Silva Costa' }, nationalId: { type: 'ssn', value: '123-45-6789' } },
    fields,
  );
  assert.deepEqual(
    resolved,
    { eventId: 'e-1', person: { legalName: { first: 'Ana', last: 'Silva Costa' } } },
    'fields the source did not send are not added',
  );
});
