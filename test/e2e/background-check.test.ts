/**
 * The "Background check" example: a hire orders a Checkr check; Checkr's signed report.completed with a
 * "consider" result alerts HR on Slack without the report's details.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { hmacDigest } from '../../sandbox/senders/signing';
import { CHECKR_DEFAULTS } from '../../sandbox/checkr';
import { greenhouse, runExample, slackPosts, stateOf, until, type ExampleRun } from '../support/e2e';

interface CheckrState {
  candidates: Array<{ id: string; email: string }>;
  invitations: Array<{ id: string; candidate_id: string; package: string }>;
}

describe('Background check example', () => {
  let run: ExampleRun;

  before(async () => {
    run = await runExample('Background check');
  });
  after(async () => {
    await run?.stop();
  });

  // Recording the result on the person and in Greenhouse is not covered: no node writes a check result
  // (the writer's operations are create, update, lookup, writeback and check).
  test('a hire orders one Checkr check, and a "consider" report alerts HR without its details', async () => {
    const seeded = run.sandbox.greenhouse.addHire({ firstName: 'Iris', lastName: 'Moura', email: 'iris.moura@example.com' });
    const hire = greenhouse.hire({ ...seeded, firstName: 'Iris', lastName: 'Moura', email: 'iris.moura@example.com' });
    await Promise.all([run.post('/hr/greenhouse/checks', hire), run.post('/hr/greenhouse/checks', hire)]);
    const invitation = await until('the Checkr invitation', async () => (await stateOf<CheckrState>(run.sandbox.urls.checkr)).holds.invitations[0], 20_000, run.red);
    assert.equal(invitation.package, CHECKR_DEFAULTS.packages[0]);
    assert.equal((await stateOf<CheckrState>(run.sandbox.urls.checkr)).holds.invitations.length, 1);

    const completed = run.sandbox.checkr.completeReport({ invitationId: invitation.id, result: 'consider' });
    const res = await run.post('/hr/checkr', signedByCheckr(completed.body));
    assert.ok(res.status < 300, `Checkr delivery answered ${res.status}`);

    const post = await until('the alert on Slack', async () => (await slackPosts(run.sandbox)).find((p) => /background check/i.test(JSON.stringify(p.body))), 30_000, run.red);
    const text = JSON.stringify(post.body);
    assert.match(text, new RegExp(completed.body.data.object.id), 'names the report to open in Checkr');
    assert.doesNotMatch(text, new RegExp(`${invitation.candidate_id}|${invitation.package}`), 'nothing else of the report');
    assert.doesNotMatch(text, /Iris|Moura|iris\.moura/i, 'no personal data');
  });
});

/** What Checkr sends: the event's bytes with X-Checkr-Signature, the HMAC-SHA256 of them under the API key. */
function signedByCheckr(body: unknown): { rawBody: Buffer; headers: Record<string, string> } {
  const rawBody = Buffer.from(JSON.stringify(body));
  return { rawBody, headers: { 'Content-Type': 'application/json', 'X-Checkr-Signature': hmacDigest('sha256', CHECKR_DEFAULTS.apiKeys[0], rawBody) } };
}
