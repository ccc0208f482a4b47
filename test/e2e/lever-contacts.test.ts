/**
 * The "Lever to HiBob" example in a real Node-RED against the emulators: each phone reaches HiBob's
 * field for its type, and an unreadable e-mail stops the hire with an alert naming the field.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { leverOfferDefaults } from '../../lib/vendors/lever/offer';
import { lever, runExample, slackPosts, stateOf, until, type ExampleRun } from '../support/e2e';

const HIRES = '/hr/lever/hires';

async function leverHire(
  run: ExampleRun,
  firstName: string,
  email: string,
  phones: Array<{ type: string; value: string }>,
) {
  const { lever: emulator } = run.sandbox;
  const posting = emulator.addPosting({
    text: 'Payroll Specialist',
    department: 'People',
    team: 'Payroll',
    location: 'New York City',
    commitment: 'Full-time',
  });
  const opportunityId = emulator.addOpportunity({
    name: `${firstName} Reyes`,
    email,
    phones,
    location: 'New York City',
  });
  const f = leverOfferDefaults;
  emulator.addOffer(opportunityId, {
    posting,
    fields: {
      [f.startDate]: Date.UTC(2026, 11, 1),
      [f.pay]: 103000,
      [f.currency]: 'USD',
      [f.payPeriod]: 'per-year-salary',
    },
  });
  const contactId = (
    await stateOf<{ opportunities: Array<{ id: string; contact: string }> }>(run.sandbox.urls.lever)
  ).holds.opportunities.find((o) => o.id === opportunityId)!.contact;
  return lever.candidateHired({ opportunityId, contactId });
}

const peopleNamed = (run: ExampleRun, firstName: string) =>
  run.sandbox.hibob.people().filter((p) => p.firstName === firstName);

describe('Lever to HiBob example: phones and e-mails', () => {
  let run: ExampleRun;

  before(async () => {
    run = await runExample('Lever to HiBob');
  });
  after(async () => {
    await run?.stop();
  });

  test('a UK home landline, a mobile and a work phone each reach their HiBob field in E.164', async () => {
    const delivery = await leverHire(run, 'Lena', 'lena.reyes@example.com', [
      { type: 'home', value: '+44 20 7946 0958' },
      { type: 'mobile', value: '+1 415 555 0123' },
      { type: 'work', value: '+1 518 555 1212' },
    ]);
    assert.equal((await run.post(HIRES, delivery)).status, 200);
    const person = await until('Lena in HiBob', () => peopleNamed(run, 'Lena')[0], 20_000, run.red);
    assert.deepEqual(person.home, { mobilePhone: '+14155550123', privatePhone: '+442079460958' });
    assert.equal(person.work.workPhone, '+15185551212');
  });

  test('an unreadable e-mail stops the hire with an alert naming the field, and no employee is made', async () => {
    const before = (await slackPosts(run.sandbox)).length;
    await run.post(HIRES, await leverHire(run, 'Omar', 'omar.reyes@@example', []));
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
    assert.deepEqual(peopleNamed(run, 'Omar'), []);
  });
});
