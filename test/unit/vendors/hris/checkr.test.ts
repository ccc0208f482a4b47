import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKR_DEFAULTS, startCheckr } from '../../../../sandbox/checkr';
import { checkr, checkrHttpOptions, type CheckrConnection } from '../../../../lib/vendors/checkr/checks';
import { contextFor } from './support';

const sandbox = startCheckr();
const checkrSandbox = () => sandbox;
const clients: Array<{ close(): void }> = [];
after(async () => {
  clients.forEach((c) => c.close());
  await (await sandbox).stop();
});

async function connect() {
  const conn: CheckrConnection = {
    apiKey: CHECKR_DEFAULTS.apiKeys[0],
    baseUrl: (await sandbox).url,
    package: 'tasker_standard',
    workLocation: { country: 'US', state: 'CA', city: 'San Francisco' },
  };
  const { ctx, client } = contextFor(checkrHttpOptions(conn));
  clients.push(client);
  return { api: checkr(conn), ctx };
}

const ana = { firstName: 'Ana', lastName: 'Silva', email: 'ana@example.com' };

test('a check creates the candidate, invites them to the package and returns the invitation URL and ids', async () => {
  const { api, ctx } = await connect();
  const created: string[] = [];
  const ordered = await api.orderCheck(ana, ctx, async (id) => void created.push(id));
  assert.deepEqual(created, [ordered.candidateId]);
  assert.equal(ordered.package, 'tasker_standard');
  assert.match(ordered.invitationUrl, /^https?:\/\//);
  assert.ok(ordered.invitationId);
  assert.equal((await sandbox).candidates().length, 1);
});

test('a known candidate is reused: only the invitation is created', async () => {
  const { api, ctx } = await connect();
  const first = await api.orderCheck(ana, ctx, async () => undefined);
  const before = (await sandbox).candidates().length;
  const again = await api.orderCheck({ ...ana, candidateId: first.candidateId, package: 'driver_pro' }, ctx, async () =>
    assert.fail('no new candidate'),
  );
  assert.equal(again.candidateId, first.candidateId);
  assert.equal(again.package, 'driver_pro');
  assert.equal((await sandbox).candidates().length, before);
});

test('after lost answers the retry finds the candidate by our person id and reuses the pending invitation: one of each', async () => {
  const sandbox = await checkrSandbox();
  const { api, ctx } = await connect();
  const order = { ...ana, email: 'lost@example.com', customId: 'person-guid-lost' };
  sandbox.injectFault({ kind: 'lost_response', method: 'POST', path: '/v1/candidates' });
  await assert.rejects(api.orderCheck(order, ctx, async () => assert.fail('the answer was lost')));
  const linked: string[] = [];
  sandbox.injectFault({ kind: 'lost_response', method: 'POST', path: '/v1/invitations' });
  await assert.rejects(api.orderCheck(order, ctx, async (id) => void linked.push(id), { retry: true }));
  const ordered = await api.orderCheck(
    { ...order, candidateId: linked[0] },
    ctx,
    async () => assert.fail('no new candidate'),
    { retry: true },
  );
  const mine = sandbox.candidates().filter((c) => c.custom_id === 'person-guid-lost');
  assert.deepEqual(
    mine.map((c) => c.id),
    [ordered.candidateId],
  );
  assert.deepEqual(
    sandbox
      .invitations()
      .filter((i) => i.candidate_id === ordered.candidateId)
      .map((i) => i.id),
    [ordered.invitationId],
  );
});

test("the work location is read from the hire's office: the candidate and the invitation carry its state", async () => {
  const { api, ctx } = await connect();
  const ordered = await api.orderCheck(
    { ...ana, email: 'nyc@example.com', office: { name: 'New York City', location: 'New York, NY' } },
    ctx,
    async () => undefined,
  );
  const sent = (await sandbox).invitations().find((i) => i.id === ordered.invitationId);
  assert.deepEqual(sent?.work_locations, [{ country: 'US', state: 'NY', city: 'New York' }]);
  assert.deepEqual((await sandbox).candidates().find((c) => c.id === ordered.candidateId)?.work_locations, [
    { country: 'US', state: 'NY', city: 'New York' },
  ]);
});

test('a US office with no readable state holds the order before anything is created at Checkr', async () => {
  const { api, ctx } = await connect();
  const before = (await sandbox).candidates().length;
  await assert.rejects(
    api.orderCheck(
      { ...ana, email: 'chicago@example.com', office: { name: 'Chicago Loop', location: 'Chicago, USA' } },
      ctx,
      async () => assert.fail('no candidate'),
    ),
    (err: Error & { code?: string }) => err.code === 'checkr.state_missing' && /Chicago Loop/.test(err.message),
  );
  assert.equal((await sandbox).candidates().length, before);
});

test('Checkr refuses a US work location without a state, as it documents', async () => {
  const s = await sandbox;
  const conn: CheckrConnection = {
    apiKey: CHECKR_DEFAULTS.apiKeys[0],
    baseUrl: s.url,
    package: 'tasker_standard',
    workLocation: { country: 'US' },
  };
  const { ctx, client } = contextFor(checkrHttpOptions(conn));
  clients.push(client);
  const answer = await ctx
    .send({
      method: 'POST',
      url: 'v1/invitations',
      body: { candidate_id: 'x', package: 'tasker_standard', work_locations: [{ country: 'US' }] },
    })
    .catch((e: Error) => e);
  assert.ok(answer instanceof Error);
  assert.match(answer.message, /state/);
});

test("outside the US a lost invitation answer cannot be looked up in Checkr's list: the retry is held for a person, not sent twice", async () => {
  const s = await sandbox;
  const { api, ctx } = await connect();
  const order = {
    ...ana,
    email: 'london@example.com',
    customId: 'person-guid-london',
    office: { name: 'London', location: 'London, United Kingdom' },
  };
  const linked: string[] = [];
  s.injectFault({ kind: 'lost_response', method: 'POST', path: '/v1/invitations' });
  await assert.rejects(api.orderCheck(order, ctx, async (id) => void linked.push(id)));
  const mine = () => s.invitations().filter((i) => i.candidate_id === linked[0]);
  assert.equal(mine().length, 1, "the lost answer's invitation exists");
  await assert.rejects(
    api.orderCheck({ ...order, candidateId: linked[0] }, ctx, async () => undefined, {
      retry: true,
      outcomeUnknown: true,
    }),
    (err: Error & { code?: string }) => err.code === 'checkr.outcome_unknown',
  );
  assert.equal(mine().length, 1, 'not invited twice');
  // A person looked and found none (the dead letter retried): the order goes through.
  const again = await api.orderCheck({ ...order, candidateId: linked[0] }, ctx, async () => undefined, {
    retry: true,
    outcomeUnknown: false,
  });
  assert.equal(again.candidateId, linked[0]);
});
