/**
 * The "Ashby to Personio" example in a real Node-RED against the emulators: an e-mail Ashby sends
 * that cannot be read stops the hire with an alert naming the field, instead of a person without one.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ashby, runExample, slackPosts, until, type ExampleRun } from '../support/e2e';

const HIRES = '/hr/ashby/hires';
const START = '2026-12-01';

function ashbyHire(run: ExampleRun, name: string, email: string) {
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
  emulator.addOffer({ id: offerId, applicationId, startDate: START, salary: { value: 70000, currencyCode: 'EUR' } });
  return delivery;
}

describe('Ashby to Personio example: e-mails', () => {
  let run: ExampleRun;

  before(async () => {
    run = await runExample('Ashby to Personio');
  });
  after(async () => {
    await run?.stop();
  });

  test('an unreadable e-mail stops the hire with an alert naming the field, and no person is made', async () => {
    const before = (await slackPosts(run.sandbox)).length;
    await run.post(HIRES, ashbyHire(run, 'Omar Reyes', 'omar.reyes@@example'));
    const post = await until(
      'an alert on Slack naming the e-mail field',
      async () =>
        (await slackPosts(run.sandbox))
          .slice(before)
          .find((p) => /person\.emails\.0\.address/.test(JSON.stringify(p.body))),
      30_000,
      run.red,
    );
    assert.doesNotMatch(JSON.stringify(post.body), /omar\.reyes@@example/);
    assert.deepEqual(
      run.sandbox.personio.persons().filter((p) => p.first_name === 'Omar'),
      [],
    );
  });

  test("a readable e-mail reaches Personio as the person's e-mail", async () => {
    await run.post(HIRES, ashbyHire(run, 'Lena Reyes', 'lena.reyes@example.com'));
    const person = await until(
      'Lena in Personio',
      () => run.sandbox.personio.persons().find((p) => p.first_name === 'Lena'),
      20_000,
      run.red,
    );
    assert.equal(person.email, 'lena.reyes@example.com');
  });
});
