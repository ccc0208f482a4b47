import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measure, truncate } from '../../../lib/transform/truncate';
import { HrError } from '../../../lib/errors';

const fullTextUrl = 'https://ats.example.com/c/42';
const reference = ` … (full text: ${fullTextUrl})`;
const isWellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

test('text that fits is returned unchanged', () => {
  assert.equal(truncate('Strong SQL skills.', { maxLength: 18, fullTextUrl }), 'Strong SQL skills.');
});

test('long text is cut and ends with a link to the full text, within the limit', () => {
  const note = 'Great communicator with strong SQL and a decade of payroll integration experience. '.repeat(5);
  const cut = truncate(note, { maxLength: 80, fullTextUrl });
  assert.equal(cut.length <= 80, true);
  assert.ok(cut.endsWith(reference));
  assert.ok(note.startsWith(cut.slice(0, -reference.length)));
  assert.equal(cut, `Great communicator with strong SQL a${reference}`);
});

test('an emoji is never split into half a surrogate pair', () => {
  const text = '😀'.repeat(60);
  for (const maxLength of [50, 51, 52, 53]) {
    const cut = truncate(text, { maxLength, fullTextUrl, unit: 'utf16' });
    assert.ok(isWellFormed(cut), `well formed at ${maxLength}`);
    assert.ok(cut.length <= maxLength);
  }
});

test('an accented letter and a family emoji stay whole', () => {
  const decomposed = 'Rene\u0301 ';
  const family = '👨\u200D👩\u200D👧';
  const text = `${decomposed}${family}${'x'.repeat(60)}`;
  for (let maxLength = reference.length; maxLength < reference.length + 12; maxLength++) {
    const kept = truncate(text, { maxLength, fullTextUrl }).slice(0, -reference.length);
    assert.ok(text.startsWith(kept));
    assert.ok(!kept.endsWith('Rene'), 'the accent is not separated from its letter');
    assert.ok(!kept.includes('👨') || kept.includes(family), 'the family is kept whole or not at all');
  }
});

test('a limit in UTF-8 bytes counts multi-byte characters as their bytes', () => {
  const text = 'Müller-Lüdenscheidt, Ärztin für Allgemeinmedizin, Überweisung für Ökotrophologie';
  const cut = truncate(text, { maxLength: 60, fullTextUrl, unit: 'utf8' });
  assert.ok(Buffer.byteLength(cut, 'utf8') <= 60);
  assert.equal(measure(cut, 'utf8'), Buffer.byteLength(cut, 'utf8'));
  assert.ok(cut.endsWith(reference));
});

test('a reference that does not fit the limit is an error, not a silent cut', () => {
  assert.throws(
    () => truncate('x'.repeat(100), { maxLength: 20, fullTextUrl }),
    (err: unknown) =>
      err instanceof HrError && err.code === 'transform.truncate_reference_too_long' && /limit of 20/.test(err.message),
  );
});
