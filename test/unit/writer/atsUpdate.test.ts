/**
 * The HRIS writer's `atsUpdate` (two-way sync) against the Ashby and Lever emulators: what each ATS's
 * public documents give a place to is written, and what has no place is refused naming the ATS and the
 * field, never sent and never dropped.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ASHBY_DEFAULTS, startAshby } from '../../../sandbox/ashby';
import { LEVER_DEFAULTS, startLever } from '../../../sandbox/lever';
import { openStore } from '../../../lib/store';
import { connectWriteBack } from '../../../lib/vendors/registry';
import type { HrisTarget } from '../../../lib/vendors/hris/types';
import type { WriteBackConnection } from '../../../lib/vendors/writeback';
import { execute, type Channel } from '../../../lib/writer/operations';
import type { WriteJob } from '../../../lib/writer/job';
import { contextFor, thrown } from '../vendors/hris/support';

const ashby = startAshby();
const lever = startLever();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-ats-update-'));
const store = openStore({ file: path.join(dir, 'store.db') });
const clients: Array<{ close(): void }> = [];
after(async () => {
  clients.forEach((c) => c.close());
  await (await store).close();
  await Promise.all([(await ashby).stop(), (await lever).stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** No HRIS call belongs to an ATS update: any use of this channel fails the test. */
const noHris = new Proxy({}, { get: () => assert.fail('an ATS update must not call the HRIS') }) as Channel<HrisTarget>;
const RUN = { retry: false, outcomeUnknown: false, dryRun: false };

function run(conn: WriteBackConnection, job: Omit<WriteJob, 'operation' | 'target' | 'key'>) {
  const { writeBack, http } = connectWriteBack(conn);
  const { ctx, client } = contextFor(http);
  clients.push(client);
  return store.then((s) =>
    execute(
      { operation: 'atsUpdate', target: conn.system, key: `k-${Math.random()}`, ...job },
      { hris: noHris, writeBack: { api: writeBack, ctx } },
      s,
      RUN,
    ),
  );
}

const ashbyConn = async (): Promise<WriteBackConnection> => ({
  system: 'ashby',
  apiKey: ASHBY_DEFAULTS.apiKeys[0],
  baseUrl: (await ashby).url,
});
const ashbyUpdates = async () => (await ashby).requests().filter((r) => r.path === '/candidate.update');
const ashbyName = async (candidateId: string) =>
  ((await ashby).state().holds as { candidates: Array<{ id: string; name: string }> }).candidates.find(
    (c) => c.id === candidateId,
  )?.name;

/** A person the package synced: their golden record already holds the HRIS's new last name (survivorship ran first). */
async function person(first: string, last: string, candidateId: string) {
  const s = await store;
  const { guid } = await s.createPerson({
    record: { legalName: { first, last } },
    links: [{ system: 'ashby', externalId: candidateId }],
  });
  return guid;
}

test("Ashby: a last name changed in the HRIS becomes the candidate's one name, with the first name the store holds", async () => {
  const { candidateId } = (await ashby).addHire({ name: 'Ana Silva' });
  const guid = await person('Ana', 'Silva Costa', candidateId);
  const before = (await ashbyUpdates()).length;
  const result = await run(await ashbyConn(), {
    personGuid: guid,
    ats: { system: 'ashby', candidateId },
    record: { 'person.legalName.last': 'Silva Costa', 'job.title': 'Staff Engineer' },
  });
  assert.equal(await ashbyName(candidateId), 'Ana Silva Costa');
  assert.deepEqual(result.atsUpdate, {
    system: 'ashby',
    written: ['person.legalName.last'],
    unsupported: ['job.title'],
  });
  const sent = (await ashbyUpdates()).slice(before);
  assert.equal(sent.length, 1);
  assert.deepEqual(
    sent[0]!.body,
    { candidateId, name: 'Ana Silva Costa' },
    'no title is sent: Ashby has no candidate title',
  );
});

test('Ashby: a job title alone has no place on the candidate: refused naming Ashby and the field, nothing sent', async () => {
  const { candidateId } = (await ashby).addHire({ name: 'Ben Okafor' });
  const guid = await person('Ben', 'Okafor', candidateId);
  const before = (await ashbyUpdates()).length;
  const refused = (await thrown(async () =>
    run(await ashbyConn(), {
      personGuid: guid,
      ats: { system: 'ashby', candidateId },
      record: { 'job.title': 'Payroll Lead' },
    }),
  )) as { code: string; message: string };
  assert.equal(refused.code, 'hris.ats_field_unsupported');
  assert.match(refused.message, /^ashby has no writable candidate field for job\.title: /);
  assert.equal((await ashbyUpdates()).length, before);
  assert.equal(await ashbyName(candidateId), 'Ben Okafor');
});

test('Ashby: a name whose other half the store does not know is not guessed', async () => {
  const { candidateId } = (await ashby).addHire({ name: 'Chloé Martin' });
  const before = (await ashbyUpdates()).length;
  const refused = (await thrown(async () =>
    run(await ashbyConn(), {
      personGuid: null,
      ats: { system: 'ashby', candidateId },
      record: { 'person.legalName.last': 'Martin-Roy' },
    }),
  )) as { code: string };
  assert.equal(refused.code, 'writeback.name_incomplete');
  assert.equal((await ashbyUpdates()).length, before);
});

test('Ashby: the emulator refuses a candidate.update key its reference does not list', async () => {
  const sandbox = await ashby;
  const { candidateId } = sandbox.addHire();
  const res = await fetch(`${sandbox.url}/candidate.update`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${ASHBY_DEFAULTS.apiKeys[0]}:`).toString('base64')}`,
    },
    body: JSON.stringify({ candidateId, title: 'Staff Engineer' }),
  });
  const body = (await res.json()) as { success?: boolean };
  assert.ok(res.status >= 400 || body.success === false, `a title was accepted (${res.status})`);
});

test('Lever: a name change is refused naming Lever and the field, and nothing is sent to Lever', async () => {
  const sandbox = await lever;
  const opportunity = sandbox.addOpportunity();
  const before = sandbox.requests().length;
  const conn: WriteBackConnection = {
    system: 'lever',
    apiKey: LEVER_DEFAULTS.apiKeys[0],
    baseUrl: `${sandbox.url}/v1`,
    actAs: LEVER_DEFAULTS.userIds[0],
  };
  const refused = (await thrown(() =>
    run(conn, {
      personGuid: null,
      ats: { system: 'lever', candidateId: 'contact-1', applicationId: opportunity },
      record: { 'person.legalName.last': 'Silva Costa', 'job.title': 'Lead' },
    }),
  )) as { code: string; message: string };
  assert.equal(refused.code, 'hris.ats_field_unsupported');
  assert.match(
    refused.message,
    /^lever has no writable candidate field for person\.legalName\.last, job\.title: Lever's API reference/,
  );
  assert.equal(sandbox.requests().length, before);
});
