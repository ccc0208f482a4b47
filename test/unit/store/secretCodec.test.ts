import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HrError } from '../../../lib/errors';
import { MASK, prepareCodec } from '../../../lib/store/secretCodec';

const key = Buffer.alloc(32, 1).toString('hex');
const codecFor = (secretFields: string[]) => prepareCodec({ file: 'test.db', secretFields, key }, null).codec;

test('only the secret paths of a record are encrypted, each with its own IV', () => {
  const codec = codecFor(['nationalId.value', 'bank.iban']);
  const record = {
    name: 'Ana',
    nationalId: { type: 'ssn', value: '123-45-6789' },
    bank: [{ iban: 'PT50' }, { iban: 'PT50' }],
  };
  const stored = JSON.parse(codec.encodeRecord(record));
  assert.equal(stored.name, 'Ana');
  assert.equal(stored.nationalId.type, 'ssn');
  assert.match(stored.nationalId.value, /^enc:v1:[0-9a-f]{8}:/);
  assert.notEqual(stored.bank[0].iban, stored.bank[1].iban);
  assert.deepEqual(codec.decode(JSON.stringify(stored)), record);
});

test('a provenance field is secret when its path is, whole or in part', () => {
  const codec = codecFor(['nationalId.value']);
  assert.match(JSON.parse(codec.encodeField('nationalId.value', '123')), /^enc:/);
  assert.match(JSON.parse(codec.encodeField('nationalId', { value: '123' })).value, /^enc:/);
  assert.equal(JSON.parse(codec.encodeField('name', 'Ana')), 'Ana');
});

test('audit values are masked at the secret paths', () => {
  assert.deepEqual(codecFor(['dateOfBirth']).mask({ dateOfBirth: '1990-01-01', name: 'Ana' }), {
    dateOfBirth: MASK,
    name: 'Ana',
  });
});

test('an altered encrypted value is reported, not returned', () => {
  const codec = codecFor([]);
  const token = codec.encodePayload({ ssn: '123' });
  const altered = token.slice(0, -6) + (token.endsWith('AAAA==') ? 'BBBB==' : 'AAAA==');
  assert.throws(
    () => codec.decode(altered),
    (err: unknown) => err instanceof HrError && err.code === 'store.corrupt',
  );
});
