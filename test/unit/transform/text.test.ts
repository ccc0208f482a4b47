import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collapseWhitespace, lowerCase, normaliseEmail, titleCase, upperCase } from '../../../lib/transform/text';
import { HrError } from '../../../lib/errors';

test('whitespace, tabs, newlines and no-break spaces collapse to single spaces', () => {
  assert.equal(collapseWhitespace('  Senior\tPayroll\n\u00A0Analyst  '), 'Senior Payroll Analyst');
});

test('upper and lower case', () => {
  assert.equal(upperCase('sw1a 1aa'), 'SW1A 1AA');
  assert.equal(lowerCase('Ana.SILVA'), 'ana.silva');
});

test('title case capitalises each word, hyphenated parts and Irish O-names', () => {
  assert.equal(titleCase('MARY-JANE  O’BRIEN'), 'Mary-Jane O’Brien');
  assert.equal(titleCase("senior software engineer, it's new"), "Senior Software Engineer, It's New");
  assert.equal(titleCase('émile zola'), 'Émile Zola');
});

test('an email is trimmed and lower-cased', () => {
  assert.equal(normaliseEmail('  Ana.Silva@Example.COM '), 'ana.silva@example.com');
});

test('something that is not an email is refused', () => {
  assert.throws(
    () => normaliseEmail('ana at example.com'),
    (err: unknown) =>
      err instanceof HrError && err.code === 'transform.email_invalid' && /"ana at example.com"/.test(err.message),
  );
});
