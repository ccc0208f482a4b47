/**
 * The "Background check" example: a hire orders a Checkr check; Checkr's signed report.completed with a
 * "consider" result is recorded on the Greenhouse candidate and alerts HR on Slack without the report's details.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { hmacDigest } from '../../sandbox/senders/signing';
import { CHECKR_DEFAULTS } from '../../sandbox/checkr';
import {
  greenhouse,
  runExample,
  slackPosts,
  stateOf,
  until,
  type ExampleRun,
  type GreenhouseState,
} from '../support/e2e';

interface CheckrState {
  candidates: Array<{ id: string; email: string }>;
  invitations: Array<{
    id: string;
    candidate_id: string;
    package: string;
    work_locations: Array<{ country: string; state?: string; city?: string }>;
  }>;
}

describe('Background check example', () => {
  let run: ExampleRun;

  before(async () => {
    run = await runExample('Background check');
  });
  after(async () => {
    await run?.stop();
  });

  test('a hire orders one Checkr check; a "consider" report is recorded in Greenhouse and alerts HR once, without its details', async () => {
    const seeded = run.sandbox.greenhouse.addHire({
      firstName: 'Iris',
      lastName: 'Moura',
      email: 'iris.moura@example.com',
    });
    const hire = greenhouse.hire({ ...seeded, firstName: 'Iris', lastName: 'Moura', email: 'iris.moura@example.com' });
    await Promise.all([run.post('/hr/greenhouse/checks', hire), run.post('/hr/greenhouse/checks', hire)]);
    const invitation = await until(
      'the Checkr invitation',
      async () => (await stateOf<CheckrState>(run.sandbox.urls.checkr)).holds.invitations[0],
      20_000,
      run.red,
    );
    assert.equal(invitation.package, CHECKR_DEFAULTS.packages[0]);
    assert.deepEqual(
      invitation.work_locations,
      [{ country: 'US', state: 'NY', city: 'New York' }],
      'the state read from the office "New York, NY"',
    );
    assert.equal((await stateOf<CheckrState>(run.sandbox.urls.checkr)).holds.invitations.length, 1);

    const completed = run.sandbox.checkr.completeReport({ invitationId: invitation.id, result: 'consider' });
    const res = await run.post('/hr/checkr', signedByCheckr(completed.body));
    assert.ok(res.status < 300, `Checkr delivery answered ${res.status}`);

    const reportId = completed.body.data.object.id;
    const recorded = await until(
      'the result on the Greenhouse candidate',
      async () => {
        const gh = await stateOf<GreenhouseState>(run.sandbox.urls.greenhouse);
        return (
          gh.holds.candidates.find((c) => c.id === seeded.candidateId)?.custom_fields.background_check ?? undefined
        );
      },
      30_000,
      run.red,
    );
    assert.equal(recorded, `consider (checkr report ${reportId})`, 'the result and the report to open, nothing else');

    const alerts = async () =>
      (await slackPosts(run.sandbox)).filter((p) => /background check/i.test(JSON.stringify(p.body)));
    const post = await until('the alert on Slack', async () => (await alerts())[0], 30_000, run.red);
    const text = JSON.stringify(post.body);
    assert.match(text, new RegExp(completed.body.data.object.id), 'names the report to open in Checkr');
    assert.doesNotMatch(
      text,
      new RegExp(`${invitation.candidate_id}|${invitation.package}`),
      'nothing else of the report',
    );
    assert.doesNotMatch(text, /Iris|Moura|iris\.moura/i, 'no personal data');
    // Checkr retries a delivery it thinks failed: the same report is neither recorded nor alerted twice.
    await run.post('/hr/checkr', signedByCheckr(completed.body));
    const gh = await stateOf<GreenhouseState>(run.sandbox.urls.greenhouse);
    assert.equal(
      gh.received.filter((r) => r.method === 'PATCH' && r.path === `/v3/candidates/${seeded.candidateId}`).length,
      1,
      'recorded once',
    );
    assert.equal((await alerts()).length, 1, 'one alert');
  });

  test("a hire in the London office is checked in GB, where the example's office table puts it", async () => {
    const seeded = run.sandbox.greenhouse.addHire({
      firstName: 'Tom',
      lastName: 'Hale',
      email: 'tom.hale@example.com',
    });
    const hire = greenhouse.hire({
      ...seeded,
      firstName: 'Tom',
      lastName: 'Hale',
      email: 'tom.hale@example.com',
      office: 'London',
      officeLocation: 'London',
    });
    await run.post('/hr/greenhouse/checks', hire);
    const invitation = await until(
      'the Checkr invitation for the London hire',
      async () => {
        const checkr = (
          await stateOf<CheckrState & { candidates: Array<{ id: string; email: string }> }>(run.sandbox.urls.checkr)
        ).holds;
        const candidate = checkr.candidates.find((c) => c.email === 'tom.hale@example.com');
        return candidate && checkr.invitations.find((i) => i.candidate_id === candidate.id);
      },
      20_000,
      run.red,
    );
    assert.deepEqual(invitation.work_locations, [{ country: 'GB', city: 'London' }]);
  });
});

/** What Checkr sends: the event's bytes with X-Checkr-Signature, the HMAC-SHA256 of them under the API key. */
function signedByCheckr(body: unknown): { rawBody: Buffer; headers: Record<string, string> } {
  const rawBody = Buffer.from(JSON.stringify(body));
  return {
    rawBody,
    headers: {
      'Content-Type': 'application/json',
      'X-Checkr-Signature': hmacDigest('sha256', CHECKR_DEFAULTS.apiKeys[0], rawBody),
    },
  };
}
