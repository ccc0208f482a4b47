import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockingKeys } from '../../../lib/match/blocking';
import type { MatchablePerson } from '../../../lib/match/types';
import { person } from './people';

const stored = person({
  firstName: 'William',
  lastName: 'Smith',
  emails: ['will.smith@example.com'],
  phones: ['+14155550123'],
  dateOfBirth: '1988-07-14',
});

const shareKey = (a: MatchablePerson, b: MatchablePerson) => blockingKeys(a).filter((k) => blockingKeys(b).includes(k));

test('an email in different case finds the stored person', () => {
  assert.deepEqual(shareKey(person({ emails: ['  Will.Smith@EXAMPLE.com'] }), stored), ['e:will.smith@example.com']);
});

test('a phone typed in another format, once in E.164, finds the stored person', () => {
  assert.deepEqual(shareKey(person({ phones: ['+14155550123'] }), stored), ['p:+14155550123']);
});

test('the same external id in the same system finds the stored person, whatever the case of the system name', () => {
  const a = person({ externalIds: [{ system: 'Greenhouse', id: '42' }] });
  const b = person({ externalIds: [{ system: 'greenhouse', id: '42' }] });
  assert.deepEqual(shareKey(a, b), ['x:greenhouse:42']);
});

test('a typo in the surname still shares a name key', () => {
  assert.ok(shareKey(person({ firstName: 'William', lastName: 'Smiht' }), stored).some((k) => k.startsWith('n:')));
  assert.ok(shareKey(person({ firstName: 'William', lastName: 'Smithe' }), stored).some((k) => k.startsWith('n:')));
});

test('a nickname with another initial still shares a name key', () => {
  assert.ok(shareKey(person({ firstName: 'Bill', lastName: 'Smith' }), stored).some((k) => k.startsWith('n:')));
  assert.ok(
    shareKey(person({ firstName: 'Liz', lastName: 'Okafor' }), person({ firstName: 'Elizabeth', lastName: 'Okafor' }))
      .length > 0,
  );
});

test('forename and surname entered the other way round still share a key', () => {
  assert.ok(shareKey(person({ firstName: 'Smith', lastName: 'William' }), stored).some((k) => k.startsWith('f:')));
});

test('one part of a double surname finds the full one', () => {
  const full = person({ firstName: 'María', lastName: 'García López' });
  assert.ok(shareKey(person({ firstName: 'Maria', lastName: 'Garcia' }), full).length > 0);
  assert.ok(shareKey(person({ firstName: 'Maria', lastName: 'García-López' }), full).length > 0);
});

test('a new surname after marriage is found through the date of birth and forename', () => {
  assert.ok(
    shareKey(person({ firstName: 'William', lastName: 'Okafor', dateOfBirth: '1988-07-14' }), stored).some((k) =>
      k.startsWith('d:'),
    ),
  );
});

test('a mistyped birth day with the same surname is found through the birth year', () => {
  assert.ok(
    shareKey(person({ firstName: 'Walter', lastName: 'Smithers', dateOfBirth: '1988-07-15' }), stored).some((k) =>
      k.startsWith('y:'),
    ),
  );
});

test('an unrelated person shares no key', () => {
  const other = person({
    firstName: 'Ana',
    lastName: 'Silva',
    emails: ['ana@example.org'],
    phones: ['+351912345678'],
    dateOfBirth: '1990-01-02',
  });
  assert.deepEqual(shareKey(other, stored), []);
});

test('a person with nothing to match on has no keys, and a full record has a handful', () => {
  assert.deepEqual(blockingKeys(person({})), []);
  assert.ok(blockingKeys(stored).length <= 20, `${blockingKeys(stored).length} keys`);
});
