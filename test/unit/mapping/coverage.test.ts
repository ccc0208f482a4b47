import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileMapper } from '../../../lib/mapping/mapperConfig';
import { startingTables } from '../../../lib/mapping/startingTables';
import { startingMappings } from '../../../lib/mapping/startingMappings';
import { sampleHire } from '../../../lib/mapping/sampleHire';
import { MASK } from '../../../lib/mask';

const ukHire = () => {
  const hire = sampleHire();
  hire.person.phones = [
    { number: '+442079460958', type: 'home' },
    { number: '+447911123456', type: 'other' },
  ];
  return hire;
};

const coverageOf = (rows: unknown) => {
  const mapper = compileMapper({ mode: 'table', rows });
  assert.ok(mapper.coverage);
  return mapper.coverage;
};

test('every phone and e-mail the BambooHR starting table can send counts as sent; a type it has no field for is listed, masked', () => {
  const notSent = coverageOf(startingTables.bamboohr)(ukHire());
  // The starting table sends no employment type: BambooHR keeps it in a table of its own.
  assert.deepEqual(notSent, [
    { path: 'person.phones[type=other].number', value: MASK },
    { path: 'offer.employmentType', value: 'full_time' },
  ]);
});

test('a table that forgot the home phone lists it as not sent', () => {
  const rows = startingTables.bamboohr.filter((r) => r.target !== 'homePhone');
  assert.deepEqual(
    coverageOf(rows)(ukHire()).map((n) => n.path),
    ['person.phones[type=home].number', 'person.phones[type=other].number', 'offer.employmentType'],
  );
});

test('Personio persons hold one e-mail and no phone: the rest is listed, and offer values are shown as they are', () => {
  const notSent = coverageOf(startingTables.personio)(ukHire());
  assert.deepEqual(
    notSent.map((n) => n.path),
    [
      'person.emails[type=personal].address',
      'person.phones[type=home].number',
      'person.phones[type=other].number',
      'offer.department',
      'offer.location',
      'offer.compensation.amount',
      'offer.compensation.currency',
      'offer.compensation.period',
    ],
  );
  assert.equal(notSent.find((n) => n.path === 'offer.compensation.amount')?.value, '103000.00');
});

test('the second of two alternatives counts only when the first had no value', () => {
  const rows = [{ target: 'site', from: 'path', source: 'offer.location | job.office.name' }];
  const hire = sampleHire();
  assert.ok(!coverageOf(rows)(hire).some((n) => n.path === 'offer.location'));
  delete hire.offer.location;
  assert.ok(!coverageOf(rows)(hire).some((n) => n.path === 'offer.location'));
});

test('a mapping whose rows may read anything (JSONata) has no coverage rather than a wrong one', () => {
  assert.equal(compileMapper({ mode: 'jsonata', expression: startingMappings.bamboohr }).coverage, null);
  assert.equal(
    compileMapper({ mode: 'table', rows: [{ target: 'x', from: 'jsonata', source: 'person' }] }).coverage,
    null,
  );
});
