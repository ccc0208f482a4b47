import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { bambooChangedEmployees, bamboohrChanges } from '../../../../lib/vendors/bamboohr/changes';
import { verifyBambooWebhook } from '../../../../lib/vendors/bamboohr/webhook';
import type { EmployeeUpdatedEvent } from '../../../../lib/vendors/hris/changes';
import { bamboohrSender } from '../../../../sandbox/senders';
import type { SignedDelivery } from '../../../../sandbox/senders';
import { deliveryOf, fakeApi, noApi } from '../ats/support';

/** BambooHR's own published webhook examples (see the README beside them). */
const fixtures = path.join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'vendors', 'bamboohr');
const example = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(fixtures, `${name}.json`), 'utf8'));

const SECRET = 'bamboo-private-key';
const sentAt = new Date('2026-11-02T15:04:00Z');
const sender = bamboohrSender({ secret: SECRET, now: () => sentAt });
const inbound = (signed: SignedDelivery, receivedAt = new Date(sentAt.getTime() + 2_000)) => ({
  rawBody: signed.rawBody,
  headers: Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v])),
  receivedAt,
});
const changed = async (signed: SignedDelivery, ctx = noApi) =>
  (await bamboohrChanges.canonical(deliveryOf(bamboohrChanges, signed), ctx)) as {
    event: EmployeeUpdatedEvent;
    warnings: string[];
  };

test("BambooHR's published field-based example reads as the employee's new legal first name, at BambooHR's change time", async () => {
  const { event, warnings } = await changed(sender.sign(example('field-based-updated')));
  assert.equal(event.type, 'employee.updated');
  assert.equal(event.system, 'bamboohr');
  assert.deepEqual(event.employees, [
    {
      employeeId: '12345',
      changedAt: '2026-01-31T18:42:00.000Z',
      changes: [
        {
          field: 'person.legalName.first',
          value: 'Bryony',
          changedAt: '2026-01-31T18:42:00.000Z',
          vendorField: 'First Name',
        },
      ],
      unmapped: [],
      withoutValue: [],
    },
  ]);
  assert.deepEqual(warnings, []);
});

test("BambooHR's published event-based example is read back through the API for the changed field's value", async () => {
  const api = fakeApi({ 'GET v1/employees/67890': { id: '67890', firstName: 'Bryony' } });
  const { event } = await changed(sender.sign(example('event-based-webhook')), api.ctx);
  assert.deepEqual(event.employees[0]!.changes, [
    {
      field: 'person.legalName.first',
      value: 'Bryony',
      changedAt: '2026-01-31T18:42:00.000Z',
      vendorField: 'firstName',
    },
  ]);
  assert.deepEqual(
    api.calls.map((c) => [c.url, c.query]),
    [['v1/employees/67890', { fields: 'firstName' }]],
  );
});

test('a changed field no mapping reads, and one whose value the webhook does not post, are reported, not dropped', async () => {
  const signed = sender.sign({
    employees: [
      {
        action: 'Updated',
        changedFields: ['Job Title', 'Pay rate', 'Department'],
        fields: { 'Job Title': 'Staff Engineer' },
        id: '7',
        timestamp: '2026-11-02T15:03:10+0000',
      },
    ],
  });
  const { event, warnings } = await changed(signed);
  assert.deepEqual(
    event.employees[0]!.changes.map((c) => [c.field, c.value]),
    [['job.title', 'Staff Engineer']],
  );
  assert.deepEqual(event.employees[0]!.unmapped, ['Pay rate']);
  assert.deepEqual(event.employees[0]!.withoutValue, ['Department']);
  assert.equal(warnings.length, 2);
});

test('a delivery BambooHR signed with the private key over body and timestamp is accepted', () => {
  const verdict = verifyBambooWebhook(inbound(sender.sign(example('field-based-updated'))), SECRET);
  assert.equal(verdict.ok, true);
});

test('a wrong key, an altered body, a missing signature and an old timestamp are each refused with their reason', () => {
  const signed = sender.sign(example('field-based-updated'));
  assert.deepEqual(pick(verifyBambooWebhook(inbound(signed), 'another-key')), 'bad_signature');
  const altered = { ...signed, rawBody: Buffer.from(signed.rawBody.toString('utf8').replace('Bryony', 'Mallory')) };
  assert.deepEqual(pick(verifyBambooWebhook(inbound(altered), SECRET)), 'bad_signature');
  const unsigned = {
    ...signed,
    headers: { 'Content-Type': 'application/json', 'X-BambooHR-Timestamp': signed.headers['X-BambooHR-Timestamp']! },
  };
  assert.deepEqual(pick(verifyBambooWebhook(inbound(unsigned), SECRET)), 'missing_signature');
  assert.deepEqual(
    pick(verifyBambooWebhook(inbound(signed, new Date(sentAt.getTime() + 10 * 60_000)), SECRET)),
    'stale_timestamp',
  );
  assert.deepEqual(pick(verifyBambooWebhook(inbound(signed), undefined)), 'missing_secret');
});

test('a redelivery of the same bytes has the same key; another change to the same employee a new one', () => {
  const first = deliveryOf(
    bamboohrChanges,
    sender.fieldsUpdated([{ employeeId: '7', fields: { 'Job Title': 'Staff Engineer' } }]),
  );
  const again = deliveryOf(
    bamboohrChanges,
    sender.fieldsUpdated([{ employeeId: '7', fields: { 'Job Title': 'Staff Engineer' } }]),
  );
  const other = deliveryOf(
    bamboohrChanges,
    sender.fieldsUpdated([{ employeeId: '7', fields: { 'Job Title': 'Principal Engineer' } }]),
  );
  assert.equal(first.key, again.key);
  assert.notEqual(first.key, other.key);
  assert.deepEqual(first.subjects.candidateIds, ['7']);
});

test('an employee created or deleted in BambooHR is acknowledged and not emitted as a change', () => {
  const created = sender.sign({
    employees: [{ action: 'Created', changedFields: [], fields: {}, id: '8', timestamp: '2026-11-02T15:03:10+0000' }],
  });
  const headers = Object.fromEntries(Object.entries(created.headers).map(([k, v]) => [k.toLowerCase(), v]));
  assert.equal(
    bamboohrChanges.classify({
      rawBody: created.rawBody,
      headers,
      receivedAt: sentAt,
      body: JSON.parse(created.rawBody.toString()),
      vendorEventId: null,
    }),
    null,
  );
});

test('a body that is not a BambooHR change names the failing field', () => {
  const body = {
    employees: [{ action: 'Updated', changedFields: ['Job Title'], fields: {}, timestamp: '2026-11-02T15:03:10+0000' }],
  };
  assert.throws(
    () =>
      bamboohrChanges.classify({
        rawBody: Buffer.from(JSON.stringify(body)),
        headers: {},
        receivedAt: sentAt,
        body,
        vendorEventId: null,
      }),
    (err: Error & { code?: string }) => err.code === 'ats.payload_invalid' && /employees\.0\.id/.test(err.message),
  );
});

test("the reconciliation poll reads BambooHR's published changed-employees answer: updated employees only, read back, their time marked uncertain", async () => {
  const api = fakeApi({
    'GET v1/employees/changed': example('changed-employees'),
    'GET v1/employees/4': {
      id: '4',
      firstName: 'Ana',
      lastName: 'Silva Costa',
      jobTitle: 'Staff Engineer',
      department: 'Technology',
    },
  });
  const receivedAt = new Date('2026-11-02T15:05:00Z');
  const { deliveries } = await bambooChangedEmployees(new Date('2011-06-01T00:00:00.000Z'), api.ctx, receivedAt);
  assert.deepEqual(
    deliveries.map((d) => d.key),
    ['employee.updated:4:poll:2011-06-02T19:26:23+00:00'],
    'inserted and deleted employees are not field changes',
  );
  assert.deepEqual(api.calls[0]!.query, { since: '2011-06-01T00:00:00Z', type: 'updated' });
  const { event } = (await bamboohrChanges.canonical(deliveries[0]!, api.ctx)) as { event: EmployeeUpdatedEvent };
  assert.deepEqual(
    event.employees[0]!.changes.map((c) => [c.field, c.value, c.changedAt, c.timeUncertain]),
    [
      ['person.legalName.first', 'Ana', '2011-06-02T19:26:23.000Z', true],
      ['person.legalName.last', 'Silva Costa', '2011-06-02T19:26:23.000Z', true],
      ['job.title', 'Staff Engineer', '2011-06-02T19:26:23.000Z', true],
      ['job.department.name', 'Technology', '2011-06-02T19:26:23.000Z', true],
    ],
  );
  const again = await bambooChangedEmployees(new Date('2011-06-01T00:00:00.000Z'), api.ctx, new Date());
  assert.equal(again.deliveries[0]!.key, deliveries[0]!.key, 'the next poll names the same change the same way');
});

function pick(verdict: { ok: boolean; reason?: string }) {
  return verdict.ok ? 'ok' : verdict.reason;
}
