import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOfficeTable, readLocationText, workLocationFor } from '../../../../lib/vendors/checkr/workLocation';

const US_DEFAULT = { country: 'US' };

test('an office written "City, ST" is read as that US state and city', () => {
  assert.deepEqual(readLocationText('New York, NY'), { country: 'US', state: 'NY', city: 'New York' });
  assert.deepEqual(readLocationText('Austin, Texas'), { country: 'US', state: 'TX', city: 'Austin' });
  assert.deepEqual(readLocationText('San Francisco, CA, USA'), { country: 'US', state: 'CA', city: 'San Francisco' });
});

test('a US street address gives its state; the street line is not taken for a city', () => {
  assert.deepEqual(readLocationText('455 Broadway New York, NY 10280'), { country: 'US', state: 'NY' });
  assert.deepEqual(readLocationText('1 Main St, Springfield, IL 62701'), {
    country: 'US',
    state: 'IL',
    city: 'Springfield',
  });
});

test('an office outside the US is read by its country name or code', () => {
  assert.deepEqual(readLocationText('London, United Kingdom'), { country: 'GB', city: 'London' });
  assert.deepEqual(readLocationText('London, UK'), { country: 'GB', city: 'London' });
  assert.deepEqual(readLocationText('Berlin, Germany'), { country: 'DE', city: 'Berlin' });
});

test('a text that does not say where it is reads as nothing', () => {
  assert.equal(readLocationText('London'), undefined);
  assert.equal(readLocationText('HQ, 3rd floor'), undefined);
  assert.equal(readLocationText('Remote'), undefined);
});

test('the office table is read first, by office name or location text, whatever the case', () => {
  const table = parseOfficeTable(
    '# office = country, state, city\nNew York City = US, NY, New York\nBerlin, DE = de, , Berlin\n',
  );
  assert.deepEqual(workLocationFor({ name: 'new york city', location: 'Somewhere' }, table, US_DEFAULT), {
    country: 'US',
    state: 'NY',
    city: 'New York',
  });
  // Without the row "Berlin, DE" would read as Delaware.
  assert.deepEqual(workLocationFor({ name: 'Berlin office', location: 'Berlin, DE' }, table, US_DEFAULT), {
    country: 'DE',
    city: 'Berlin',
  });
});

test('the location text is read when the table has no row; the default serves only a hire without an office', () => {
  assert.deepEqual(workLocationFor({ name: 'NYC', location: 'New York, NY' }, [], US_DEFAULT), {
    country: 'US',
    state: 'NY',
    city: 'New York',
  });
  assert.deepEqual(workLocationFor({ name: 'HQ', offerLocation: 'London, UK' }, [], US_DEFAULT), {
    country: 'GB',
    city: 'London',
  });
  assert.deepEqual(workLocationFor(undefined, [], { country: 'GB', city: 'London' }), {
    country: 'GB',
    city: 'London',
  });
});

test('a US office whose state cannot be read is held, naming the office and the line to add', () => {
  assert.throws(
    () => workLocationFor({ name: 'Chicago Loop', location: 'Chicago, USA' }, [], US_DEFAULT),
    (err: Error & { code?: string }) =>
      err.code === 'checkr.state_missing' && /Chicago Loop = US, <state>, <city>/.test(err.message),
  );
  assert.throws(
    () => workLocationFor({}, [], US_DEFAULT),
    (err: Error & { code?: string }) =>
      err.code === 'checkr.state_missing' && /default Checkr work location/.test(err.message),
  );
});

test('an office that says no country is held with the line to add, not sent with the default', () => {
  assert.throws(
    () => workLocationFor({ name: 'Riverside', location: 'Riverside' }, [], { country: 'US', state: 'CA' }),
    (err: Error & { code?: string }) =>
      err.code === 'checkr.office_unknown' && /"Riverside = country, state, city"/.test(err.message),
  );
});

test('a table line that is not "office = country, state, city" is refused with its line number', () => {
  assert.throws(() => parseOfficeTable('NYC = US, NY\nBoston, MA'), /line 2/);
  assert.throws(() => parseOfficeTable('Paris = France'), /line 1: "France" is not a two-letter country code/);
  assert.throws(() => parseOfficeTable('Denver = US, , Denver'), /line 1: a US office needs its two-letter state code/);
});
