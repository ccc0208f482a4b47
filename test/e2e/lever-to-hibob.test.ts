/**
 * The "Lever to HiBob" example as shipped, in a real Node-RED against the emulators: what HiBob,
 * Lever and Slack receive when Lever sends hires.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { leverOfferDefaults } from '../../lib/vendors/lever/offer';
import { leverNote } from '../../lib/vendors/lever/writeBack';
import { lever, runExample, slackPosts, stateOf, until, type ExampleRun } from '../support/e2e';

const HIRES = '/hr/lever/hires';

interface LeverState {
  opportunities: Array<{ id: string; contact: string }>;
}

interface OfferTerms {
  startDate?: number;
}

/**
 * A hire Lever knows: the opportunity, the job posting and the signed offer the trigger reads back,
 * since Lever's webhook carries ids only. `deliveries()` makes a fresh signed webhook each time, as
 * each Lever retry has its own token.
 */
async function leverHire(
  run: ExampleRun,
  firstName: string,
  lastName: string,
  terms: OfferTerms = { startDate: Date.UTC(2026, 11, 1) },
) {
  const email = `${firstName}.${lastName}@example.com`.toLowerCase();
  const { lever: emulator } = run.sandbox;
  const posting = emulator.addPosting({
    text: 'Payroll Specialist',
    department: 'People',
    team: 'Payroll',
    location: 'New York City',
    commitment: 'Full-time',
  });
  const opportunityId = emulator.addOpportunity({ name: `${firstName} ${lastName}`, email, location: 'New York City' });
  const f = leverOfferDefaults;
  emulator.addOffer(opportunityId, {
    posting,
    fields: {
      ...(terms.startDate === undefined ? {} : { [f.startDate]: terms.startDate }),
      [f.pay]: 103000,
      [f.currency]: 'USD',
      [f.payPeriod]: 'per-year-salary',
    },
  });
  const contactId = (await stateOf<LeverState>(run.sandbox.urls.lever)).holds.opportunities.find(
    (o) => o.id === opportunityId,
  )!.contact;
  return { opportunityId, email, delivery: () => lever.candidateHired({ opportunityId, contactId }) };
}

const peopleNamed = (run: ExampleRun, firstName: string) =>
  run.sandbox.hibob.people().filter((p) => p.firstName === firstName);
const personNamed = (run: ExampleRun, firstName: string) =>
  until(`${firstName} in HiBob`, () => peopleNamed(run, firstName)[0], 20_000, run.red);
const notesOn = (run: ExampleRun, opportunityId: string) => run.sandbox.lever.notes(opportunityId);

describe('Lever to HiBob example', () => {
  let run: ExampleRun;

  before(async () => {
    run = await runExample('Lever to HiBob');
  });
  after(async () => {
    await run?.stop();
  });

  test('one hire becomes one HiBob employee with the mapped fields, its id is noted in Lever, and nobody is alerted', async () => {
    const hire = await leverHire(run, 'Ana', 'Silva');
    const res = await run.post(HIRES, hire.delivery());
    assert.equal(res.status, 200);

    const person = await personNamed(run, 'Ana');
    // HiBob's create is strict, so what it holds is exactly what the mapping sent: no pay, by design.
    const { id, displayName, state, createdAt, ...sent } = person;
    assert.deepEqual(sent, {
      firstName: 'Ana',
      surname: 'Silva',
      email: 'ana.silva@example.com',
      work: { title: 'Payroll Specialist', department: 'People', site: 'New-York', startDate: '2026-12-01' },
    });

    const note = await until(
      'the employee id noted in Lever',
      () => notesOn(run, hire.opportunityId)[0],
      20_000,
      run.red,
    );
    assert.equal(note.value, leverNote(id));
    assert.equal(note.performAs, 'lever-user-1');
    assert.equal(peopleNamed(run, 'Ana').length, 1);
    assert.deepEqual(await slackPosts(run.sandbox), []);
  });

  test('the same hire delivered three times, at once, makes one employee and one note', async () => {
    const hire = await leverHire(run, 'Bruno', 'Costa');
    const answers = await Promise.all([1, 2, 3].map(() => run.post(HIRES, hire.delivery())));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200],
    );
    await until('the employee id noted in Lever', () => notesOn(run, hire.opportunityId)[0], 20_000, run.red);
    assert.equal(peopleNamed(run, 'Bruno').length, 1);
    assert.equal(notesOn(run, hire.opportunityId).length, 1);
  });

  test('a wrongly signed hire is refused with 401 and nothing downstream happens', async () => {
    const hire = await leverHire(run, 'Eva', 'Ramos');
    const signed = hire.delivery();
    // Lever signs token + triggeredAt and puts the signature in the body.
    const forgedBody = {
      ...(JSON.parse(signed.rawBody.toString('utf8')) as Record<string, unknown>),
      signature: '0'.repeat(64),
    };
    const res = await run.post(HIRES, { headers: signed.headers, rawBody: Buffer.from(JSON.stringify(forgedBody)) });
    assert.equal(res.status, 401);

    // A correctly signed hire sent afterwards is written, so the forged one had its chance to be.
    const later = await leverHire(run, 'Fabio', 'Lima');
    await run.post(HIRES, later.delivery());
    await personNamed(run, 'Fabio');
    assert.deepEqual(peopleNamed(run, 'Eva'), []);
    assert.deepEqual(
      run.sandbox.lever.requests().filter((r) => r.path.includes(hire.opportunityId)),
      [],
      'the trigger read the forged hire from Lever',
    );
    assert.deepEqual(notesOn(run, hire.opportunityId), []);
  });

  test('a hire whose offer has no start date alerts HR naming the field, and no employee is made', async () => {
    const before = (await slackPosts(run.sandbox)).length;
    const hire = await leverHire(run, 'Gina', 'Nodate', {});
    await run.post(HIRES, hire.delivery());
    const post = await until(
      'an alert on Slack naming the start date',
      async () =>
        (await slackPosts(run.sandbox)).slice(before).find((p) => /offer\.startDate/.test(JSON.stringify(p.body))),
      30_000,
      run.red,
    );
    assert.ok(post);
    assert.deepEqual(peopleNamed(run, 'Gina'), []);
    assert.deepEqual(notesOn(run, hire.opportunityId), []);
  });
});
