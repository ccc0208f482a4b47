/** Checkr's own published examples (test/fixtures/vendors/checkr) against our client, our event reader and the emulator. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkr as checkrEvents } from '../../lib/vendors/checkr/events';
import { checkr, checkrHttpOptions } from '../../lib/vendors/checkr/checks';
import type { CheckEvent } from '../../lib/vendors/ats';
import type { HttpRequest } from '../../lib/http';
import { checkrSender } from '../../sandbox/senders';
import { CHECKR_DEFAULTS, startCheckr } from '../../sandbox/checkr';
import { deliveryOf, noApi } from '../unit/vendors/ats/support';
import { contextFor } from '../unit/vendors/hris/support';
import { vendorFixture, vendorJson } from '../support/vendorFixtures';

const sender = checkrSender({ secret: 'checkr-key' });
const sandbox = startCheckr();
after(async () => (await sandbox).stop());

test("Checkr's documented report.completed webhook becomes check.completed with its result", async () => {
  const delivery = deliveryOf(checkrEvents, sender.signed(vendorJson('checkr', 'report-completed-event.json')));
  assert.equal(delivery.key, 'report.completed:507f1f77bcf86cd799439011');
  const event = (await checkrEvents.canonical(delivery, noApi)).event as CheckEvent;
  assert.equal(event.type, 'check.completed');
  assert.deepEqual(event.check, {
    provider: 'checkr',
    candidateId: 'e44aa283528e6fde7d542194',
    reportId: '4722c07dd9a10c3985ae432a',
    status: 'complete',
    result: 'clear',
    package: 'driver_pro',
  });
  assert.equal(event.occurredAt, '2014-01-18T12:34:00Z');
});

test("Checkr's documented invitation.expired webhook is a check update that says the invitation expired", async () => {
  const delivery = deliveryOf(checkrEvents, sender.signed(vendorJson('checkr', 'invitation-expired-event.json')));
  const event = (await checkrEvents.canonical(delivery, noApi)).event as CheckEvent;
  assert.equal(event.type, 'check.updated');
  assert.equal(event.check.status, 'expired');
  assert.equal(event.check.invitationId, '16241770f7f7be1c57c85176');
});

test("Checkr's documented candidate.created webhook is not a check event", () => {
  assert.throws(
    () => deliveryOf(checkrEvents, sender.signed(vendorJson('checkr', 'candidate-created-event.json'))),
    /not classified/,
  );
});

test("a report stub is read back and Checkr's documented report answer parses", async () => {
  const report = vendorJson<{ id: string }>('checkr', 'report.json');
  const stub = sender.signed({
    id: 'evt-doc',
    object: 'event',
    type: 'report.completed',
    created_at: '2018-08-17T01:12:43Z',
    data: { object: { id: report.id, object: 'report', uri: `/v1/reports/${report.id}` } },
  });
  const ctx = {
    ...noApi,
    send: async (request: HttpRequest) => ({
      status: 200,
      headers: {},
      body: request.url.endsWith(report.id) ? report : null,
    }),
  };
  const event = (await checkrEvents.canonical(deliveryOf(checkrEvents, stub), ctx as never)).event as CheckEvent;
  assert.deepEqual(event.check, {
    provider: 'checkr',
    candidateId: '551564b7865af96a28b13f36',
    reportId: 'a13f4827d8711ddc75abc56ct',
    status: 'complete',
    result: 'clear',
    package: 'dunder_mifflin_executive',
    completedAt: '2018-08-17T01:12:26Z',
  });
});

test("our order reads Checkr's documented candidate and invitation answers, and sends the documented routes and bodies", async () => {
  const candidate = vendorJson<{ data: { object: unknown } }>('checkr', 'candidate-created-event.json').data.object;
  const invitation = JSON.parse(vendorFixture('checkr', 'invitation-created.json'));
  const sent: HttpRequest[] = [];
  const ctx = {
    send: async (request: HttpRequest) => (
      sent.push(request),
      {
        status: 201,
        headers: {},
        attempts: 1,
        durationMs: 1,
        body: request.url === 'v1/candidates' ? candidate : invitation,
      }
    ),
  };
  const conn = { apiKey: 'k', package: 'dunder_mifflin_executive', workLocation: { country: 'US' } };
  const ordered = await checkr(conn).orderCheck(
    {
      firstName: 'John',
      lastName: 'Smith',
      email: 'john.smith@example.org',
      office: { name: 'HQ', location: 'San Francisco, CA' },
    },
    ctx,
    async () => undefined,
  );
  assert.deepEqual(ordered, {
    candidateId: 'c373384e71a9a02098cb7421',
    invitationId: '551564b7865af96a28b13f36',
    invitationUrl: 'https://apply.checkr.com/invite/try-checkr/290f9d6d6e46/test',
    status: 'pending',
    package: 'dunder_mifflin_executive',
  });
  const where = [{ country: 'US', state: 'CA', city: 'San Francisco' }];
  assert.deepEqual(
    sent.map((r) => `${r.method} ${r.url}`),
    ['POST v1/candidates', 'POST v1/invitations'],
  );
  assert.deepEqual(sent[0]?.body, {
    first_name: 'John',
    last_name: 'Smith',
    email: 'john.smith@example.org',
    work_locations: where,
  });
  assert.deepEqual(sent[1]?.body, {
    candidate_id: 'c373384e71a9a02098cb7421',
    package: 'dunder_mifflin_executive',
    work_locations: where,
  });
  assert.equal(checkrHttpOptions(conn).baseUrl, 'https://api.checkr.com');
});

test('the emulator answers an invitation in the documented shape', async () => {
  const s = await sandbox;
  const conn = {
    apiKey: CHECKR_DEFAULTS.apiKeys[0],
    baseUrl: s.url,
    package: CHECKR_DEFAULTS.packages[0],
    workLocation: { country: 'US', state: 'NY' },
  };
  const { ctx, client } = contextFor(checkrHttpOptions(conn));
  try {
    const { invitationId } = await checkr(conn).orderCheck(
      { firstName: 'A', lastName: 'B', email: 'a@example.com' },
      ctx,
      async () => undefined,
    );
    const emulated = s.invitations().find((i) => i.id === invitationId)!;
    const documented = JSON.parse(vendorFixture('checkr', 'invitation-created.json')) as Record<string, unknown>;
    for (const key of Object.keys(documented)) assert.ok(key in emulated, `the emulator's invitation has "${key}"`);
  } finally {
    client.close();
  }
});
