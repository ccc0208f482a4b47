/**
 * The "Ashby to Personio" example as shipped, in a real Node-RED against the emulators: what Personio,
 * Ashby and Slack receive when Ashby sends hires.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ASHBY_DEFAULTS } from '../../sandbox/ashby';
import { ashby, runExample, slackPosts, until, type ExampleRun } from '../support/e2e';

const HIRES = '/hr/ashby/hires';
const EMPLOYEE_ID_FIELD = ASHBY_DEFAULTS.customFields[0].id;
const START = '2026-12-01';

/**
 * A hire Ashby knows: the candidate, the job and the accepted offer the trigger reads back, and the
 * signed `candidateHire` webhook that names them (Ashby resends the same bytes on a retry).
 */
function ashbyHire(run: ExampleRun, firstName: string, lastName: string, { paid = true } = {}) {
  const name = `${firstName} ${lastName}`;
  const email = `${firstName}.${lastName}@example.com`.toLowerCase();
  const { ashby: emulator } = run.sandbox;
  const { candidateId, applicationId } = emulator.addHire({ name, email, jobTitle: 'Payroll Specialist' });
  const jobId = emulator.addJob({
    title: 'Payroll Specialist',
    departmentName: 'People',
    locationName: 'Berlin',
    employmentType: 'FullTime',
  });
  const delivery = ashby.candidateHire({
    candidateId,
    applicationId,
    name,
    email,
    jobId,
    jobTitle: 'Payroll Specialist',
    startDate: START,
  });
  const offerId = (JSON.parse(delivery.rawBody.toString('utf8')) as { data: { offer: { id: string } } }).data.offer.id;
  emulator.addOffer({
    id: offerId,
    applicationId,
    startDate: START,
    ...(paid ? { salary: { value: 70000, currencyCode: 'EUR' } } : {}),
  });
  return { candidateId, delivery };
}

const personsNamed = (run: ExampleRun, firstName: string) =>
  run.sandbox.personio.persons().filter((p) => p.first_name === firstName);
const personNamed = (run: ExampleRun, firstName: string) =>
  until(`${firstName} in Personio`, () => personsNamed(run, firstName)[0], 20_000, run.red);
const writtenBack = (run: ExampleRun, candidateId: string) =>
  run.sandbox.ashby.customFieldValues(candidateId)[EMPLOYEE_ID_FIELD];

describe('Ashby to Personio example', () => {
  let run: ExampleRun;

  before(async () => {
    run = await runExample('Ashby to Personio');
  });
  after(async () => {
    await run?.stop();
  });

  test('one hire becomes one Personio person with the mapped fields, its id is written back to Ashby, and nobody is alerted', async () => {
    const hire = ashbyHire(run, 'Ana', 'Silva');
    const res = await run.post(HIRES, hire.delivery);
    assert.equal(res.status, 200);

    const person = await personNamed(run, 'Ana');
    // Personio's create is strict, so what it holds is exactly what the mapping sent: no pay, by design.
    const { id, created_at, updated_at, employments, ...sent } = person;
    assert.deepEqual(sent, { email: 'ana.silva@example.com', first_name: 'Ana', last_name: 'Silva' });
    assert.deepEqual(
      employments.map(({ id: _employmentId, ...employment }) => employment),
      [
        {
          position: { title: 'Payroll Specialist' },
          status: 'ONBOARDING',
          employment_start_date: START,
          type: 'INTERNAL',
        },
      ],
    );

    const written = await until('the Personio id in Ashby', () => writtenBack(run, hire.candidateId), 20_000, run.red);
    assert.equal(written, id);
    assert.equal(personsNamed(run, 'Ana').length, 1);
    assert.deepEqual(await slackPosts(run.sandbox), []);
  });

  test('the same hire delivered three times, at once, makes one person', async () => {
    const hire = ashbyHire(run, 'Bruno', 'Costa');
    const answers = await Promise.all([1, 2, 3].map(() => run.post(HIRES, hire.delivery)));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200],
    );
    await until('the Personio id in Ashby', () => writtenBack(run, hire.candidateId), 20_000, run.red);
    assert.equal(personsNamed(run, 'Bruno').length, 1);
  });

  test('a wrongly signed hire is refused with 401 and nothing downstream happens', async () => {
    const hire = ashbyHire(run, 'Eva', 'Ramos');
    const res = await run.post(HIRES, {
      rawBody: hire.delivery.rawBody,
      headers: { ...hire.delivery.headers, 'Ashby-Signature': `sha256=${'0'.repeat(64)}` },
    });
    assert.equal(res.status, 401);

    // A correctly signed hire sent afterwards is written, so the forged one had its chance to be.
    const later = ashbyHire(run, 'Fabio', 'Lima');
    await run.post(HIRES, later.delivery);
    await personNamed(run, 'Fabio');
    assert.deepEqual(personsNamed(run, 'Eva'), []);
    const readBack = run.sandbox.ashby
      .requests()
      .filter((r) => JSON.stringify(r.body ?? null).includes(hire.candidateId));
    assert.deepEqual(readBack, [], 'the trigger read the forged hire from Ashby');
    assert.equal(writtenBack(run, hire.candidateId), undefined);
  });

  test('a hire whose offer has no salary alerts HR naming the field, and no person is made', async () => {
    const before = (await slackPosts(run.sandbox)).length;
    const hire = ashbyHire(run, 'Gina', 'Unpaid', { paid: false });
    await run.post(HIRES, hire.delivery);
    const post = await until(
      'an alert on Slack naming the compensation',
      async () =>
        (await slackPosts(run.sandbox)).slice(before).find((p) => /offer\.compensation/.test(JSON.stringify(p.body))),
      30_000,
      run.red,
    );
    assert.ok(post);
    assert.deepEqual(personsNamed(run, 'Gina'), []);
    assert.equal(writtenBack(run, hire.candidateId), undefined);
  });
});
