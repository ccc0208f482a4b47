/**
 * The "Hire to HRIS" example in a real Node-RED against the emulators: an hourly pay is never written
 * as yearly, a UK landline reaches BambooHR's home phone, and an unreadable e-mail stops the hire with
 * an alert naming the field.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { hireCandidatePayload } from '../../sandbox/senders/greenhouse';
import { employees, greenhouse, readExample, runExample, slackPosts, until, type ExampleRun } from '../support/e2e';

const HIRES = '/hr/greenhouse/hires';
const CONNECTION = 'a1b2c3d4000003';

interface HeldReview {
  id: number;
  summary: string;
  items: Array<{ field: string; rule: string; message: string }>;
}

type Payload = {
  payload: { application: { candidate: Record<string, unknown>; offer: { custom_fields: Record<string, unknown> } } };
};

/** A Greenhouse hire the sandbox knows, as the documented payload, with the candidate's contacts and the offer's fields replaced. */
function hire(run: ExampleRun, firstName: string, change: (p: Payload['payload']['application']) => void) {
  const lastName = 'Reyes';
  const email = `${firstName}.${lastName}@example.com`.toLowerCase();
  const seeded = run.sandbox.greenhouse.addHire({ firstName, lastName, email });
  const payload = hireCandidatePayload({ ...seeded, firstName, lastName, email }) as Payload;
  change(payload.payload.application);
  return greenhouse.signed(payload);
}

/** An hourly offer as an account keeps it: the amount in the `salary` currency field, the period in a select field of its own. */
const hourlyOffer = (app: Payload['payload']['application']) => {
  app.offer.custom_fields = {
    salary: { name: 'Salary', type: 'currency', value: { amount: 32.5, unit: 'USD' } },
    pay_period: { name: 'Pay Period', type: 'single_select', value: 'Hourly' },
  };
};

const employeesNamed = async (run: ExampleRun, firstName: string) =>
  (await employees(run.sandbox)).filter((e) => e.fields.firstName === firstName);

async function heldReviews(run: ExampleRun): Promise<HeldReview[]> {
  const res = await fetch(`${run.red.url}/hr-validator/reviews/personal`);
  return ((await res.json()) as { reviews: HeldReview[] }).reviews;
}

/** Deploys the example with the ATS connection's offer fields set as a user would in its dialog. */
async function deployWithOfferFields(run: ExampleRun, offerFields: Record<string, string>): Promise<void> {
  const flow = readExample('Hire to HRIS');
  Object.assign(
    flow.find((n) => n.id === CONNECTION)!,
    offerFields,
  );
  const res = await fetch(`${run.red.url}/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'full' },
    body: JSON.stringify(flow),
  });
  assert.ok(res.status === 200 || res.status === 204, `deploy answered ${res.status}`);
  await until(
    'the webhook route after the deploy',
    async () => (await fetch(`${run.red.url}${HIRES}`, { method: 'POST', body: '{}' })).status !== 404,
    20_000,
    run.red,
  );
}

describe('Hire to HRIS example: pay, phones and e-mails', () => {
  let run: ExampleRun;

  before(async () => {
    run = await runExample('Hire to HRIS');
  });
  after(async () => {
    await run?.stop();
  });

  test('as shipped (pay declared yearly), an hourly amount is held for review asking whether it meant per hour, and nothing is written', async () => {
    const answer = await run.post(HIRES, hire(run, 'Hugo', hourlyOffer));
    assert.ok(answer.status < 300, `the trigger answered ${answer.status}`);
    const held = await until(
      'the review item',
      async () => (await heldReviews(run)).find((r) => r.items.some((i) => i.rule === 'pay_implausible')),
      20_000,
      run.red,
    );
    assert.match(held.summary, /32\.5 USD per year — did you mean per hour\?/);
    assert.deepEqual(await employeesNamed(run, 'Hugo'), []);
  });

  test('a UK home landline arrives as homePhone in E.164', async () => {
    const answer = await run.post(
      HIRES,
      hire(run, 'Lena', (app) => {
        app.candidate.phone_numbers = [{ value: '+44 20 7946 0958', type: 'home' }];
      }),
    );
    assert.ok(answer.status < 300, `the trigger answered ${answer.status}`);
    const [employee] = await until(
      'the employee in BambooHR',
      async () => ((await employeesNamed(run, 'Lena')).length ? employeesNamed(run, 'Lena') : undefined),
      20_000,
      run.red,
    );
    assert.equal(employee?.fields.homePhone, '+442079460958');
    assert.equal(employee?.fields.mobilePhone, undefined);
  });

  test('an unreadable e-mail stops the hire with an alert naming the field, and no employee is made', async () => {
    const before = (await slackPosts(run.sandbox)).length;
    await run.post(
      HIRES,
      hire(run, 'Omar', (app) => {
        app.candidate.email_addresses = [{ value: 'omar.reyes@@example', type: 'personal' }];
      }),
    );
    const post = await until(
      'an alert on Slack naming the e-mail field',
      async () =>
        (await slackPosts(run.sandbox))
          .slice(before)
          .find((p) => /person\.emails\.0\.address/.test(JSON.stringify(p.body))),
      30_000,
      run.red,
    );
    assert.doesNotMatch(
      JSON.stringify(post.body),
      /omar\.reyes@@example/,
      'the unreadable value itself is not in Slack',
    );
    assert.deepEqual(await employeesNamed(run, 'Omar'), []);
  });

  test('with the period field named on the connection, the hourly offer becomes paidPer Hour with the right amount', async () => {
    await deployWithOfferFields(run, { offerPayPeriodField: 'pay_period' });
    const answer = await run.post(HIRES, hire(run, 'Ines', hourlyOffer));
    assert.ok(answer.status < 300, `the trigger answered ${answer.status}`);
    const [employee] = await until(
      'the employee in BambooHR',
      async () => ((await employeesNamed(run, 'Ines')).length ? employeesNamed(run, 'Ines') : undefined),
      20_000,
      run.red,
    );
    assert.equal(employee?.fields.payRate, '32.5 USD');
    assert.equal(employee?.fields.paidPer, 'Hour');
  });

  test('with no period declared and none on the offer, the pay is held as "pay period unknown", never written as yearly', async () => {
    await deployWithOfferFields(run, { declaredPayPeriod: '' });
    const slackBefore = (await slackPosts(run.sandbox)).length;
    await run.post(
      HIRES,
      hire(run, 'Ruth', (app) => {
        app.offer.custom_fields = {
          salary: { name: 'Salary', type: 'currency', value: { amount: 32.5, unit: 'USD' } },
        };
      }),
    );
    const held = await until(
      'the review item',
      async () =>
        (await heldReviews(run)).find((r) =>
          r.items.some((i) => i.rule === 'pay_period_unknown' && /32\.5 USD/.test(i.message)),
        ),
      20_000,
      run.red,
    );
    assert.match(held.summary, /Pay period unknown/);
    const told = await until(
      'the Slack message giving the reason',
      async () =>
        (await slackPosts(run.sandbox))
          .slice(slackBefore)
          .find((p) => /pay period unknown/.test(JSON.stringify(p.body))),
      20_000,
      run.red,
    );
    assert.doesNotMatch(JSON.stringify(told.body), /32\.5/, 'no pay figures in Slack');
    assert.deepEqual(await employeesNamed(run, 'Ruth'), []);
  });
});
