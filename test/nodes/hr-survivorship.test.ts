import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { helper, nextMessage, useHelperWithTempDir } from '../support/nodeRed';
import storeNode = require('../../nodes/hr-store/hr-store');
import dedupeNode = require('../../nodes/hr-dedupe/hr-dedupe');
import survivorshipNode = require('../../nodes/hr-survivorship/hr-survivorship');
import dictionaryNode = require('../../nodes/hr-dictionary/hr-dictionary');
import type { StoreConfigNode } from '../../nodes/common/storeRef';
import { sampleHire } from '../../lib/mapping/sampleHire';
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import type { HireEvent } from '../../lib/model';

type Resolved = Record<string, unknown> & {
  payload: HireEvent & Record<string, unknown>;
  person: { guid: string };
  changes: Array<{ field: string; old: unknown; new: unknown; winningSource: string }>;
  kept: Array<{ field: string; rule: string; keptSource: string }>;
  conflicts?: Array<{ field: string; rule: string; reviewId: number }>;
};

const key = crypto.randomBytes(32).toString('hex');
const temp = useHelperWithTempDir('hr-survivorship-');
function flow(dictionary = '') {
  return [
    { id: 's', type: 'hr-store', file: temp.storeFile(), secretFields: 'nationalId.value, dateOfBirth', keyEnv: '' },
    {
      id: 'd',
      type: 'hr-dedupe',
      store: 's',
      mergeThreshold: '0.95',
      reviewThreshold: '0.70',
      defaultCountry: 'US',
      model: '',
      wires: [['v'], ['v'], []],
    },
    { id: 'v', type: 'hr-survivorship', store: 's', dictionary, wires: [['resolved'], ['conflicts']] },
    { id: 'resolved', type: 'helper' },
    { id: 'conflicts', type: 'helper' },
    { id: 'c', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
}

const load = (nodes: unknown[] = flow()) =>
  helper.load([storeNode, dedupeNode, survivorshipNode, dictionaryNode], nodes as never, { s: { encryptionKey: key } });
const store = () => (helper.getNode('s') as StoreConfigNode).acquire();

async function viaDedupe(hire: HireEvent): Promise<Resolved> {
  const resolved = nextMessage<Resolved>(helper.getNode('resolved'));
  helper.getNode('d').receive({ payload: hire } as never);
  return resolved;
}

async function direct(payload: unknown, guid: string, port: 'resolved' | 'conflicts' = 'resolved'): Promise<Resolved> {
  const out = nextMessage<Resolved>(helper.getNode(port));
  helper.getNode('v').receive({ payload, person: { guid } } as never);
  return out;
}

const hire = (eventId: string, occurredAt: string, last = 'Silva') =>
  sampleHire({ eventId, occurredAt, person: { ...sampleHire().person, legalName: { first: 'Ana', last } } });
const fromHris = (occurredAt: string, person: Record<string, unknown>) => ({
  system: 'bamboohr',
  occurredAt,
  record: { person },
});
const employee = (guid: string, hireDate: string) => ({
  id: 'E-7',
  system: 'bamboohr',
  workEmail: 'ana.silva@acme.example',
  status: 'active',
  hireDate,
  personGuid: guid,
});

test('the ATS cannot change a legal name the HRIS owns: the HRIS value is kept and the flow continues with it', async () => {
  await load();
  const first = await viaDedupe(hire('e-1', '2026-11-02T10:00:00Z'));
  const guid = first.person.guid;
  assert.ok(
    first.changes.length > 0 && first.changes.every((c) => !c.field.startsWith('person.')),
    'dedupe created the person with these values; the offer and job are new',
  );

  const corrected = await direct(
    fromHris('2026-11-03T10:00:00Z', { legalName: { first: 'Ana', last: 'Silva Costa' } }),
    guid,
  );
  assert.deepEqual(
    corrected.changes.map((c) => [c.field, c.old, c.new, c.winningSource]),
    [['person.legalName.last', 'Silva', 'Silva Costa', 'bamboohr']],
  );

  const later = await viaDedupe(hire('e-2', '2026-11-04T10:00:00Z', 'Silva'));
  assert.equal(later.person.guid, guid);
  assert.equal(later.payload.person.legalName.last, 'Silva Costa');
  assert.deepEqual(later.changes, []);
  assert.deepEqual(
    later.kept.map((k) => [k.field, k.rule, k.keptSource]),
    [['person.legalName.last', 'owner_holds', 'bamboohr']],
  );
  assert.equal(((await (await store()).getPerson(guid))?.record.legalName as { last: string }).last, 'Silva Costa');
});

test('a changed hire date goes to the conflict output and the review queue, and the first date stays', async () => {
  await load();
  const { person } = await viaDedupe(hire('e-1', '2026-11-02T10:00:00Z'));
  const set = await direct(employee(person.guid, '2026-12-01'), person.guid);
  assert.ok(set.changes.some((c) => c.field === 'employee.hireDate' && c.new === '2026-12-01'));

  const resolved = nextMessage<Resolved>(helper.getNode('resolved'));
  const conflict = await direct(employee(person.guid, '2026-12-15'), person.guid, 'conflicts');
  assert.deepEqual(
    conflict.conflicts?.map((c) => [c.field, c.rule]),
    [['employee.hireDate', 'immutable']],
  );
  assert.equal(((await resolved).payload.employee as { hireDate: string }).hireDate, '2026-12-01');
  const reviews = await (await store()).listReviews('open');
  assert.deepEqual(
    reviews.map((r) => [r.id, r.kind, r.personGuid]),
    [[conflict.conflicts?.[0]?.reviewId, 'conflict', person.guid]],
  );
});

test('every change is audited with before and after, secret fields masked', async () => {
  await load();
  const { person } = await viaDedupe(hire('e-1', '2026-11-02T10:00:00Z'));
  await direct(
    fromHris('2026-11-03T10:00:00Z', {
      legalName: { first: 'Ana', last: 'Costa' },
      nationalId: { type: 'ssn', value: '123-45-6789' },
    }),
    person.guid,
  );
  const entries = (await (await store()).auditEntries({ personGuid: person.guid })).filter(
    (e) => e.action === 'survivorship.changed' && e.source === 'bamboohr',
  );
  assert.deepEqual(
    entries
      .map((e) => [e.source, e.before, e.after])
      .find(([, before]) => JSON.stringify(before).includes('legalName')),
    ['bamboohr', { 'legalName.last': 'Silva' }, { 'legalName.last': 'Costa' }],
  );
  assert.equal(entries.length, 3, 'last name, national id type and value');
  assert.doesNotMatch(JSON.stringify(entries), /123-45-6789/);
});

test('a message without a person GUID or from an unknown system is refused with a code naming what is missing', async () => {
  await load();
  const caught = nextMessage(helper.getNode('caught'));
  helper.getNode('v').receive({ payload: sampleHire() } as never);
  assert.equal(((await caught).error as { code: string }).code, 'survivorship.guid_missing');
  const again = nextMessage(helper.getNode('caught'));
  helper
    .getNode('v')
    .receive({ payload: { system: 'spreadsheet', record: {} }, person: { guid: crypto.randomUUID() } } as never);
  assert.equal(((await again).error as { code: string }).code, 'survivorship.source_unknown');
});

test('a selected data dictionary decides who owns a field', async () => {
  const atsOwnsNames = {
    ...defaultDictionary,
    fields: defaultDictionary.fields.map((f) =>
      f.name.startsWith('person.legalName') ? { ...f, owner: 'ats' as const } : f,
    ),
  };
  await load([...flow('dict'), { id: 'dict', type: 'hr-dictionary', dictionary: atsOwnsNames }]);
  const { person } = await viaDedupe(hire('e-1', '2026-11-02T10:00:00Z'));
  await direct(fromHris('2026-11-03T10:00:00Z', { legalName: { first: 'Ana', last: 'Silva Costa' } }), person.guid);
  const later = await viaDedupe(hire('e-2', '2026-11-04T10:00:00Z', 'Silva'));
  assert.equal(later.payload.person.legalName.last, 'Silva', 'the ATS owns the name in this dictionary');
});

test('after the HRIS changes a legal name, the person is found and counted under the new name, and still under the old', async () => {
  await load();
  const { person } = await viaDedupe(hire('e-1', '2026-11-02T10:00:00Z'));
  const s = await store();
  assert.equal(await s.nameFrequency('last', 'silva'), 1);
  await direct(fromHris('2026-11-03T10:00:00Z', { legalName: { first: 'Ana', last: 'Okafor' } }), person.guid);
  assert.equal(await s.nameFrequency('last', 'okafor'), 1, 'the name counts follow the golden record');
  assert.equal(await s.nameFrequency('last', 'silva'), 0);
  const byNewName = await s.findCandidates({ keys: ['n:OCAFAR:a'], limit: 10, maxBlockSize: 300 });
  assert.deepEqual(
    byNewName.candidates.map((c) => c.guid),
    [person.guid],
  );
  assert.match(
    JSON.stringify(byNewName.candidates[0]?.comparisonRecord),
    /okafor/,
    'the comparison record is the new name',
  );
  const byOldName = await s.findCandidates({ keys: ['n:SALV:a'], limit: 10, maxBlockSize: 300 });
  assert.deepEqual(
    byOldName.candidates.map((c) => c.guid),
    [person.guid],
    'an ATS still sending the old name finds the person',
  );
});
