import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileValidator } from '../../../lib/dictionary/validator';
import { defaultDictionary } from '../../../lib/dictionary/defaultDictionary';
import { sampleHire } from '../model/sampleHire';

const validateHire = compileValidator(defaultDictionary);

test('an e-mail the ATS sent unreadable stops the hire naming the field, without the value in the message', () => {
  const hire = sampleHire();
  hire.person.emails = [{ address: 'ana.silva@@example', type: 'work', invalid: 'is not an e-mail address' }];
  const report = validateHire(hire);
  assert.equal(report.status, 'invalid');
  assert.deepEqual(
    report.errors.map((e) => [e.field, e.rule]),
    [['person.emails.0.address', 'format']],
  );
  assert.match(
    report.errors[0]!.message,
    /^The work e-mail \(person\.emails\.0\.address\) the ATS sent is not an e-mail address/,
  );
  assert.doesNotMatch(report.errors[0]!.message, /ana\.silva/);
});

test('a phone the ATS sent unreadable stops the hire with the reason', () => {
  const hire = sampleHire();
  hire.person.phones = [{ number: '+44 20 7946', type: 'home', invalid: 'is not a valid number in GB' }];
  const report = validateHire(hire);
  assert.deepEqual(
    report.errors.map((e) => e.field),
    ['person.phones.0.number'],
  );
  assert.match(report.errors[0]!.message, /home phone .* is not a valid number in GB/);
});

test('a value left behind by the mapper is held only when the dictionary requires it and the validator is asked to', () => {
  const validate = compileValidator(defaultDictionary, { holdNotSent: true });
  const notSent = [{ path: 'person.phones[type=home].number' }, { path: 'job.requisitionId' }];
  const report = validate(sampleHire(), sampleHire(), notSent);
  assert.equal(report.status, 'review');
  assert.deepEqual(
    report.review.map((r) => [r.field, r.rule]),
    [['person.phones[type=home].number', 'not_sent']],
  );
  assert.equal(validateHire(sampleHire(), sampleHire(), notSent).status, 'valid');
});
