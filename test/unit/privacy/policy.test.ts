import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDictionary } from '../../../lib/dictionary/defaultDictionary';
import type { Dictionary } from '../../../lib/dictionary/field';
import { MASK } from '../../../lib/mask';
import { SecretPolicy } from '../../../lib/privacy/policy';
import { defaultPolicy } from '../../../lib/dictionary/defaultPolicy';
import { isSecretKey } from '../../../lib/privacy/keys';

/** The default dictionary plus a custom field the user marked secret, and one they marked personal. */
const custom: Dictionary = {
  version: 'custom-1',
  fields: [
    ...defaultDictionary.fields,
    {
      name: 'person.custom.badgePin',
      label: 'Badge PIN',
      type: 'string',
      required: false,
      owner: 'hris',
      syncDirection: 'none',
      sensitivity: 'secret',
    },
    {
      name: 'person.custom.shoeSize',
      label: 'Shoe size',
      type: 'string',
      required: false,
      owner: 'ats',
      syncDirection: 'ats_to_hris',
      sensitivity: 'personal',
    },
  ],
};
const policy = SecretPolicy.of(custom);

test('a field the user marks secret in their own dictionary is masked, in the record and where a text echoes it', () => {
  const record = { person: { custom: { badgePin: 'PIN-7731', shoeSize: '44' }, legalName: { first: 'Ana' } } };
  const out = policy.mask({ record, error: 'Badge PIN-7731 rejected' }, { echoesOf: record });
  assert.deepEqual(out, {
    record: { person: { custom: { badgePin: MASK, shoeSize: '44' }, legalName: { first: 'Ana' } } },
    error: `Badge ${MASK} rejected`,
  });
  assert.equal(
    defaultPolicy.mask(record).person.custom.badgePin,
    'PIN-7731',
    'the default dictionary knows no such field',
  );
});

test('personal fields are masked only for an audience without the right to see them; secrets always', () => {
  const person = {
    legalName: { first: 'Ana', last: 'Silva' },
    emails: [{ address: 'ana@example.com', type: 'personal' }],
    dateOfBirth: '1990-01-01',
    custom: { shoeSize: '44' },
  };
  const full = policy.mask(person);
  assert.equal(full.emails[0].address, 'ana@example.com');
  assert.equal(full.dateOfBirth, MASK);
  const restricted = policy.mask(person, { hidePersonal: true });
  assert.equal(restricted.emails[0].address, MASK);
  assert.equal(restricted.legalName.first, MASK);
  assert.equal(restricted.custom.shoeSize, MASK);
  const named = policy.mask(person, { hidePersonal: true, keepPersonal: (f) => f.startsWith('person.legalName') });
  assert.equal(named.legalName.first, 'Ana');
});

test('a key named like an identity number is masked whatever the dictionary says', () => {
  const out = defaultPolicy.mask({
    socialSecurityNumber: '987654321',
    driver_license_number: 'D123',
    ssn_last4: '4321',
    business: 'Acme',
    sinceDate: '2020-01-01',
  });
  assert.deepEqual(out, {
    socialSecurityNumber: MASK,
    driver_license_number: MASK,
    ssn_last4: MASK,
    business: 'Acme',
    sinceDate: '2020-01-01',
  });
  assert.ok(isSecretKey('bankAccountNumber') && isSecretKey('IBAN') && isSecretKey('nationalInsuranceNumber'));
  assert.ok(!isSecretKey('businessUnit') && !isSecretKey('position') && !isSecretKey('tinyUrl'));
});

test('free text is masked by the value patterns and by the echoed values of hidden fields', () => {
  assert.equal(defaultPolicy.text('SSN 111223333 on file'), `SSN ${MASK} on file`);
  const record = { dateOfBirth: '1990-04-17' };
  assert.equal(defaultPolicy.text('born 1990-04-17 is too young', { echoesOf: record }), `born ${MASK} is too young`);
});

test('secret and personal fields are told apart by their dictionary path, with or without person.', () => {
  assert.ok(policy.isSecretField('person.custom.badgePin') && policy.isSecretField('custom.badgePin'));
  assert.ok(policy.isPersonalField('person.custom.shoeSize') && !policy.isSecretField('person.custom.shoeSize'));
  assert.ok(!policy.isPersonalField('job.title'));
});
