/**
 * Scale-out: two Node-RED instances (separate user directories, as on two machines) run the "Hire to
 * HRIS" example on ONE PostgreSQL store, chosen by HR_STORE_URL alone, against one set of emulators.
 * Whatever reaches either instance, each person becomes one employee and each id is written back once,
 * also when an instance dies in the middle of creating an employee.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox';
import {
  employees,
  greenhouse,
  runExample,
  seededHire,
  stateOf,
  until,
  type ExampleRun,
  type GreenhouseState,
} from '../support/e2e';
import { startTestPostgres, type TestPostgres } from '../support/postgres';

const HIRES = '/hr/greenhouse/hires';

describe('Hire to HRIS on two Node-RED instances sharing one PostgreSQL store', () => {
  let postgres: TestPostgres;
  let url: string;
  let sandbox: Sandbox;
  let a: ExampleRun;
  let b: ExampleRun;

  before(async () => {
    postgres = await startTestPostgres();
    url = await postgres.freshStore();
    sandbox = await startSandbox();
    // Started together: both create the store's tables in the empty database at once.
    [a, b] = await Promise.all([1, 2].map(() => runExample('Hire to HRIS', { sandbox, env: { HR_STORE_URL: url } })));
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sandbox?.stop();
    await postgres?.dropStore(url);
    await postgres?.close();
  });

  const employeesNamed = async (firstName: string) =>
    (await employees(sandbox)).filter((e) => e.fields.firstName === firstName);
  const writtenBack = async (candidateId: number) => {
    const gh = await stateOf<GreenhouseState>(sandbox.urls.greenhouse);
    const value = gh.holds.candidates.find((c) => c.id === candidateId)?.custom_fields.employee_id;
    return value === undefined || value === null ? undefined : String(value);
  };
  const writeBacksTo = async (candidateId: number) =>
    (await stateOf(sandbox.urls.greenhouse)).received.filter(
      (r) => r.method === 'PATCH' && r.path === `/v3/candidates/${candidateId}` && r.status < 300,
    ).length;
  /** Nothing left to do in the shared store: every accepted event finished, every queued write done. */
  const storeIdle = async () => {
    const [{ open }] = await postgres.rawSql<{ open: number }>(
      url,
      "SELECT (SELECT count(*) FROM events WHERE status = 'accepted') + (SELECT count(*) FROM outbox WHERE status = 'pending') AS open",
    );
    return Number(open) === 0;
  };

  test('the same hires delivered to both instances, one after the other and at once, make one employee per person, each id written back once', async () => {
    const people = [
      ['Ana', 'Silva'],
      ['Bruno', 'Costa'],
      ['Carla', 'Mendes'],
      ['Dora', 'Lima'],
      ['Eva', 'Rocha'],
      ['Fabio', 'Neves'],
    ] as const;
    const hires = people.map(([first, last]) => seededHire(sandbox, first, last));
    const answers = await Promise.all(
      hires.map(async (hire, i) => {
        // Each delivery is a new signed request (its own delivery id), as Greenhouse's retries are.
        if (i % 2 === 0)
          return [await a.post(HIRES, greenhouse.hire(hire)), await b.post(HIRES, greenhouse.hire(hire))];
        return Promise.all([a, b, a, b].map((run) => run.post(HIRES, greenhouse.hire(hire))));
      }),
    );
    assert.ok(
      answers.flat().every((r) => r.status < 300),
      answers
        .flat()
        .map((r) => r.status)
        .join(','),
    );

    for (const hire of hires)
      await until(`${hire.firstName}'s employee id in Greenhouse`, () => writtenBack(hire.candidateId), 60_000, a.red);
    await until('both instances to finish every event and write', storeIdle, 30_000);

    for (const hire of hires) {
      const made = await employeesNamed(hire.firstName);
      assert.equal(made.length, 1, `${hire.firstName}: ${made.length} employees`);
      assert.equal(await writtenBack(hire.candidateId), made[0].id);
      assert.equal(await writeBacksTo(hire.candidateId), 1, `${hire.firstName}'s id written back more than once`);
    }
  });

  test('an instance killed while BambooHR is creating an employee: the other instance completes that write, once', async () => {
    const hire = seededHire(sandbox, 'Hugo', 'Reis');
    // B is frozen (as a paused machine is) so that A is certainly the one creating the employee.
    process.kill(b.red.pid, 'SIGSTOP');
    try {
      // BambooHR creates the employee but holds its answer back; A dies before it learns the id.
      sandbox.bamboohr.injectFault({ kind: 'delay', delayMs: 30_000, method: 'POST', path: '/employees', times: 1 });
      assert.ok((await a.post(HIRES, greenhouse.hire(hire))).status < 300);
      const creates = async () =>
        (await stateOf(sandbox.urls.bamboohr)).received.filter(
          (r) => r.method === 'POST' && (r.body as { firstName?: string } | undefined)?.firstName === 'Hugo',
        );
      await until("A's create request to reach BambooHR", async () => (await creates()).length > 0, 20_000, a.red);
      await a.red.kill();
    } finally {
      process.kill(b.red.pid, 'SIGCONT');
    }

    // B takes the write over once A's lease runs out, finds the employee A's call created, and writes the id back.
    const id = await until('the employee id written back by B', () => writtenBack(hire.candidateId), 60_000, b.red);
    await until('B to finish the write', storeIdle, 30_000, b.red);
    assert.deepEqual(
      (await employeesNamed('Hugo')).map((e) => e.id),
      [id],
    );
    assert.equal(await writeBacksTo(hire.candidateId), 1);

    // A back on its user directory finds nothing left to do and repeats nothing.
    await a.restart();
    await until('the store to stay idle with A back', storeIdle, 30_000, a.red);
    assert.equal((await employeesNamed('Hugo')).length, 1);
    assert.equal(await writeBacksTo(hire.candidateId), 1);
  });

  test('both instances say which store they use, and neither logs the database password', () => {
    const { password } = new URL(url);
    assert.ok(password.length > 8, 'the test URL carries a password');
    for (const run of [a, b]) {
      assert.match(run.red.log(), /HR store opened: PostgreSQL postgres:\/\/hr@127\.0\.0\.1:\d+\//);
      assert.equal(run.red.log().includes(password), false);
    }
  });
});
