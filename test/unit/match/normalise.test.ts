import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameForms, normaliseEmail, normaliseName } from '../../../lib/match/normalise';

test('names lose accents, case, punctuation and extra spaces', () => {
  assert.equal(normaliseName('  José   ÁLVAREZ '), 'jose alvarez');
  assert.equal(normaliseName('Zoë'), 'zoe');
  assert.equal(normaliseName('Nguyễn'), 'nguyen');
  assert.equal(normaliseName('Jean-Luc'), 'jean luc');
  assert.equal(normaliseName('J. R. R.'), 'j r r');
});

test('letters that do not decompose are folded to their Latin spelling', () => {
  assert.equal(normaliseName('Straße'), 'strasse');
  assert.equal(normaliseName('Łukasz Søren Æsir'), 'lukasz soren aesir');
});

test('an apostrophe joins rather than splits a surname', () => {
  assert.equal(normaliseName("O'Brien"), 'obrien');
  assert.equal(normaliseName('O’Brien'), 'obrien');
});

test('hyphenated, spaced and run-together surnames share one compact form', () => {
  assert.equal(nameForms('Garcia-Lopez')?.compact, nameForms('García López')?.compact);
  assert.equal(nameForms('van der Berg')?.compact, nameForms('Vanderberg')?.compact);
});

test('multi-part surnames keep their parts, without particles', () => {
  assert.deepEqual(nameForms('García López')?.parts, ['garcia', 'lopez']);
  assert.deepEqual(nameForms('van der Berg')?.parts, ['berg']);
  assert.deepEqual(nameForms('De')?.parts, ['de']);
  assert.equal(nameForms('  '), undefined);
});

test('emails are trimmed and lower-cased, and nothing more by default', () => {
  assert.equal(normaliseEmail('  Ana.Silva+jobs@Gmail.COM '), 'ana.silva+jobs@gmail.com');
});

test('with the Gmail-style option, +tags go everywhere and dots only at Gmail', () => {
  const gmailStyle = { gmailStyle: true };
  assert.equal(normaliseEmail('Ana.Silva+jobs@googlemail.com', gmailStyle), 'anasilva@gmail.com');
  assert.equal(normaliseEmail('ana.silva+jobs@acme.com', gmailStyle), 'ana.silva@acme.com');
});
