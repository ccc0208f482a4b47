import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../../lib/store';
import { flowsTo, fromHrisTerms, isEcho, offersOf, rememberSent, type SurvivableField } from '../../../lib/survive';

const department: SurvivableField = {
  path: 'job.department.name',
  recordPath: 'job.department.name',
  owner: 'any',
  immutable: false,
  secret: false,
  direction: 'both',
  translation: { Engineering: 'Technology', 'Platform Engineering': 'Technology', Sales: 'Sales' },
};

test("an HRIS value is read back through the dictionary's lookup table, and an unknown or ambiguous one is not guessed", () => {
  assert.deepEqual(fromHrisTerms(department, 'Sales'), { ok: true, value: 'Sales' });
  assert.deepEqual(fromHrisTerms({ ...department, translation: { Engineering: 'Technology' } }, 'Technology'), {
    ok: true,
    value: 'Engineering',
  });
  const ambiguous = fromHrisTerms(department, 'Technology');
  assert.equal(ambiguous.ok, false);
  assert.match(!ambiguous.ok ? ambiguous.reason : '', /"Engineering" and "Platform Engineering"/);
  assert.match((fromHrisTerms(department, 'Finance') as { reason: string }).reason, /no ATS value for "Finance"/);
});

test('which way a field flows follows its sync direction; unset is the hire direction', () => {
  assert.equal(flowsTo(department, 'ats'), true);
  assert.equal(flowsTo({ ...department, direction: 'ats_to_hris' }, 'ats'), false);
  assert.equal(flowsTo({ ...department, direction: undefined }, 'hris'), true);
  assert.equal(flowsTo({ ...department, direction: 'none' }, 'hris'), false);
});

test('changes are offered per change time, oldest first, so each field is compared at its own time', () => {
  const offers = offersOf('bamboohr', [
    { field: 'job.title', value: 'Staff Engineer', changedAt: '2026-11-02T10:00:50.000Z' },
    { field: 'person.legalName.last', value: 'Costa', changedAt: '2026-11-02T10:00:10.000Z' },
    { field: 'person.legalName.first', value: 'Ana', changedAt: '2026-11-02T10:00:10.000Z' },
  ]);
  assert.deepEqual(
    offers.map((o) => [o.at.toISOString(), o.values]),
    [
      ['2026-11-02T10:00:10.000Z', { person: { legalName: { last: 'Costa', first: 'Ana' } } }],
      ['2026-11-02T10:00:50.000Z', { job: { title: 'Staff Engineer' } }],
    ],
  );
});

test('a value the package sent to a system is recognised when that system reports it, even after newer sends, and only there', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-echo-'));
  const store = await openStore({ file: path.join(dir, 'echo.db'), key: crypto.randomBytes(32).toString('hex') });
  try {
    const guid = 'person-1';
    await rememberSent(store, guid, 'greenhouse', 'preferredName', 'Annie');
    await rememberSent(store, guid, 'greenhouse', 'preferredName', 'Ann');
    assert.equal(
      await isEcho(store, guid, 'greenhouse', 'preferredName', 'Annie'),
      true,
      'an older send coming back late',
    );
    assert.equal(await isEcho(store, guid, 'greenhouse', 'preferredName', 'Ann'), true);
    assert.equal(
      await isEcho(store, guid, 'greenhouse', 'preferredName', 'Nana'),
      false,
      'a new value is a real change',
    );
    assert.equal(
      await isEcho(store, guid, 'lever', 'preferredName', 'Ann'),
      false,
      'another system did not get it from us',
    );
    assert.equal(await isEcho(store, 'person-2', 'greenhouse', 'preferredName', 'Ann'), false);
    const kept = await store.getNodeState(`echo:${guid}:greenhouse:preferredName`);
    assert.ok(kept && !kept.includes('Ann'), 'only digests are kept, never the values');
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
