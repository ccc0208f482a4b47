/**
 * Every reading of text we do not control (stored records, vendor headers, amounts, pasted settings)
 * finishes in linear time: each case is 100,000 characters built to make a backtracking regular
 * expression retry every start. The quadratic versions took seconds to minutes here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { personIdentifiers } from '../../../lib/store/identifiers';
import { nextLink } from '../../../lib/vendors/ats/linkHeader';
import { idFromLocation } from '../../../lib/vendors/hris/answers';
import { formatAmount } from '../../../lib/transform/currency';
import { parseManualExpiries } from '../../../lib/health/credentials';
import { looksLikeEmail } from '../../../lib/transform/text';

const N = 100_000;

function fast<T>(name: string, run: () => T): T {
  const started = process.hrtime.bigint();
  const result = run();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(ms < 1_000, `${name} took ${ms.toFixed(0)} ms`);
  return result;
}

test('e-mail shapes in stored values are recognised in linear time, and as before', () => {
  assert.deepEqual(
    fast('a run of dots', () => personIdentifiers([`a@${'.'.repeat(N)}@`])),
    [],
  );
  assert.deepEqual(
    fast('a long domain', () => personIdentifiers([`a@${'b'.repeat(N)} `])),
    [],
  );
  assert.deepEqual(personIdentifiers(['Ana@Example.com']), ['email:ana@example.com']);
  for (const yes of ['a@b.c', 'a.b@c.d.e', 'x@y..z']) assert.ok(looksLikeEmail(yes), yes);
  for (const no of ['a@b', '@b.c', 'a@.c', 'a@c.', 'a b@c.d', 'a@b@c.d', 'a@bc']) assert.ok(!looksLikeEmail(no), no);
});

test("a vendor's Link and Location headers are read in linear time", () => {
  assert.equal(
    fast('Link of angle brackets', () => nextLink('<'.repeat(N))),
    undefined,
  );
  assert.equal(nextLink('<https://h/x?page=2>; rel="next", <https://h/x?page=9>; rel="last"'), 'https://h/x?page=2');
  assert.equal(
    fast('Location of slashes', () => idFromLocation(`https://h/v1/employees/${'/'.repeat(N)}x`)),
    'x',
  );
  assert.equal(idFromLocation('https://h/v1/employees/123/?a=b#c'), '123');
});

test('a long amount is grouped in linear time', () => {
  const grouped = fast('grouping 100,000 digits', () => formatAmount(BigInt('1'.repeat(N)), 'JPY', { grouping: true }));
  assert.equal(grouped.length, N + Math.floor((N - 1) / 3));
  assert.equal(formatAmount(10300000n, 'USD', { grouping: true }), '103,000.00');
  assert.equal(formatAmount(-123456n, 'JPY', { grouping: true }), '-123,456');
});

test('credential expiry lines are read in linear time, and as before', () => {
  assert.equal(fast('spaces with no "="', () => parseManualExpiries(`a${' '.repeat(N)}x`)).ok, false);
  const read = parseManualExpiries('BambooHR key = 2027-01-31\nx=y = 2026-12-01');
  assert.ok(read.ok);
  assert.deepEqual(
    read.value.map((e) => [e.label, e.expiresAt.toISOString().slice(0, 10)]),
    [
      ['BambooHR key', '2027-01-31'],
      ['x=y', '2026-12-01'],
    ],
  );
  assert.equal(parseManualExpiries(' = 2027-01-31').ok, false);
});
