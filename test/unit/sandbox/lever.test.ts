import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEVER_DEFAULTS, startLever } from '../../../sandbox/lever';
import { basic, call, useEmulator } from './support';

const key = basic(LEVER_DEFAULTS.apiKeys[0] ?? assert.fail('no default key'));
const lever = useEmulator(() => startLever());
const url = (path: string) => `${lever().url}${path}`;

test('an opportunity is read for enrichment, with its applications expanded', async () => {
  const id = lever().addOpportunity({ name: 'Ana Silva', email: 'ana@example.com' });
  const res = await call(url(`/v1/opportunities/${id}?expand=applications`), { headers: key });
  assert.equal(res.status, 200);
  assert.equal(res.json().data.emails[0], 'ana@example.com');
  assert.equal(typeof res.json().data.applications[0].id, 'string');
});

test('the employee id is written back as a note performed as a user', async () => {
  const id = lever().addOpportunity();
  const res = await call(url(`/v1/opportunities/${id}/notes?perform_as=lever-user-1`), {
    headers: key,
    body: { value: 'HRIS employee id: 101' },
  });
  assert.equal(res.status, 201);
  assert.deepEqual(
    lever()
      .notes(id)
      .map((n) => [n.value, n.performAs]),
    [['HRIS employee id: 101', 'lever-user-1']],
  );
});

test('a wrong API key is refused with 401', async () => {
  const id = lever().addOpportunity();
  assert.equal((await call(url(`/v1/opportunities/${id}`), { headers: basic('nope') })).status, 401);
});

test('a note without a value is refused with the reason', async () => {
  const id = lever().addOpportunity();
  const res = await call(url(`/v1/opportunities/${id}/notes`), { headers: key, body: { text: 'x' } });
  assert.equal(res.status, 400);
  assert.match(res.json().message, /value/);
});

test("an opportunity's notes are listed with their words, a page at a time", async () => {
  const id = lever().addOpportunity();
  for (const n of [1, 2, 3])
    await call(url(`/v1/opportunities/${id}/notes`), { headers: key, body: { value: `note ${n}` } });
  const first = (await call(url(`/v1/opportunities/${id}/notes?limit=2`), { headers: key })).json();
  assert.deepEqual(
    first.data.map((n: { text: string }) => n.text),
    ['note 1', 'note 2'],
  );
  assert.equal(first.hasNext, true);
  const rest = (await call(url(`/v1/opportunities/${id}/notes?limit=2&offset=${first.next}`), { headers: key })).json();
  assert.deepEqual(
    rest.data.map((n: { fields: Array<{ value: string }> }) => n.fields[0].value),
    ['note 3'],
  );
  assert.equal(rest.hasNext, false);
});

test('a contact’s opportunities are listed by contact_id, and none once Lever has deleted the candidate', async () => {
  const id = lever().addOpportunity();
  const contact = lever().contactOf(id);
  const listed = (await call(url(`/v1/opportunities?contact_id=${contact}`), { headers: key })).json();
  assert.deepEqual(
    listed.data.map((o: { id: string }) => o.id),
    [id],
  );
  lever().deleteContact(contact);
  assert.deepEqual((await call(url(`/v1/opportunities?contact_id=${contact}`), { headers: key })).json().data, []);
  assert.equal((await call(url(`/v1/opportunities/${id}`), { headers: key })).status, 404);
});

test('an opportunity moved out of the hired archive is no longer archived', async () => {
  const id = lever().addOpportunity();
  lever().unarchive(id);
  assert.equal((await call(url(`/v1/opportunities/${id}`), { headers: key })).json().data.archived, null);
});
