import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDictionary } from '../../../lib/dictionary/defaultDictionary';
import { Dictionary } from '../../../lib/dictionary/field';
import { SecretPolicy } from '../../../lib/privacy/policy';

const field = (name: string) => {
  const found = defaultDictionary.fields.find((f) => f.name === name);
  assert.ok(found, `${name} is in the default dictionary`);
  return found;
};

test('the default dictionary is itself a valid dictionary', () => {
  assert.deepEqual(Dictionary.parse(defaultDictionary), defaultDictionary);
});

test('SSN, national id and date of birth are the secret fields, owned by the HRIS', () => {
  const secret = SecretPolicy.of(defaultDictionary).secretFields;
  assert.deepEqual(secret, [
    'person.dateOfBirth',
    'person.nationalId',
    'person.nationalId.type',
    'person.nationalId.value',
  ]);
  for (const name of secret) assert.equal(field(name).owner, 'hris');
});

test('the legal name is owned by the HRIS', () => {
  assert.equal(field('person.legalName.first').owner, 'hris');
  assert.equal(field('person.legalName.last').owner, 'hris');
});

test('the hire date cannot change once set', () => {
  assert.equal(field('employee.hireDate').immutable, true);
});

test('the employee id flows from the HRIS back to the ATS', () => {
  assert.deepEqual([field('employee.id').owner, field('employee.id').syncDirection], ['hris', 'hris_to_ats']);
});

test('interview feedback is internal and never synced', () => {
  assert.deepEqual(
    [field('application.interviewFeedback').sensitivity, field('application.interviewFeedback').syncDirection],
    ['internal', 'none'],
  );
});

test("the dictionary's secret policy hides the offer's pay from a viewer without personal access, and keeps job fields readable", () => {
  const policy = SecretPolicy.of(defaultDictionary);
  assert.ok(policy.personalFields.includes('offer.compensation'));
  assert.ok(!policy.personalFields.includes('job.title') && !policy.secretFields.includes('job.title'));
});
