import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMPARISON_RECORD_VERSION,
  fromComparisonRecord,
  toComparisonRecord,
} from '../../../lib/match/comparisonRecord';
import { prepare } from '../../../lib/match/prepare';
import { matchWeightPrepared, scorePrepared } from '../../../lib/match/score';
import { person } from './people';

const ana = person({
  firstName: 'Ana María',
  preferredName: 'Mia',
  lastName: 'García López',
  emails: [' Ana@Example.com '],
  phones: ['+34612345678'],
  dateOfBirth: '1990-05-17',
  city: 'Madrid',
  postalCode: '28001',
  country: 'ES',
  externalIds: [{ system: 'Greenhouse', id: '42' }],
});

test('a comparison record stored as JSON reads back as the same prepared person', () => {
  const record = JSON.parse(JSON.stringify(toComparisonRecord(prepare(ana))));
  assert.deepEqual(fromComparisonRecord(record), prepare(ana));
});

test('a person without surname, birth date or ids reads back as prepared too', () => {
  const bare = person({ firstName: 'Ana' });
  assert.deepEqual(fromComparisonRecord(JSON.parse(JSON.stringify(toComparisonRecord(prepare(bare))))), prepare(bare));
});

test('a record of another version, or anything else, is not read: the caller prepares the golden record instead', () => {
  assert.equal(
    fromComparisonRecord({ ...toComparisonRecord(prepare(ana)), v: COMPARISON_RECORD_VERSION + 1 }),
    undefined,
  );
  assert.equal(fromComparisonRecord(null), undefined);
  assert.equal(fromComparisonRecord('x'), undefined);
});

test('ranking by match weight alone agrees with the full explanation', () => {
  const again = person({
    firstName: 'Ana',
    lastName: 'Garcia',
    emails: ['ana@example.com'],
    dateOfBirth: '1990-05-71',
  });
  const [a, b] = [prepare(again), prepare(ana)];
  assert.equal(matchWeightPrepared(a, b), scorePrepared(a, b).matchWeight);
});
