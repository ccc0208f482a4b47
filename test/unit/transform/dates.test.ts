import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toIsoDate, toIsoDateTime } from '../../../lib/transform/dates';
import { HrError } from '../../../lib/errors';

const utc = { zone: 'UTC' };
const isCode = (code: string, message?: RegExp) => (err: unknown) =>
  err instanceof HrError && err.code === code && (message === undefined || message.test(err.message));

test('a Greenhouse hire start date (YYYY-MM-DD) stays the same day whatever the zone', () => {
  assert.equal(toIsoDate('2015-01-23', { zone: 'Pacific/Auckland' }), '2015-01-23');
  assert.equal(toIsoDate('2015-01-23', { zone: 'America/Los_Angeles' }), '2015-01-23');
});

test('a Greenhouse offer start date written MM/DD/YYYY becomes an ISO date', () => {
  assert.equal(toIsoDate('04/15/2013', { ...utc, format: 'MM/DD/YYYY' }), '2013-04-15');
  assert.equal(toIsoDate('04/15/2013', utc), '2013-04-15', 'only one reading exists, so no format is needed');
});

test('a slash date that reads two ways is refused unless its format is declared', () => {
  assert.throws(() => toIsoDate('03/04/2026', utc), isCode('transform.date_ambiguous', /2026-03-04.*2026-04-03/));
  assert.equal(toIsoDate('03/04/2026', { ...utc, format: 'MM/DD/YYYY' }), '2026-03-04');
  assert.equal(toIsoDate('03/04/2026', { ...utc, format: 'DD/MM/YYYY' }), '2026-04-03');
  assert.equal(toIsoDate('05/05/2026', utc), '2026-05-05', 'both readings are the same day');
});

test('a day-first date is only read day-first when the caller says so', () => {
  assert.throws(
    () => toIsoDate('15/04/2013', utc),
    isCode('transform.date_unparseable', /declare the format DD\/MM\/YYYY/),
  );
  assert.equal(toIsoDate('15/04/2013', { ...utc, format: 'DD/MM/YYYY' }), '2013-04-15');
});

test('an instant becomes the calendar date in the given time zone', () => {
  assert.equal(toIsoDate('2026-03-05T03:00:00Z', { zone: 'America/New_York' }), '2026-03-04');
  assert.equal(toIsoDate('2026-03-05T03:00:00Z', { zone: 'Europe/London' }), '2026-03-05');
});

test('a Lever millisecond timestamp becomes a date and a date-time in the zone', () => {
  assert.equal(toIsoDate(1487969358224, { zone: 'UTC' }), '2017-02-24');
  assert.equal(toIsoDateTime(1487969358224, { zone: 'America/New_York' }), '2017-02-24T15:49:18.224-05:00');
});

test('a seconds timestamp is read only when declared, because its unit cannot be told from its size', () => {
  assert.throws(() => toIsoDate(1767225600, utc), isCode('transform.date_ambiguous', /epoch_s or epoch_ms/));
  assert.equal(toIsoDate(1767225600, { ...utc, format: 'epoch_s' }), '2026-01-01');
  assert.equal(toIsoDate('1767225600', { zone: 'America/Los_Angeles', format: 'epoch_s' }), '2025-12-31');
});

test('a date-time without an offset is taken as local time in the zone', () => {
  assert.equal(toIsoDateTime('2026-07-01T09:00:00', { zone: 'Europe/Berlin' }), '2026-07-01T09:00:00+02:00');
});

test('a bare date as a date-time is the start of that day in the zone', () => {
  assert.equal(toIsoDateTime('2026-01-23', { zone: 'America/Chicago' }), '2026-01-23T00:00:00-06:00');
});

test('an impossible date is refused with the reason', () => {
  assert.throws(() => toIsoDate('2026-02-30', utc), isCode('transform.date_unparseable', /"2026-02-30"/));
  assert.throws(
    () => toIsoDate('02/30/2026', { ...utc, format: 'MM/DD/YYYY' }),
    isCode('transform.date_unparseable', /not a real date/),
  );
  assert.throws(() => toIsoDate('next Tuesday', utc), isCode('transform.date_unparseable', /known format/));
});

test('a date in the wrong declared format is refused rather than guessed', () => {
  assert.throws(
    () => toIsoDate('2026-03-04', { ...utc, format: 'MM/DD/YYYY' }),
    isCode('transform.date_unparseable', /MM\/DD\/YYYY/),
  );
  assert.throws(() => toIsoDate(1487969358224, { ...utc, format: 'iso' }), isCode('transform.date_unparseable'));
});

test('an unknown time zone is refused', () => {
  assert.throws(
    () => toIsoDate('2026-03-04', { zone: 'Mars/Olympus' }),
    isCode('transform.zone_invalid', /Mars\/Olympus/),
  );
});
