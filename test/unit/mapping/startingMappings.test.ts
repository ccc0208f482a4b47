import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJsonataMapping } from '../../../lib/mapping/jsonataMapping';
import { startingMappings } from '../../../lib/mapping/startingMappings';
import { sampleHire } from '../../../lib/mapping/sampleHire';
import { transformFunctions } from '../../../lib/transform/functions';
import { HireEvent } from '../../../lib/model/hireEvent';
import { compileMapper } from '../../../lib/mapping/mapperConfig';
import { startingTables } from '../../../lib/mapping/startingTables';

const run = (target: keyof typeof startingMappings, input: unknown = sampleHire()) =>
  compileJsonataMapping(startingMappings[target], transformFunctions).map(input);

test('the built-in sample is a valid canonical hire', () => {
  assert.equal(HireEvent.safeParse(sampleHire()).success, true);
});

test('the BambooHR starting mapping gives BambooHR field names, ISO hire date and paidPer', async () => {
  assert.deepEqual(await run('bamboohr'), {
    firstName: 'Ana',
    lastName: 'Silva',
    preferredName: 'Ana',
    workEmail: 'ana.silva@example.com',
    homeEmail: 'ana@example.org',
    mobilePhone: '+14155550123',
    jobTitle: 'Payroll Specialist',
    department: 'Finance',
    location: 'New York',
    hireDate: '2026-12-01',
    payRate: '103000.00 USD',
    paidPer: 'Year',
  });
});

test('a pay period BambooHR has no value for is an error, not a silently wrong paidPer', async () => {
  const hire = sampleHire();
  hire.offer.compensation.period = 'biweekly';
  await assert.rejects(
    run('bamboohr', hire),
    (err: { code?: string; message: string }) => /^transform\./.test(err.code ?? '') && /biweekly/.test(err.message),
  );
});

test('the HiBob starting mapping fills every field HiBob requires', async () => {
  const record = (await run('hibob')) as {
    firstName: string;
    surname: string;
    email: string;
    work: { site: string; startDate: string };
  };
  assert.equal(record.firstName, 'Ana');
  assert.equal(record.surname, 'Silva');
  assert.equal(record.email, 'ana.silva@example.com');
  assert.equal(record.work.site, 'New York');
  assert.equal(record.work.startDate, '2026-12-01');
});

test('the Personio starting mapping creates a person with one onboarding employment', async () => {
  const record = (await run('personio')) as {
    employments: Array<{ status: string; type: string; employment_start_date: string }>;
  };
  assert.equal(record.employments.length, 1);
  assert.deepEqual(record.employments[0], {
    position: { title: 'Payroll Specialist' },
    status: 'ONBOARDING',
    employment_start_date: '2026-12-01',
    type: 'INTERNAL',
  });
});

test('department and location fall back to the job when the offer has none', async () => {
  const hire = sampleHire();
  delete hire.offer.department;
  delete hire.offer.location;
  hire.job = {
    id: 'job-1',
    title: 'Payroll Specialist',
    department: { name: 'People Ops' },
    office: { name: 'Lisbon' },
  };
  const record = (await run('generic', hire)) as { department: string };
  assert.equal(record.department, 'People Ops');
});

test('every starting mapping sends mobile, home and work phones and personal and work e-mails where the target has a field for them', async () => {
  const hire = sampleHire();
  hire.person.phones = [
    { number: '+14155550123', type: 'mobile' },
    { number: '+442079460958', type: 'home' },
    { number: '+15185551212', type: 'work' },
  ];
  const bamboo = (await run('bamboohr', hire)) as Record<string, unknown>;
  assert.deepEqual(
    [bamboo.mobilePhone, bamboo.homePhone, bamboo.workPhone, bamboo.workEmail, bamboo.homeEmail],
    ['+14155550123', '+442079460958', '+15185551212', 'ana.silva@example.com', 'ana@example.org'],
  );
  const bob = (await run('hibob', hire)) as {
    email: string;
    home: Record<string, unknown>;
    work: Record<string, unknown>;
  };
  assert.deepEqual(bob.home, {
    privateEmail: 'ana@example.org',
    mobilePhone: '+14155550123',
    privatePhone: '+442079460958',
  });
  assert.equal(bob.work.workPhone, '+15185551212');
  const generic = (await run('generic', hire)) as Record<string, unknown>;
  assert.deepEqual(
    [generic.mobilePhone, generic.homePhone, generic.workPhone, generic.personalEmail],
    ['+14155550123', '+442079460958', '+15185551212', 'ana@example.org'],
  );
});

test('a hire with no phone and no personal e-mail sends HiBob no empty home group, as a table or as JSONata', async () => {
  const hire = sampleHire();
  hire.person.phones = [];
  hire.person.emails = [{ address: 'ana.silva@example.com', type: 'work' }];
  const table = (await compileMapper({ mode: 'table', rows: startingTables.hibob }).mapping.map(hire)) as object;
  assert.equal('home' in table, false);
  assert.equal('home' in ((await run('hibob', hire)) as object), false);
});
