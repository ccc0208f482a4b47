/**
 * "HRIS changes to ATS" beside "Hire to HRIS", as shipped, in a real Node-RED against the emulators:
 * both directions running at once on one store. A hire goes Greenhouse → BambooHR; then BambooHR's
 * signed change webhooks come back and reach the Greenhouse candidate by field owner, once.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bamboohrSender } from '../../sandbox/senders';
import {
  BAMBOOHR_WEBHOOK_SECRET,
  deploy,
  employees,
  greenhouse,
  readExample,
  runExample,
  seededHire,
  stateOf,
  until,
  webhooksServed,
  type ExampleRun,
  type GreenhouseState,
} from '../support/e2e';

const HIRES = '/hr/greenhouse/hires';
const CHANGES = '/hr/bamboohr/changes';
const bamboo = bamboohrSender({ secret: BAMBOOHR_WEBHOOK_SECRET });

describe('HRIS changes to ATS example, beside Hire to HRIS', () => {
  let run: ExampleRun;
  let hire: ReturnType<typeof seededHire>;
  let employeeId: string;

  const candidate = async () =>
    (await stateOf<GreenhouseState>(run.sandbox.urls.greenhouse)).holds.candidates.find(
      (c) => c.id === hire.candidateId,
    );
  const candidatePatches = async () =>
    (await stateOf(run.sandbox.urls.greenhouse)).received.filter(
      (r) => r.method === 'PATCH' && r.path === `/v3/candidates/${hire.candidateId}`,
    );

  before(async () => {
    run = await runExample('Hire to HRIS');
    const both = [...readExample('Hire to HRIS'), ...readExample('HRIS changes to ATS')];
    await deploy(run.red, both);
    await webhooksServed(run.red, both);
    hire = seededHire(run.sandbox, 'Ana', 'Silva');
    const res = await run.post(
      HIRES,
      greenhouse.hire({
        ...hire,
        jobName: 'Payroll Specialist',
        department: 'People',
        office: 'New York City',
        startDate: '2026-12-01',
        salary: 103000,
        currency: 'USD',
      }),
    );
    assert.ok(res.status < 300, `the hire trigger answered ${res.status}`);
    employeeId = await until(
      'the employee id written back to Greenhouse',
      async () => {
        const value = (await candidate())?.custom_fields.employee_id;
        return value === undefined || value === null ? undefined : String(value);
      },
      30_000,
      run.red,
    );
  });
  after(async () => {
    await run?.stop();
  });

  test('a job title changed in BambooHR appears on the Greenhouse candidate once', async () => {
    const before = (await candidatePatches()).length;
    const change = bamboo.fieldsUpdated([{ employeeId, fields: { 'Job Title': 'Senior Payroll Specialist' } }]);
    assert.equal((await run.post(CHANGES, change)).status, 200);
    assert.equal((await run.post(CHANGES, change)).status, 200, 'a redelivery is acknowledged');
    await until(
      'the title on the candidate',
      async () => ((await candidate())?.title === 'Senior Payroll Specialist' ? true : undefined),
      30_000,
      run.red,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal((await candidatePatches()).length - before, 1);
  });

  test('a legal-name change in BambooHR overrides the name the candidate gave in Greenhouse', async () => {
    assert.equal(
      (await run.post(CHANGES, bamboo.fieldsUpdated([{ employeeId, fields: { 'Last Name': 'Silva Costa' } }]))).status,
      200,
    );
    await until(
      'the legal name on the candidate',
      async () => ((await candidate())?.last_name === 'Silva Costa' ? true : undefined),
      30_000,
      run.red,
    );
  });

  test('a change the package wrote to BambooHR does not come back to Greenhouse', async () => {
    const [employee] = (await employees(run.sandbox)).filter((e) => e.id === employeeId);
    assert.equal(employee?.fields.department, 'People', 'the hire flow wrote the department');
    const before = (await candidatePatches()).length;
    // BambooHR reports the values the hire flow wrote into it.
    assert.equal(
      (
        await run.post(
          CHANGES,
          bamboo.fieldsUpdated([{ employeeId, fields: { Department: 'People', 'First Name': 'Ana' } }]),
        )
      ).status,
      200,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    assert.equal((await candidatePatches()).length, before, 'nothing written to Greenhouse');
  });
});
