import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../../lib/store';
import { jobFromMessage, type JobDefaults } from '../../../lib/writer/message';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-writer-message-'));
const storeP = openStore({ file: path.join(dir, 'store.db') });
after(async () => {
  await (await storeP).close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const defaults: JobDefaults = { operation: 'create', hrisSystem: 'bamboohr', writeBack: true };
const guid = '7d3f0a52-0b1e-4f5a-9d2e-000000000001';

test('the key names the person and the operation, never the delivery', async () => {
  const store = await storeP;
  const a = await jobFromMessage(
    { payload: { firstName: 'Ana' }, person: { guid }, event: { source: 'greenhouse', eventId: 'e-1' } },
    defaults,
    store,
  );
  const b = await jobFromMessage(
    {
      payload: { firstName: 'Ana', lastName: 'Silva' },
      person: { guid },
      event: { source: 'greenhouse', eventId: 'e-2' },
    },
    defaults,
    store,
  );
  assert.equal(a.key, `bamboohr:create:person:${guid}`);
  assert.equal(a.key, b.key);
});

test('without a GUID the ATS ids give the key, and the person is found or started in the identity graph once', async () => {
  const store = await storeP;
  const msg = { payload: {}, sourceIds: { system: 'greenhouse', candidateId: 42, applicationId: 7 } };
  const [a, b] = await Promise.all([jobFromMessage(msg, defaults, store), jobFromMessage(msg, defaults, store)]);
  assert.equal(a.key, 'bamboohr:create:ats:greenhouse:42:application:greenhouse:7');
  assert.ok(a.personGuid);
  assert.equal(a.personGuid, b.personGuid);
  assert.equal(await store.findByExternalId('greenhouse', '42'), a.personGuid);
});

test('a create names the hire: the same person hired through another application is another write, a redelivery is not', async () => {
  const store = await storeP;
  const create = (applicationId?: string) =>
    jobFromMessage(
      {
        payload: {},
        person: { guid },
        sourceIds: { system: 'greenhouse', candidateId: '42', ...(applicationId ? { applicationId } : {}) },
      },
      defaults,
      store,
    );
  const [first, redelivered, rehired, unnamed] = await Promise.all([create('7'), create('7'), create('8'), create()]);
  assert.equal(first.key, redelivered.key);
  assert.notEqual(first.key, rehired.key);
  assert.equal(unnamed.key, `bamboohr:create:person:${guid}`, 'without an application the person alone keys it');
  const check = (applicationId: string) =>
    jobFromMessage(
      {
        operation: 'check',
        person: {
          guid,
          legalName: { first: 'Ana', last: 'Silva' },
          emails: [{ address: 'ana@example.com', type: 'personal' }],
        },
        sourceIds: { system: 'greenhouse', candidateId: '42', applicationId },
      },
      defaults,
      store,
    );
  const [checked, checkedAgain, checkedOnRehire] = await Promise.all([check('7'), check('7'), check('8')]);
  assert.equal(checked.key, checkedAgain.key);
  assert.notEqual(checked.key, checkedOnRehire.key, 'a rehire is checked again');
});

test('an update is keyed by its content too, so a later different change is a new write', async () => {
  const store = await storeP;
  const one = await jobFromMessage(
    { operation: 'update', payload: { jobTitle: 'Dev' }, person: { guid } },
    defaults,
    store,
  );
  const same = await jobFromMessage(
    { operation: 'update', payload: { jobTitle: 'Dev' }, person: { guid } },
    defaults,
    store,
  );
  const other = await jobFromMessage(
    { operation: 'update', payload: { jobTitle: 'Lead' }, person: { guid } },
    defaults,
    store,
  );
  assert.equal(one.key, same.key);
  assert.notEqual(one.key, other.key);
});

test('a message naming no person is refused with a code that says what is missing', async () => {
  await assert.rejects(
    jobFromMessage({ payload: {} }, defaults, await storeP),
    (err: { code?: string }) => err.code === 'hris.no_identity',
  );
});

test('a field missing from the message is named as required, a wrong one by what it should be', async () => {
  const store = await storeP;
  await assert.rejects(
    jobFromMessage({ payload: {}, person: { guid, emails: [{ address: 'ana@example.com' }] } }, defaults, store),
    (err: { code?: string; message?: string }) =>
      err.code === 'hris.bad_message' && /msg\.person\.emails\.0\.type: is required$/.test(err.message ?? ''),
  );
  await assert.rejects(
    jobFromMessage(
      { payload: {}, person: { guid, emails: [{ address: 'ana@example.com', type: 7 }] } },
      defaults,
      store,
    ),
    (err: { message?: string }) =>
      /msg\.person\.emails\.0\.type: /.test(err.message ?? '') && !/is required/.test(err.message ?? ''),
  );
});

test('the delivery from the ATS trigger (msg.event with id and vendor) is the event the writer marks done', async () => {
  const store = await storeP;
  const job = await jobFromMessage(
    {
      payload: { firstName: 'Ana' },
      person: { guid },
      event: { id: 'hire:app-1', vendor: 'greenhouse', type: 'hire', receivedAt: '2026-11-02T15:04:05Z' },
    },
    defaults,
    store,
  );
  assert.deepEqual(job.event, { source: 'greenhouse', eventId: 'hire:app-1' });
});

const completed = (candidateId: string, reportId: string, result = 'consider') => ({
  operation: 'checkResult',
  payload: {
    type: 'check.completed',
    system: 'checkr',
    check: { provider: 'checkr', candidateId, reportId, status: 'complete', result, package: 'tasker_standard' },
  },
});

test('a check result is keyed by its report and goes to the Greenhouse candidate the checked person is linked to', async () => {
  const store = await storeP;
  const person = await store.createPerson({
    links: [
      { system: 'greenhouse', externalId: '4711' },
      { system: 'checkr', externalId: 'cand-1' },
    ],
  });
  const job = await jobFromMessage(completed('cand-1', 'rep-1'), { ...defaults, atsSystem: 'greenhouse' }, store);
  assert.equal(job.key, 'checkr:result:rep-1');
  assert.equal(job.personGuid, person.guid);
  assert.deepEqual(job.ats, { system: 'greenhouse', candidateId: '4711' });
  assert.deepEqual(job.checkResult, { provider: 'checkr', reportId: 'rep-1', result: 'consider' });
});

test('a check result for a candidate no person is linked to, or one not yet complete, is refused by name', async () => {
  const store = await storeP;
  await assert.rejects(
    jobFromMessage(completed('cand-unknown', 'rep-2'), defaults, store),
    (err: { code?: string }) => err.code === 'hris.check_unknown',
  );
  await assert.rejects(
    jobFromMessage(completed('cand-1', 'rep-3', 'pending'), defaults, store),
    (err: { code?: string }) => err.code === 'hris.bad_message',
  );
});
