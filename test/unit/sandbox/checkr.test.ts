import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKR_DEFAULTS, startCheckr } from '../../../sandbox/checkr';
import { basic, call, useEmulator } from './support';

const key = basic(CHECKR_DEFAULTS.apiKeys[0] ?? assert.fail('no default key'));
const checkr = useEmulator(() => startCheckr());
const url = (path: string) => `${checkr().url}${path}`;
const location = [{ country: 'US', state: 'CA', city: 'San Francisco' }];

async function invite() {
  const candidate = await call(url('/v1/candidates'), {
    headers: key,
    body: { email: 'ana@example.com', first_name: 'Ana', last_name: 'Silva' },
  });
  assert.equal(candidate.status, 201);
  const invitation = await call(url('/v1/invitations'), {
    headers: key,
    body: { candidate_id: candidate.json().id, package: 'driver_pro', work_locations: location },
  });
  assert.equal(invitation.status, 201);
  return invitation.json();
}

test('a candidate and an invitation order a check and return an invitation URL', async () => {
  const invitation = await invite();
  assert.equal(invitation.status, 'pending');
  assert.match(invitation.invitation_url, /^https:\/\//);
});

test('a candidate is also accepted as a form, as Checkr documents', async () => {
  const res = await call(url('/v1/candidates'), {
    headers: key,
    body: new URLSearchParams({ email: 'ana@example.com' }),
  });
  assert.equal(res.status, 201);
});

test('a wrong API key is refused with 401', async () => {
  assert.equal(
    (await call(url('/v1/candidates'), { headers: basic('nope'), body: { email: 'ana@example.com' } })).status,
    401,
  );
});

test('a candidate without email, or an invitation without work locations, is refused with the reason', async () => {
  const noEmail = await call(url('/v1/candidates'), { headers: key, body: { first_name: 'Ana' } });
  assert.equal(noEmail.status, 400);
  assert.match(noEmail.json().error, /email/);
  const candidateId =
    checkr().candidates()[0]?.id ??
    (await call(url('/v1/candidates'), { headers: key, body: { email: 'a@example.com' } })).json().id;
  const noLocation = await call(url('/v1/invitations'), {
    headers: key,
    body: { candidate_id: candidateId, package: 'driver_pro' },
  });
  assert.equal(noLocation.status, 400);
  assert.match(noLocation.json().error, /work_locations/);
});

test('completing a report returns the report.completed event Checkr would send', async () => {
  const invitation = await invite();
  const res = await call(url('/_sandbox/reports'), { body: { invitationId: invitation.id, result: 'consider' } });
  assert.equal(res.status, 201);
  const { eventId, body } = res.json();
  assert.equal(body.id, eventId);
  assert.equal(body.type, 'report.completed');
  assert.deepEqual(
    [body.data.object.status, body.data.object.result, body.data.object.candidate_id],
    ['complete', 'consider', invitation.candidate_id],
  );
  const report = await call(url(`/v1/reports/${body.data.object.id}`), { headers: key });
  assert.equal(report.json().result, 'consider');
});

test('candidates are listed by custom_id and invitations by candidate and status', async () => {
  await call(url('/v1/candidates'), { headers: key, body: { email: 'bo@example.com', custom_id: 'guid-bo' } });
  const invitation = await invite();
  const byCustomId = (await call(url('/v1/candidates?custom_id=guid-bo'), { headers: key })).json();
  assert.deepEqual(
    byCustomId.data.map((c: { email: string }) => c.email),
    ['bo@example.com'],
  );
  const pending = (
    await call(url(`/v1/invitations?candidate_id=${invitation.candidate_id}&status=pending`), { headers: key })
  ).json();
  assert.deepEqual(
    pending.data.map((i: { id: string }) => i.id),
    [invitation.id],
  );
  assert.equal((await call(url('/v1/invitations?colour=red'), { headers: key })).status, 400);
});
