import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { digestNationalId, nationalIdsAlike, score, type NationalIdDigests } from '../../../lib/match';
import { person } from './people';

const key = crypto.randomBytes(32);
const digest = (id: string, k = key) => digestNationalId(id, k) as NationalIdDigests;
const alike = (a: string, b: string) => nationalIdsAlike(digest(a), digest(b));

test('the same id however it is punctuated or spaced is exact', () => {
  assert.equal(alike('123-45-6789', '123 45 6789'), 'exact');
  assert.equal(alike('ab 12 34 56 c', 'AB123456C'), 'exact');
});

test('one keystroke apart is close: a digit wrong, two neighbours swapped, a digit dropped or added', () => {
  assert.equal(alike('123456789', '123456780'), 'close');
  assert.equal(alike('123456789', '124356789'), 'close');
  assert.equal(alike('123456789', '12345689'), 'close');
  assert.equal(alike('12345689', '123456789'), 'close');
});

test('two keystrokes apart, or another id, is different', () => {
  assert.equal(alike('123456789', '123456700'), 'different');
  assert.equal(alike('123456789', '987654321'), 'different');
});

test('neither the id nor any digit of it is in what is kept, and another store key gives other hashes', () => {
  const d = digest('123-45-6789');
  assert.doesNotMatch(JSON.stringify(d), /123|6789/);
  assert.equal(d.near.length, 9);
  assert.equal(nationalIdsAlike(d, digest('123-45-6789', crypto.randomBytes(32))), 'different');
});

test('an id too short to tell people apart is not compared', () => {
  assert.equal(digestNationalId('12-3', key), undefined);
  assert.equal(digestNationalId(undefined, key), undefined);
});

test('an agreeing national id is strong evidence, one keystroke off weak evidence, another id evidence against', () => {
  const ana = person({ firstName: 'Ana', lastName: 'Silva', nationalId: digest('123-45-6789') });
  const weight = (id: string) =>
    score(person({ firstName: 'Ana', lastName: 'Silva', nationalId: digest(id) }), ana).fields.find(
      (f) => f.field === 'nationalId',
    )!;
  const [exact, close, different] = [weight('123456789'), weight('123456798'), weight('555443333')];
  assert.deepEqual([exact.level, close.level, different.level], ['exact', 'close', 'different']);
  assert.ok(exact.weight > 20 && close.weight > 5 && close.weight < exact.weight && different.weight < 0);
  assert.doesNotMatch(JSON.stringify([exact, close, different]), /123|456|789/, 'the explanation shows no digit');
});
