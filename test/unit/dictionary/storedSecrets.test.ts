import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPolicy, storedSecretPaths } from '../../../lib/dictionary/defaultPolicy';
import { SecretPolicy } from '../../../lib/privacy/policy';

test('the store encrypts by default what the default dictionary calls secret, as its golden record holds it', () => {
  assert.deepEqual(storedSecretPaths(defaultPolicy), ['dateOfBirth', 'nationalId']);
});

test('a secret part of a listed whole is not listed again, and list fields reach every item', () => {
  const policy = SecretPolicy.of({
    fields: [
      { name: 'person.bank', sensitivity: 'secret' },
      { name: 'person.bank.iban', sensitivity: 'secret' },
      { name: 'person.emails[].value', sensitivity: 'secret' },
      { name: 'person.legalName.first', sensitivity: 'personal' },
    ],
  });
  assert.deepEqual(storedSecretPaths(policy), ['bank', 'emails.value']);
  for (const path of storedSecretPaths(policy))
    assert.ok(policy.isSecretField(path), `${path} is masked by the same policy`);
});
