import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Person } from '../../../lib/model/person';
import { splitName } from '../../../lib/vendors/ats/people';
import { bestMatch, blockingKeys, score } from '../../../lib/match';
import { person } from './people';

test("a person with one name is a valid person; needing a last name is the validator's rule", () => {
  const parsed = Person.safeParse({ legalName: { first: 'Suharto' }, emails: [], phones: [] });
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  assert.deepEqual(splitName('Suharto'), { first: 'Suharto' });
  assert.deepEqual(splitName('Ana Maria Silva'), { first: 'Ana Maria', last: 'Silva' });
});

test('one name is compared on what there is: the missing surname weighs nothing', () => {
  const e = score(
    person({ firstName: 'Suharto', dateOfBirth: '1961-06-08' }),
    person({ firstName: 'Suharto', dateOfBirth: '1961-06-08' }),
  );
  assert.equal(e.fields.find((f) => f.field === 'surname')?.level, 'missing');
  assert.equal(e.fields.find((f) => f.field === 'surname')?.weight, 0);
  assert.equal(e.fields.find((f) => f.field === 'forename')?.level, 'exact');
});

test('a single-name person is filed under birth-date keys and found again by them', () => {
  const stored = {
    ...person({ firstName: 'Suharto', dateOfBirth: '1961-06-08', street: '4 Jalan Cendana' }),
    guid: 'g1',
  };
  const incoming = person({ firstName: 'Suharto', dateOfBirth: '1961-06-08', street: '4 Jalan Cendana' });
  assert.ok(blockingKeys(incoming).some((k) => blockingKeys(stored).includes(k)));
  assert.notEqual(bestMatch(incoming, [stored]).decision, 'new');
});
