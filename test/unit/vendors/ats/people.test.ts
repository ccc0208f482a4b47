import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliser } from '../../../../lib/vendors/ats/people';
import { Person } from '../../../../lib/model/person';

test('a UK landline is read to E.164 with the connection country', () => {
  const n = normaliser({ defaultCountry: 'GB', timeZone: 'UTC' });
  assert.deepEqual(n.phones([{ number: '020 7946 0958', type: 'home' }]), [{ number: '+442079460958', type: 'home' }]);
  assert.deepEqual(n.warnings, []);
});

test('an unreadable e-mail or phone is kept as sent, marked invalid with the reason, and the warning holds no value', () => {
  const n = normaliser({ defaultCountry: 'GB', timeZone: 'UTC' });
  const emails = n.emails([{ address: ' ana.silva@@example ', type: 'work' }]);
  const phones = n.phones([{ number: '020 7946', type: 'home' }]);
  assert.deepEqual(emails, [{ address: 'ana.silva@@example', type: 'work', invalid: 'is not an e-mail address' }]);
  assert.equal(phones.length, 1);
  assert.equal(phones[0]!.number, '020 7946');
  assert.match(phones[0]!.invalid ?? '', /./);
  assert.equal(n.warnings.length, 2);
  assert.ok(
    n.warnings.every((w) => !w.includes('ana.silva') && !w.includes('7946')),
    n.warnings.join(' | '),
  );
});

test('the person model accepts a contact marked invalid and refuses an unmarked one that is not valid', () => {
  const person = {
    legalName: { first: 'Ana', last: 'Silva' },
    emails: [{ address: 'x@@y', type: 'work', invalid: 'is not an e-mail address' }],
    phones: [],
  };
  assert.equal(Person.safeParse(person).success, true);
  assert.equal(Person.safeParse({ ...person, emails: [{ address: 'x@@y', type: 'work' }] }).success, false);
});

test('an empty e-mail or phone is no contact at all, not an invalid one', () => {
  const n = normaliser({ timeZone: 'UTC' });
  assert.deepEqual(n.emails([{ address: '  ', type: 'work' }]), []);
  assert.deepEqual(n.phones([{ number: '', type: 'home' }]), []);
});
