/**
 * The "Hire to HRIS" example when Node-RED dies in the middle of creating an employee: after a restart
 * on the same user directory the pending write completes, once.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { employees, greenhouse, runExample, stateOf, until, type ExampleRun } from '../support/e2e';

describe('Hire to HRIS example across a crash', () => {
  let run: ExampleRun;

  before(async () => {
    run = await runExample('Hire to HRIS');
  });
  after(async () => {
    await run?.stop();
  });

  // A Greenhouse hire carries only a personal email: after the restart the employee is found by the
  // recovery key the writer stamped into employeeNumber, not by work email.
  test('Node-RED killed while BambooHR is creating the employee: after the restart there is exactly one employee', async () => {
    const seeded = run.sandbox.greenhouse.addHire({
      firstName: 'Hugo',
      lastName: 'Reis',
      email: 'hugo.reis@example.com',
    });
    // BambooHR creates the employee but holds its answer back; Node-RED dies before it learns the id.
    run.sandbox.bamboohr.injectFault({ kind: 'delay', delayMs: 30_000, method: 'POST', path: '/employees' });
    const res = await run.post(
      '/hr/greenhouse/hires',
      greenhouse.hire({ ...seeded, firstName: 'Hugo', lastName: 'Reis', email: 'hugo.reis@example.com' }),
    );
    assert.ok(res.status < 300);
    const creates = async () =>
      (await stateOf(run.sandbox.urls.bamboohr)).received.filter(
        (r) => r.method === 'POST' && r.path.endsWith('/employees'),
      );
    await until(
      'the create request to reach BambooHR',
      async () => ((await creates()).length > 0 ? true : undefined),
      20_000,
      run.red,
    );

    await run.red.kill();
    await run.restart();

    const hugo = async () => (await employees(run.sandbox)).filter((e) => e.fields.firstName === 'Hugo');
    await until(
      'the employee id written back to Greenhouse after the restart',
      async () => {
        const gh = await stateOf<{ candidates: Array<{ id: number; custom_fields: Record<string, unknown> }> }>(
          run.sandbox.urls.greenhouse,
        );
        return gh.holds.candidates.find((c) => c.id === seeded.candidateId)?.custom_fields.employee_id ?? undefined;
      },
      60_000,
      run.red,
    );
    assert.equal((await hugo()).length, 1);
  });
});
