/**
 * The "Hire to HRIS" example in a real Node-RED against the emulators, when the pay about to be sent
 * to BambooHR differs from the offer: held for review with no employee made, then written once when
 * someone approves it, even with a restart in between.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { employees, greenhouse, readExample, runExample, slackPosts, until, type ExampleRun } from '../support/e2e';

const HIRES = '/hr/greenhouse/hires';
const MAPPER = 'a1b2c3d400000a';

interface HeldReview {
  id: number;
  node: string;
  summary: string;
  items: Array<{ field: string; rule: string; details: { sent: Record<string, unknown>; variance?: string } }>;
}

/**
 * Deploys the example with its mapping edited so the pay sent is the offer times `factor` — the kind
 * of mistake (a wrong field, a typo) the pay check is there to catch.
 */
async function deployPayMapping(run: ExampleRun, factor: string): Promise<void> {
  const flow = readExample('Hire to HRIS');
  const mapper = flow.find((n) => n.id === MAPPER)!;
  const rows = mapper.rows as Array<Record<string, unknown>>;
  const payRate = rows.find((r) => r.target === 'payRate')!;
  assert.equal(payRate.source, 'offer.compensation', "the shipped mapping sends the offer's pay");
  Object.assign(payRate, {
    from: 'jsonata',
    source: `$string($round($number(offer.compensation.amount) * ${factor}, 2)) & " " & offer.compensation.currency`,
    transform: '',
    args: '',
  });
  const res = await fetch(`${run.red.url}/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'nodes' },
    body: JSON.stringify(flow),
  });
  assert.ok(res.status === 200 || res.status === 204, `deploy answered ${res.status}`);
  // The store's credentials are sent again, so it and the nodes using it restart: wait for the webhook route.
  // The probe is unsigned, so the trigger refuses it and emits nothing.
  await until(
    'the webhook route after the deploy',
    async () => (await fetch(`${run.red.url}${HIRES}`, { method: 'POST', body: '{}' })).status !== 404,
    20_000,
    run.red,
  );
}

function hireOf(run: ExampleRun, firstName: string, lastName: string, salary: number) {
  const email = `${firstName}.${lastName}@example.com`.toLowerCase();
  const seeded = run.sandbox.greenhouse.addHire({ firstName, lastName, email });
  return { ...seeded, firstName, lastName, email, salary, currency: 'USD' };
}

const employeesNamed = async (run: ExampleRun, firstName: string) =>
  (await employees(run.sandbox)).filter((e) => e.fields.firstName === firstName);

async function heldReviews(run: ExampleRun): Promise<HeldReview[]> {
  const res = await fetch(`${run.red.url}/hr-validator/reviews/personal`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { reviews: HeldReview[] }).reviews;
}

const decide = (run: ExampleRun, id: number, decision: 'approved' | 'rejected') =>
  fetch(`${run.red.url}/hr-validator/reviews/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ decision }),
  });

describe('Hire to HRIS example: pay that differs from the offer', () => {
  let run: ExampleRun;

  before(async () => {
    run = await runExample('Hire to HRIS');
  });
  after(async () => {
    await run?.stop();
  });

  test('a salary 3 % above the offer waits for review with no employee; approved after a restart, it becomes exactly one employee with that pay', async () => {
    await deployPayMapping(run, '1.03');
    const slackBefore = (await slackPosts(run.sandbox)).length;
    const hire = hireOf(run, 'Hana', 'Okafor', 97000);
    const answer = await run.post(HIRES, greenhouse.hire(hire));
    assert.ok(answer.status < 300, `the trigger answered ${answer.status}`);

    const held = await until(
      'the review item',
      async () => (await heldReviews(run)).find((r) => r.items[0]?.details.sent.payRate === '99910 USD'),
      20_000,
      run.red,
    );
    assert.equal(held.items[0]?.rule, 'compensation_variance');
    assert.equal(held.items[0]?.details.variance, '0.030000');
    assert.match(held.summary, /payRate, 99910\.00 USD per year, is 3 % above the offer's 97000 USD per year/);
    const told = await until(
      'the Slack message about the review',
      async () =>
        (await slackPosts(run.sandbox))
          .slice(slackBefore)
          .find(
            (p) =>
              JSON.stringify(p.body).includes('hire.pay_review') ||
              /differs from the offer/.test(JSON.stringify(p.body)),
          ),
      20_000,
      run.red,
    );
    assert.doesNotMatch(JSON.stringify(told.body), /99910|97000/, 'no pay figures in Slack');
    assert.deepEqual(await employeesNamed(run, 'Hana'), [], 'nothing is written before the approval');

    await run.red.stop();
    await run.restart();
    assert.deepEqual(await employeesNamed(run, 'Hana'), [], 'nothing is written by the restart');

    const approval = await decide(run, held.id, 'approved');
    assert.equal(approval.status, 200, await approval.clone().text());
    assert.equal(((await approval.json()) as { decidedBy: string }).decidedBy, 'editor');
    const [employee] = await until(
      'the employee in BambooHR',
      async () => ((await employeesNamed(run, 'Hana')).length ? employeesNamed(run, 'Hana') : undefined),
      20_000,
      run.red,
    );
    assert.equal(employee?.fields.payRate, '99910 USD');
    assert.equal(employee?.fields.paidPer, 'Year');

    assert.equal((await decide(run, held.id, 'approved')).status, 409, 'a second approval is refused');
    assert.deepEqual(
      (await heldReviews(run)).filter((r) => r.id === held.id),
      [],
    );
    const creates = async () => (await employees(run.sandbox)).length;
    const count = await creates();
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await creates(), count);
    assert.equal((await employeesNamed(run, 'Hana')).length, 1);
  });

  test('a salary 1 % above the offer is within the 2 % rule: no review, the employee is created', async () => {
    await deployPayMapping(run, '1.01');
    const hire = hireOf(run, 'Ivo', 'Marsh', 98000);
    const answer = await run.post(HIRES, greenhouse.hire(hire));
    assert.ok(answer.status < 300, `the trigger answered ${answer.status}`);
    const [employee] = await until(
      'the employee in BambooHR',
      async () => ((await employeesNamed(run, 'Ivo')).length ? employeesNamed(run, 'Ivo') : undefined),
      20_000,
      run.red,
    );
    assert.equal(employee?.fields.payRate, '98980 USD');
    assert.deepEqual(
      (await heldReviews(run)).filter((r) => r.items[0]?.details.sent.payRate === '98980 USD'),
      [],
    );
  });
});
