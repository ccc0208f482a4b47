import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideField, ownerKindOf, type SurvivableField } from '../../../lib/survive';

const field = (over: Partial<SurvivableField> = {}): SurvivableField => ({
  path: 'person.legalName.last',
  recordPath: 'legalName.last',
  owner: 'hris',
  immutable: false,
  secret: false,
  ...over,
});
const at = (day: number) => new Date(Date.UTC(2026, 2, day));
const from = (source: string, value: string, day: number) => ({ value, source, at: at(day) });

test('systems are recognised as the kind of owner the dictionary names', () => {
  assert.equal(ownerKindOf('greenhouse'), 'ats');
  assert.equal(ownerKindOf('merge'), 'ats');
  assert.equal(ownerKindOf('bamboohr'), 'hris');
  assert.equal(ownerKindOf('checkr'), 'checkr');
  assert.equal(ownerKindOf('manual'), 'manual');
  assert.equal(ownerKindOf('spreadsheet'), null);
});

test('the first value is taken from whoever has one, even a system that does not own the field', () => {
  assert.deepEqual(decideField(field(), undefined, from('greenhouse', 'Silva', 1)), {
    outcome: 'take',
    rule: 'first_value',
  });
});

test('the owning system overrides a value the candidate gave in the ATS', () => {
  assert.deepEqual(decideField(field(), from('greenhouse', 'Silva', 1), from('bamboohr', 'Silva Costa', 2)), {
    outcome: 'take',
    rule: 'owner_writes',
  });
});

test("the owner's value stays against a newer value from a system that does not own the field", () => {
  assert.deepEqual(decideField(field(), from('bamboohr', 'Silva Costa', 1), from('greenhouse', 'Silva', 9)), {
    outcome: 'keep',
    rule: 'owner_holds',
  });
});

test('where both may write, the most recent source time wins and an older value is ignored', () => {
  const any = field({ owner: 'any', path: 'person.preferredName', recordPath: 'preferredName' });
  assert.deepEqual(decideField(any, from('bamboohr', 'Ana', 2), from('greenhouse', 'Annie', 3)), {
    outcome: 'take',
    rule: 'most_recent',
  });
  assert.deepEqual(decideField(any, from('bamboohr', 'Ana', 3), from('greenhouse', 'Annie', 2)), {
    outcome: 'keep',
    rule: 'older',
  });
  assert.deepEqual(
    decideField(any, from('bamboohr', 'Ana', 3), from('greenhouse', 'Annie', 3)),
    { outcome: 'keep', rule: 'older' },
    'a tie keeps what is held',
  );
});

test('between two systems that do not own the field, the most recent wins', () => {
  assert.deepEqual(decideField(field(), from('greenhouse', 'Silva', 1), from('lever', 'Sylva', 2)), {
    outcome: 'take',
    rule: 'most_recent',
  });
});

test('an immutable field never changes once set, not even by its owner', () => {
  const hireDate = field({ path: 'employee.hireDate', recordPath: 'employee.hireDate', owner: 'ats', immutable: true });
  assert.deepEqual(decideField(hireDate, from('greenhouse', '2026-03-01', 1), from('greenhouse', '2026-04-01', 2)), {
    outcome: 'conflict',
    rule: 'immutable',
  });
  assert.deepEqual(decideField(hireDate, undefined, from('greenhouse', '2026-03-01', 1)), {
    outcome: 'take',
    rule: 'first_value',
  });
});

test('the same value again is no change, and no conflict even on an immutable field', () => {
  const hireDate = field({ owner: 'ats', immutable: true });
  assert.deepEqual(decideField(hireDate, from('greenhouse', '2026-03-01', 1), from('greenhouse', '2026-03-01', 2)), {
    outcome: 'unchanged',
    rule: 'unchanged',
    claim: false,
  });
});

test('an owner confirming the value it did not write takes it over, so later non-owners cannot change it', () => {
  assert.deepEqual(decideField(field(), from('greenhouse', 'Silva', 1), from('bamboohr', 'Silva', 2)), {
    outcome: 'unchanged',
    rule: 'unchanged',
    claim: true,
  });
});

test('two owning systems with different values are a conflict for a person, not a silent overwrite', () => {
  assert.deepEqual(decideField(field(), from('bamboohr', 'Silva', 1), from('personio', 'Costa', 2)), {
    outcome: 'conflict',
    rule: 'owners_disagree',
  });
});

test('the HRIS changing a field the ATS owns goes to a person, unless the dictionary lets that field flow from the HRIS', () => {
  const offerTitle = field({ path: 'offer.title', recordPath: 'offer.title', owner: 'ats', direction: 'ats_to_hris' });
  assert.deepEqual(decideField(offerTitle, from('greenhouse', 'Engineer', 1), from('bamboohr', 'Staff Engineer', 2)), {
    outcome: 'conflict',
    rule: 'not_owner',
  });
  const workEmail = field({
    path: 'employee.workEmail',
    recordPath: 'employee.workEmail',
    owner: 'ats',
    direction: 'hris_to_ats',
  });
  assert.deepEqual(
    decideField(workEmail, from('greenhouse', 'a@acme.example', 1), from('bamboohr', 'b@acme.example', 2)),
    { outcome: 'keep', rule: 'owner_holds' },
  );
});
