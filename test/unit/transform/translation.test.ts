import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTranslation, translate } from '../../../lib/transform/translation';
import { HrError } from '../../../lib/errors';

const employmentTypes = { 'Full-time': 'full_time', 'Part-time': 'part_time', Contractor: 'contractor' };

test('a Greenhouse employment type is translated to the canonical value', () => {
  assert.equal(translate('Full-time', employmentTypes), 'full_time');
});

test('a value not in the table is an error naming the value and every allowed value', () => {
  assert.throws(
    () => translate('Full time', employmentTypes, { what: 'employment type' }),
    (err: unknown) =>
      err instanceof HrError &&
      err.code === 'transform.enum_no_match' &&
      err.message ===
        '"Full time" is not a known employment type; allowed values: "Full-time", "Part-time", "Contractor".',
  );
});

test('by default the match is exact, so a differently cased value is not accepted', () => {
  assert.throws(
    () => translate('full-time', employmentTypes),
    (err: unknown) => err instanceof HrError && err.code === 'transform.enum_no_match',
  );
});

test('a loose table ignores case and extra spaces', () => {
  const toCanonical = compileTranslation(employmentTypes, { loose: true });
  assert.equal(toCanonical('  FULL-TIME '), 'full_time');
  assert.equal(toCanonical('contractor'), 'contractor');
  assert.throws(
    () => toCanonical('Intern'),
    (err: unknown) => err instanceof HrError && /case and spaces ignored/.test(err.message),
  );
});

test('a loose table whose keys collide is refused when compiled', () => {
  assert.throws(
    () =>
      compileTranslation(
        { 'Full-time': 'full_time', 'full-time ': 'part_time' },
        { loose: true, what: 'employment type' },
      ),
    (err: unknown) =>
      err instanceof HrError &&
      err.code === 'transform.translation_invalid' &&
      /"Full-time" and "full-time "/.test(err.message),
  );
});

test('numbers and booleans are matched by their text; a missing value is an error', () => {
  assert.equal(translate(1, { '1': 'active', '0': 'inactive' }), 'active');
  assert.equal(translate(true, { true: 'Exempt', false: 'Non-exempt' }), 'Exempt');
  assert.throws(
    () => translate(undefined, employmentTypes),
    (err: unknown) => err instanceof HrError && err.code === 'transform.enum_no_match' && /no value/.test(err.message),
  );
});
