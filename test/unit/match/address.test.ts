import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockingKeys, parseStreetAddress, score } from '../../../lib/match';
import { person } from './people';

test('house number, street and unit are read apart, with abbreviations spelt out', () => {
  assert.deepEqual(parseStreetAddress('12B Baker St.', 'Apt 3'), { number: '12b', street: 'bakerstreet', unit: '3' });
  assert.deepEqual(parseStreetAddress('455 Broadway #4'), { number: '455', street: 'broadway', unit: '4' });
  assert.deepEqual(parseStreetAddress('Hauptstr. 5'), parseStreetAddress('Hauptstraße 5'));
  assert.deepEqual(parseStreetAddress('Hauptstraße Nr. 5'), { number: '5', street: 'hauptstrasse', unit: '' });
  assert.deepEqual(parseStreetAddress('10 N Main Ave'), parseStreetAddress('10 North Main Avenue'));
  assert.equal(parseStreetAddress('   '), undefined);
});

const street = (line1: string, line2?: string) =>
  person({ firstName: 'Ana', lastName: 'Silva', street: line1, streetLine2: line2 });
const compared = (a: string, b: string, a2?: string, b2?: string) =>
  score(street(a, a2), street(b, b2)).fields.find((f) => f.field === 'street')!;

test('the same address written differently is exact; a typo in street or number is close', () => {
  assert.equal(compared('12 Oak Street', '12 oak st').level, 'exact');
  assert.equal(compared('12 Oak Street, Apt 3', '12 Oak Street').level, 'exact', 'a unit left out does not contradict');
  assert.equal(compared('12 Oak Street', '12 Oka Street').level, 'close');
  assert.equal(compared('12 Oak Street', '21 Oak Street').level, 'close');
  assert.equal(
    compared('12 Oak Street', '12 Oak Street', 'Apt 3', 'Apt 4').level,
    'close',
    'another unit of the building',
  );
});

test('another house in the same street is weak evidence; another street is evidence against', () => {
  const [exact, close, sameStreet, other] = [
    compared('12 Oak Street', '12 Oak St'),
    compared('12 Oak Street', '12 Oka Street'),
    compared('12 Oak Street', '240 Oak Street'),
    compared('12 Oak Street', '3 Elm Road'),
  ];
  assert.equal(sameStreet.level, 'street');
  assert.equal(other.level, 'different');
  assert.ok(
    exact.weight > close.weight && close.weight > sameStreet.weight && sameStreet.weight > 0 && other.weight < 0,
  );
});

test('a household is filed under its address, so a person found by nothing else is still a candidate', () => {
  const keys = blockingKeys(person({ street: '12 Oak St.' }));
  assert.deepEqual(keys, blockingKeys(person({ street: '12 Oak Street' })));
  assert.ok(keys.includes('a:12:oakstreet'));
});
