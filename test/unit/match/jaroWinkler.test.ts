import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jaro, jaroWinkler } from '../../../lib/match/jaroWinkler';

const close = (actual: number, expected: number, digits = 3) =>
  assert.ok(Math.abs(actual - expected) < 10 ** -digits / 2, `${actual} is not ${expected} to ${digits} places`);

test('Jaro-Winkler gives the published reference values', () => {
  close(jaroWinkler('MARTHA', 'MARHTA'), 0.961);
  close(jaroWinkler('DWAYNE', 'DUANE'), 0.84);
  close(jaroWinkler('DIXON', 'DICKSONX'), 0.813);
  close(jaroWinkler('JONES', 'JOHNSON'), 0.832);
  close(jaroWinkler('class', 'clams'), 0.9067, 4);
});

test('Jaro without the prefix bonus gives its published values', () => {
  close(jaro('MARTHA', 'MARHTA'), 0.944);
  close(jaro('DWAYNE', 'DUANE'), 0.822);
  close(jaro('DIXON', 'DICKSONX'), 0.767);
});

test('identical strings score 1, including two empty ones', () => {
  assert.equal(jaroWinkler('siobhan', 'siobhan'), 1);
  assert.equal(jaroWinkler('', ''), 1);
});

test('an empty string against a non-empty one scores 0, and so do strings with no letter in common', () => {
  assert.equal(jaroWinkler('', 'ana'), 0);
  assert.equal(jaroWinkler('ana', ''), 0);
  assert.equal(jaroWinkler('abc', 'xyz'), 0);
});

test('a shared first letter does not lift two unrelated names (no bonus below Jaro 0.7)', () => {
  assert.equal(jaroWinkler('john', 'jane'), jaro('john', 'jane'));
});

test('the result is symmetric and within [0, 1] for arbitrary strings', () => {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = () => Array.from({ length: Math.floor(rand() * 9) }, () => 'abcde'[Math.floor(rand() * 5)]).join('');
  for (let n = 0; n < 2000; n++) {
    const [a, b] = [word(), word()];
    const s = jaroWinkler(a, b);
    assert.equal(s, jaroWinkler(b, a), `${a} / ${b}`);
    assert.ok(s >= 0 && s <= 1, `${a} / ${b}: ${s}`);
  }
});

test('letters outside the Basic Multilingual Plane count as one character each', () => {
  assert.equal(jaroWinkler('𝒜na', '𝒜na'), 1);
  close(jaroWinkler('𝒜nna', '𝒜na'), jaroWinkler('Anna', 'Ana'), 6);
});

test('values do not depend on what was compared before, long strings included', () => {
  const long = 'a-very-long-email-address-of-someone-who-likes-long-addresses@example.com'.repeat(2);
  const first = jaroWinkler('MARTHA', 'MARHTA');
  const longScore = jaroWinkler(long, `${long.slice(0, -3)}org`);
  assert.ok(longScore > 0.9 && longScore < 1);
  assert.equal(jaroWinkler(`${long.slice(0, -3)}org`, long), longScore);
  assert.equal(jaroWinkler('MARTHA', 'MARHTA'), first);
  close(first, 0.961);
});
