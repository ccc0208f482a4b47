import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { personioChangedPersons, personioChanges } from '../../../../lib/vendors/personio/changes';
import type { EmployeeUpdatedEvent } from '../../../../lib/vendors/hris/changes';
import type { HttpRequest } from '../../../../lib/http';
import type { AtsContext } from '../../../../lib/vendors/ats';

/** Personio answers posted on Personio's forum (see the README beside them). */
const fixtures = path.join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'vendors', 'personio');
const example = (name: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(fixtures, `${name}.json`), 'utf8'));

/** Answers list pages in order, as Personio's cursor links them; records what was asked. */
function pagedApi(pages: unknown[]) {
  const calls: HttpRequest[] = [];
  const ctx: AtsContext = {
    settings: { timeZone: 'UTC' },
    auth: 'apiKey',
    async send(request) {
      calls.push(request);
      return { status: 200, headers: {}, body: pages[calls.length - 1], attempts: 1, durationMs: 1 };
    },
  };
  return { ctx, calls };
}

const NEXT = 'https://api.personio.de/v2/persons?cursor=abc';
const since = new Date('2026-11-02T09:00:00Z');

test('the poll reads every page of persons Personio lists as updated since the last poll, one change per person and update time', async () => {
  const api = pagedApi([
    {
      _data: [
        {
          id: '32180425',
          first_name: 'Ana',
          last_name: 'Silva Costa',
          email: 'ana@acme.example',
          updated_at: '2026-11-02T10:04:00+00:00',
        },
      ],
      _meta: { links: { next: { href: NEXT } } },
    },
    {
      _data: [{ id: '32180426', preferred_name: 'Bill', updated_at: '2026-11-02T10:05:00+00:00' }],
      _meta: { links: {} },
    },
  ]);
  const { deliveries } = await personioChangedPersons(since, api.ctx, new Date('2026-11-02T10:06:00Z'));
  assert.deepEqual(
    api.calls.map((c) => [c.url, c.query]),
    [
      ['v2/persons', { 'updated_at.gt': '2026-11-02T09:00:00.000Z', limit: 50 }],
      [NEXT, undefined],
    ],
  );
  assert.deepEqual(
    deliveries.map((d) => d.key),
    [
      'employee.updated:32180425:poll:2026-11-02T10:04:00+00:00',
      'employee.updated:32180426:poll:2026-11-02T10:05:00+00:00',
    ],
  );
  const { event } = (await personioChanges.canonical(deliveries[0]!, api.ctx)) as { event: EmployeeUpdatedEvent };
  assert.equal(event.system, 'personio');
  assert.deepEqual(
    event.employees[0]!.changes.map((c) => [c.field, c.value, c.changedAt, c.timeUncertain]),
    [
      ['person.legalName.first', 'Ana', '2026-11-02T10:04:00.000Z', true],
      ['person.legalName.last', 'Silva Costa', '2026-11-02T10:04:00.000Z', true],
      ['employee.workEmail', 'ana@acme.example', '2026-11-02T10:04:00.000Z', true],
    ],
  );
  const second = (await personioChanges.canonical(deliveries[1]!, api.ctx)) as { event: EmployeeUpdatedEvent };
  assert.deepEqual(
    second.event.employees[0]!.changes.map((c) => [c.field, c.value]),
    [['person.preferredName', 'Bill']],
    'an attribute the answer does not carry is not a change to empty',
  );
});

test('a person listed again unchanged by an overlapping poll has the same key; changed again, a new one', async () => {
  const person = { id: '7', first_name: 'Ana', updated_at: '2026-11-02T10:04:00+00:00' };
  const [first] = (await personioChangedPersons(since, pagedApi([{ _data: [person] }]).ctx, new Date())).deliveries;
  const [again] = (await personioChangedPersons(since, pagedApi([{ _data: [person] }]).ctx, new Date())).deliveries;
  const [later] = (
    await personioChangedPersons(
      since,
      pagedApi([{ _data: [{ ...person, updated_at: '2026-11-02T11:00:00+00:00' }] }]).ctx,
      new Date(),
    )
  ).deliveries;
  assert.equal(again!.key, first!.key);
  assert.notEqual(later!.key, first!.key);
});

test("a person answer without its update time (as Personio's forum shows one) fails the poll naming the field, rather than guessing a time", async () => {
  const api = pagedApi([{ _data: [example('person')] }]);
  await assert.rejects(
    personioChangedPersons(since, api.ctx, new Date()),
    (err: Error & { code?: string }) => err.code === 'ats.payload_invalid' && /_data\.0\.updated_at/.test(err.message),
  );
});

test('a name attribute that is not text fails naming the field, rather than being dropped', async () => {
  const api = pagedApi([
    { _data: [{ id: '7', first_name: { value: 'Ana' }, updated_at: '2026-11-02T10:04:00+00:00' }] },
  ]);
  await assert.rejects(personioChangedPersons(since, api.ctx, new Date()), /_data\.0\.first_name/);
});

test('Personio deliveries are never classified from a webhook: its changes come only from the poll', () => {
  assert.equal(
    personioChanges.classify({
      rawBody: Buffer.from('{}'),
      headers: {},
      receivedAt: new Date(),
      body: {},
      vendorEventId: null,
    }),
    null,
  );
});
