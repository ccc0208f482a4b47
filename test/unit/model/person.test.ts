import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Person } from '../../../lib/model/person';

const person = {
  guid: '0f8fad5b-d9cb-469f-a165-70867728950e',
  legalName: { first: 'Ana', middle: 'Maria', last: 'Silva' },
  preferredName: 'Ani',
  emails: [
    { address: 'ana@corp.example', type: 'work' },
    { address: 'ana.silva@gmail.example', type: 'personal' },
  ],
  phones: [{ number: '+447911123456', type: 'mobile' }],
  address: { line1: '10 Downing Street', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' },
  dateOfBirth: '1971-06-30',
  nationalId: { type: 'nin', value: 'QQ123456C', country: 'GB' },
  consent: { backgroundCheck: true, dataProcessing: true, marketing: false },
};

const problems = (value: unknown) => {
  const parsed = Person.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

test('a complete person with every optional part is accepted', () => {
  assert.deepEqual(problems(person), []);
});

test('a phone must already be E.164', () => {
  assert.deepEqual(problems({ ...person, phones: [{ number: '07911 123456', type: 'mobile' }] }), ['phones.0.number']);
});

test('a country must be an ISO 3166 alpha-2 code: "UK" is not one', () => {
  assert.deepEqual(problems({ ...person, address: { ...person.address, country: 'UK' } }), ['address.country']);
});

test('a date of birth must be a real YYYY-MM-DD date', () => {
  assert.deepEqual(problems({ ...person, dateOfBirth: '1971-02-30' }), ['dateOfBirth']);
});

test('consent flags are yes or no, including flags the package does not know', () => {
  assert.deepEqual(problems({ ...person, consent: { marketing: 'yes' } }), ['consent.marketing']);
});

test('a blank legal first name is refused', () => {
  assert.deepEqual(problems({ ...person, legalName: { first: '  ', last: 'Silva' } }), ['legalName.first']);
});

test('an unknown email type is refused', () => {
  assert.deepEqual(problems({ ...person, emails: [{ address: 'ana@corp.example', type: 'skype' }] }), [
    'emails.0.type',
  ]);
});
