/**
 * The "Hire to HRIS" example as shipped, in a real Node-RED against the emulators: what BambooHR,
 * Greenhouse and Slack receive when Greenhouse sends hires.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  employees,
  greenhouse,
  runExample,
  slackPosts,
  stateOf,
  until,
  type ExampleRun,
  type GreenhouseState,
} from '../support/e2e';

const HIRES = '/hr/greenhouse/hires';

/** A hire Greenhouse knows (so the id can be written back), delivered signed to the example. */
function hireOf(run: ExampleRun, firstName: string, lastName: string) {
  const email = `${firstName}.${lastName}@example.com`.toLowerCase();
  const seeded = run.sandbox.greenhouse.addHire({ firstName, lastName, email });
  return { ...seeded, firstName, lastName, email };
}

const employeesNamed = async (run: ExampleRun, firstName: string) =>
  (await employees(run.sandbox)).filter((e) => e.fields.firstName === firstName);

describe('Hire to HRIS example', () => {
  let run: ExampleRun;

  before(async () => {
    run = await runExample('Hire to HRIS');
  });
  after(async () => {
    await run?.stop();
  });

  test('one hire becomes one employee with every mapped field, its id is written back, and nobody is alerted', async () => {
    const hire = hireOf(run, 'Ana', 'Silva');
    const res = await run.post(
      HIRES,
      greenhouse.hire({
        ...hire,
        phone: '415-555-0123',
        jobName: 'Payroll Specialist',
        department: 'People',
        office: 'New York City',
        startDate: '2026-12-01',
        salary: 103000,
        currency: 'USD',
      }),
    );
    assert.ok(res.status < 300, `the trigger answered ${res.status}`);

    const [employee] = await until(
      'the employee in BambooHR',
      async () => ((await employeesNamed(run, 'Ana')).length ? employeesNamed(run, 'Ana') : undefined),
      20_000,
      run.red,
    );
    assert.deepEqual(employee.fields, {
      ...employee.fields,
      firstName: 'Ana',
      lastName: 'Silva',
      homeEmail: 'ana.silva@example.com',
      mobilePhone: '+14155550123',
      jobTitle: 'Payroll Specialist',
      department: 'People',
      location: 'New York City',
      hireDate: '2026-12-01',
      payRate: '103000 USD',
      paidPer: 'Year',
    });

    const written = await until(
      'the employee id in Greenhouse',
      async () => {
        const gh = await stateOf<GreenhouseState>(run.sandbox.urls.greenhouse);
        const value = gh.holds.candidates.find((c) => c.id === hire.candidateId)?.custom_fields.employee_id;
        return value === undefined || value === null ? undefined : value;
      },
      20_000,
      run.red,
    );
    assert.equal(String(written), employee.id);
    assert.equal((await employeesNamed(run, 'Ana')).length, 1);
    assert.deepEqual(await slackPosts(run.sandbox), []);
  });

  test('the same hire delivered three times, at once, still makes one employee', async () => {
    const hire = hireOf(run, 'Bruno', 'Costa');
    // Three deliveries of one hire, each with its own delivery id, as Greenhouse retries do.
    const answers = await Promise.all([1, 2, 3].map(() => run.post(HIRES, greenhouse.hire(hire))));
    assert.ok(
      answers.every((a) => a.status < 300),
      answers.map((a) => a.status).join(','),
    );
    await until(
      'the employee id in Greenhouse',
      async () => {
        const gh = await stateOf<GreenhouseState>(run.sandbox.urls.greenhouse);
        return gh.holds.candidates.find((c) => c.id === hire.candidateId)?.custom_fields.employee_id ?? undefined;
      },
      20_000,
      run.red,
    );
    await run.post(HIRES, greenhouse.hire(hire));
    const creates = async () =>
      (await stateOf(run.sandbox.urls.bamboohr)).received.filter(
        (r) => r.method === 'POST' && (r.body as { firstName?: string } | undefined)?.firstName === 'Bruno',
      );
    await until('the fourth delivery to be settled', async () => (await creates()).length >= 1);
    assert.equal((await employeesNamed(run, 'Bruno')).length, 1);
  });

  test('BambooHR answering 503 with Retry-After for a while: the employee is created once, later', async () => {
    run.sandbox.bamboohr.injectFault({
      kind: 'unavailable',
      retryAfterSeconds: 1,
      times: 3,
      method: 'POST',
      path: '/employees',
    });
    const hire = hireOf(run, 'Carla', 'Mendes');
    await run.post(HIRES, greenhouse.hire(hire));
    await until(
      'the employee after the outage',
      async () => ((await employeesNamed(run, 'Carla')).length ? true : undefined),
      30_000,
      run.red,
    );
    const attempts = (await stateOf(run.sandbox.urls.bamboohr)).received.filter(
      (r) => r.method === 'POST' && (r.body as { firstName?: string } | undefined)?.firstName === 'Carla',
    );
    assert.deepEqual(
      attempts.map((a) => a.status),
      [503, 503, 503, 201],
    );
    assert.equal((await employeesNamed(run, 'Carla')).length, 1);
  });

  test('BambooHR rate limiting with 429 and Retry-After: the employee is created once', async () => {
    run.sandbox.bamboohr.injectFault({
      kind: 'throttle',
      retryAfterSeconds: 1,
      times: 2,
      method: 'POST',
      path: '/employees',
    });
    const hire = hireOf(run, 'Diana', 'Prado');
    await run.post(HIRES, greenhouse.hire(hire));
    await until(
      'the employee after the throttling',
      async () => ((await employeesNamed(run, 'Diana')).length ? true : undefined),
      30_000,
      run.red,
    );
    assert.equal((await employeesNamed(run, 'Diana')).length, 1);
  });

  test('a wrongly signed hire is refused with 401 and nothing is written', async () => {
    const hire = hireOf(run, 'Eva', 'Ramos');
    const signed = greenhouse.hire(hire);
    const forged = { rawBody: signed.rawBody, headers: { ...signed.headers, Signature: `sha256 ${'0'.repeat(64)}` } };
    const res = await run.post(HIRES, forged);
    assert.equal(res.status, 401);
    // A correctly signed hire sent afterwards is written, so the forged one had its chance to be.
    const later = hireOf(run, 'Fabio', 'Lima');
    await run.post(HIRES, greenhouse.hire(later));
    await until(
      'the later hire',
      async () => ((await employeesNamed(run, 'Fabio')).length ? true : undefined),
      20_000,
      run.red,
    );
    assert.deepEqual(await employeesNamed(run, 'Eva'), []);
  });

  test('a hire without a last name alerts HR naming the field, and no employee is made', async () => {
    const before = (await slackPosts(run.sandbox)).length;
    const hire = hireOf(run, 'Gina', 'Nolast');
    await run.post(HIRES, greenhouse.hire({ ...hire, lastName: '' }));
    const post = await until(
      'an alert on Slack naming the last name',
      async () =>
        (await slackPosts(run.sandbox))
          .slice(before)
          .find((p) => /last ?name|legalName\.last/i.test(JSON.stringify(p.body))),
      30_000,
      run.red,
    );
    assert.ok(post);
    assert.deepEqual(await employeesNamed(run, 'Gina'), []);
  });
});
