import { test } from 'node:test';
import assert from 'node:assert/strict';
import { score } from '../../../lib/match/score';
import { decide } from '../../../lib/match/resolve';
import type { MatchExplanation } from '../../../lib/match/types';
import { frequencies, person } from './people';

const level = (e: MatchExplanation, field: string) => e.fields.find((f) => f.field === field)?.level;
const weight = (e: MatchExplanation, field: string) => e.fields.find((f) => f.field === field)?.weight ?? NaN;

const john = person({
  firstName: 'John',
  lastName: 'Smith',
  emails: ['john.smith@example.com'],
  phones: ['+447700900123'],
  dateOfBirth: '1985-03-02',
});
const storeFrequencies = frequencies({ john: 0.033, siobhan: 0.0002 }, { smith: 0.01, okonkwo: 0.0001 });

test('the same person with a differently cased email, the same phone and Jon for John is merged', () => {
  const incoming = person({
    firstName: 'Jon',
    lastName: 'Smith',
    emails: ['John.Smith@Example.COM'],
    phones: ['+447700900123'],
  });
  const e = score(incoming, john, { nameFrequency: storeFrequencies });
  assert.equal(level(e, 'forename'), 'nickname');
  assert.equal(level(e, 'email'), 'exact');
  assert.equal(level(e, 'phone'), 'exact');
  assert.equal(decide(e.probability), 'merge');
});

test('the same name with a different email and phone is not merged', () => {
  const incoming = person({
    firstName: 'John',
    lastName: 'Smith',
    emails: ['jsmith@other.org'],
    phones: ['+447700900999'],
  });
  assert.notEqual(decide(score(incoming, john, { nameFrequency: storeFrequencies }).probability), 'merge');
  assert.notEqual(decide(score(incoming, john).probability), 'merge', 'nor without a frequency table');
});

test('true namesakes, a common John Smith with another date of birth, are not merged', () => {
  const namesake = person({
    firstName: 'John',
    lastName: 'Smith',
    emails: ['john.smith2@example.com'],
    dateOfBirth: '1979-11-23',
  });
  const e = score(namesake, john, { nameFrequency: storeFrequencies });
  assert.equal(decide(e.probability), 'new');
});

test('an agreeing common surname counts for less than an agreeing rare one', () => {
  const smith = score(person({ lastName: 'Smith' }), person({ lastName: 'Smith' }), {
    nameFrequency: storeFrequencies,
  });
  const okonkwo = score(person({ lastName: 'Okonkwo' }), person({ lastName: 'Okonkwo' }), {
    nameFrequency: storeFrequencies,
  });
  assert.ok(
    weight(smith, 'surname') < weight(okonkwo, 'surname'),
    `${weight(smith, 'surname')} vs ${weight(okonkwo, 'surname')}`,
  );
  assert.match(smith.fields.find((f) => f.field === 'surname')?.detail ?? '', /1\.0 % of persons/);
});

test('a rare name agreeing counts for a lot, a common one for little', () => {
  const rare = score(
    person({ firstName: 'Siobhan', lastName: 'Okonkwo' }),
    person({ firstName: 'Siobhan', lastName: 'Okonkwo' }),
    { nameFrequency: storeFrequencies },
  );
  const common = score(
    person({ firstName: 'John', lastName: 'Smith' }),
    person({ firstName: 'John', lastName: 'Smith' }),
    { nameFrequency: storeFrequencies },
  );
  assert.ok(rare.probability > 0.95 && common.probability < 0.05, `${rare.probability} vs ${common.probability}`);
});

test('forename and surname entered the other way round are recognised as swapped', () => {
  const incoming = person({ firstName: 'Smith', lastName: 'John', dateOfBirth: '1985-03-02' });
  const e = score(incoming, john);
  assert.equal(level(e, 'forename'), 'swapped');
  assert.equal(level(e, 'surname'), 'swapped');
  assert.ok(weight(e, 'forename') > 0 && weight(e, 'surname') > 0);
});

test('swapped names are recognised even when one of them is a nickname', () => {
  const e = score(person({ firstName: 'Smith', lastName: 'Jon' }), john);
  assert.equal(level(e, 'forename'), 'swapped');
});

test('an identical email alone is enough to merge', () => {
  assert.equal(decide(score(person({ emails: ['JOHN.SMITH@example.com'] }), john).probability), 'merge');
});

test('an identical email with totally different names goes to review, not merge', () => {
  const e = score(person({ firstName: 'Priya', lastName: 'Raman', emails: ['john.smith@example.com'] }), john);
  assert.equal(decide(e.probability), 'review');
});

test('the same external id in the same system alone is enough to merge', () => {
  const a = person({ externalIds: [{ system: 'greenhouse', id: '981' }] });
  const b = person({ firstName: 'Ana', externalIds: [{ system: 'Greenhouse', id: '981' }] });
  assert.equal(decide(score(a, b).probability), 'merge');
});

test('a missing field weighs nothing either way', () => {
  const e = score(person({ firstName: 'John' }), john);
  for (const field of ['surname', 'email', 'phone', 'dateOfBirth', 'location', 'street', 'nationalId', 'externalId']) {
    assert.equal(level(e, field), 'missing');
    assert.equal(weight(e, field), 0);
  }
});

test('typos grade by Jaro-Winkler, and a double surname sharing one part is a partial match', () => {
  assert.equal(level(score(person({ lastName: 'Smiht' }), john), 'surname'), 'jw92');
  assert.equal(level(score(person({ lastName: 'Smyth' }), john), 'surname'), 'jw88');
  assert.equal(level(score(person({ firstName: 'Jhon' }), john), 'forename'), 'jw92');
  assert.equal(
    level(score(person({ lastName: 'García' }), person({ lastName: 'García López' })), 'surname'),
    'partial',
  );
});

test('a preferred name is compared as well as the legal first name', () => {
  const incoming = person({ firstName: 'Bill', lastName: 'Smith' });
  assert.equal(
    level(score(incoming, person({ firstName: 'Robert William', preferredName: 'Bill' })), 'forename'),
    'exact',
  );
});

test('the explanation adds up: the match weight is the prior plus every field, and gives the probability', () => {
  const e = score(person({ firstName: 'John', lastName: 'Smith', dateOfBirth: '1985-03-02' }), john);
  assert.equal(e.fields.length, 9);
  assert.ok(Math.abs(e.matchWeight - e.fields.reduce((s, f) => s + f.weight, e.priorWeight)) < 1e-9);
  assert.ok(Math.abs(e.probability - 1 / (1 + 2 ** -e.matchWeight)) < 1e-12);
  for (const f of e.fields) assert.ok(f.detail.length > 0, `${f.field} explains itself`);
});

test('an overwhelming match is probability 1, not NaN', () => {
  const twin = { ...john, externalIds: [{ system: 'greenhouse', id: '1' }] };
  const e = score(twin, twin);
  assert.equal(e.probability, 1);
});

test('a day and month entered the other way round is a close date of birth', () => {
  assert.equal(level(score(person({ dateOfBirth: '1985-02-03' }), john), 'dateOfBirth'), 'close');
  assert.equal(level(score(person({ dateOfBirth: '1985-03-12' }), john), 'dateOfBirth'), 'close');
});
