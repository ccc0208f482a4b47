import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BackgroundCheck } from '../../../lib/model/backgroundCheck';
import { Candidate } from '../../../lib/model/candidate';
import { Compensation } from '../../../lib/model/compensation';
import { Employee } from '../../../lib/model/employee';

const problems = (
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } },
  value: unknown,
) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : (parsed.error?.issues ?? []).map((i) => i.path.join('.'));
};

const employee = {
  id: '4021',
  system: 'bamboohr',
  workEmail: 'ana@corp.example',
  status: 'active',
  hireDate: '2026-03-02',
};

test('a BambooHR employee is accepted, and a termination before the hire date is not', () => {
  assert.deepEqual(problems(Employee, employee), []);
  assert.deepEqual(problems(Employee, { ...employee, status: 'terminated', terminationDate: '2026-03-01' }), [
    'terminationDate',
  ]);
  assert.deepEqual(problems(Employee, { ...employee, status: 'terminated', terminationDate: '2026-09-30' }), []);
});

test('a Checkr report is accepted; a complete report must be clear or consider', () => {
  const check = {
    provider: 'checkr',
    candidateId: 'e44aa283528e6fde7d542194',
    reportId: '4722c07dd9a10c3985ae432a',
    status: 'complete',
    result: 'clear',
    package: 'tasker_standard',
    completedAt: '2018-08-17T01:12:43Z',
  };
  assert.deepEqual(problems(BackgroundCheck, check), []);
  assert.deepEqual(problems(BackgroundCheck, { ...check, result: 'pending' }), ['result']);
  assert.deepEqual(
    problems(BackgroundCheck, { ...check, status: 'suspended', result: 'suspended', completedAt: undefined }),
    [],
  );
});

test('pay is an exact decimal string, never a floating-point number', () => {
  assert.deepEqual(problems(Compensation, { amount: '103000.00', currency: 'USD', period: 'year' }), []);
  assert.deepEqual(problems(Compensation, { amount: 103000, currency: 'USD', period: 'year' }), ['amount']);
  assert.deepEqual(problems(Compensation, { amount: '103,000.00', currency: 'USD', period: 'year' }), ['amount']);
  assert.deepEqual(
    problems(Compensation, { amount: '49.5192', currency: 'USD', period: 'hour' }),
    [],
    'hourly rates may be finer than a cent',
  );
});

test('a Lever candidate with UUID ids is accepted', () => {
  const candidate = {
    system: 'lever',
    id: '250d8f03-738a-4bba-a671-8a3d73477145',
    person: {
      legalName: { first: 'Ana', last: 'Silva' },
      emails: [{ address: 'ana@example.com', type: 'other' }],
      phones: [],
    },
    tags: ['referral'],
  };
  assert.deepEqual(problems(Candidate, candidate), []);
});
