import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ASHBY_DEFAULTS, startAshby } from '../../../../sandbox/ashby';
import { GREENHOUSE_DEFAULTS, startGreenhouse } from '../../../../sandbox/greenhouse';
import { LEVER_DEFAULTS, startLever } from '../../../../sandbox/lever';
import { connectWriteBack } from '../../../../lib/vendors/registry';
import type { WriteBackConnection } from '../../../../lib/vendors/writeback';
import { contextFor, thrown } from './support';

const greenhouse = startGreenhouse();
const ashby = startAshby();
const lever = startLever();
const clients: Array<{ close(): void }> = [];
after(async () => {
  clients.forEach((c) => c.close());
  await Promise.all([(await greenhouse).stop(), (await ashby).stop(), (await lever).stop()]);
});

function writerFor(conn: WriteBackConnection) {
  const { writeBack, http } = connectWriteBack(conn);
  const { ctx, client } = contextFor(http);
  clients.push(client);
  return (candidateId: string, employeeId: string, applicationId?: string, retry = false) =>
    writeBack.writeEmployeeId({ system: conn.system, candidateId, applicationId }, employeeId, ctx, { retry });
}

function resultWriterFor(conn: WriteBackConnection) {
  const { writeBack, http } = connectWriteBack(conn);
  const { ctx, client } = contextFor(http);
  clients.push(client);
  return (ref: { candidateId: string; applicationId?: string }) =>
    writeBack.writeCheckResult(
      { system: conn.system, ...ref },
      { provider: 'checkr', reportId: 'r-1', result: 'consider' },
      ctx,
    );
}

/** The Greenhouse write-back on Harvest v3: OAuth client credentials from the sandbox's token endpoint. */
const greenhouseConn = async (extra: Partial<WriteBackConnection> = {}): Promise<WriteBackConnection> => {
  const url = (await greenhouse).url;
  return {
    system: 'greenhouse',
    apiKey: '',
    oauth: { ...GREENHOUSE_DEFAULTS.oauthClients[0], tokenUrl: `${url}/token` },
    baseUrl: url,
    actAs: String(GREENHOUSE_DEFAULTS.userIds[0]),
    ...extra,
  };
};

test('Greenhouse: the employee id lands in the candidate custom field through the Harvest v3 candidate update', async () => {
  const sandbox = await greenhouse;
  const { candidateId } = sandbox.addHire();
  const write = writerFor(await greenhouseConn({ field: 'employee_id' }));
  await write(String(candidateId), '123');
  assert.equal(sandbox.candidate(candidateId)?.custom_fields.employee_id, '123');
  const patches = sandbox.requests().filter((r) => r.method === 'PATCH');
  assert.deepEqual(
    patches.map((r) => r.path),
    [`/v3/candidates/${candidateId}`],
  );
});

test('Greenhouse: a write without the custom field key is refused before any call', async () => {
  const before = (await greenhouse).requests().length;
  const write = writerFor(await greenhouseConn());
  assert.equal(((await thrown(() => write('1', '2'))) as { code: string }).code, 'writeback.not_configured');
  assert.equal((await greenhouse).requests().length, before);
});

test('Greenhouse: a retired Harvest v1 key sends nothing and names the retirement', async () => {
  const before = (await greenhouse).requests().length;
  const write = writerFor({
    system: 'greenhouse',
    apiKey: 'a-harvest-v1-key',
    baseUrl: (await greenhouse).url,
    field: 'employee_id',
  });
  assert.equal(((await thrown(() => write('1', '2'))) as { code: string }).code, 'greenhouse.v1_retired');
  assert.equal((await greenhouse).requests().length, before);
});

test('Ashby: customField.setValue stores the id; an RPC refusal (HTTP 200, success false) is a failure', async () => {
  const sandbox = await ashby;
  const { candidateId } = sandbox.addHire();
  const field = ASHBY_DEFAULTS.customFields[0].id;
  await writerFor({ system: 'ashby', apiKey: ASHBY_DEFAULTS.apiKeys[0], baseUrl: sandbox.url, field })(
    candidateId,
    '123',
  );
  assert.equal(sandbox.customFieldValues(candidateId)[field], '123');
  const refused = await thrown(() =>
    writerFor({ system: 'ashby', apiKey: ASHBY_DEFAULTS.apiKeys[0], baseUrl: sandbox.url, field: 'no-such-field' })(
      candidateId,
      '123',
    ),
  );
  assert.equal((refused as { code: string }).code, 'writeback.rejected');
});

test('Lever: the id becomes a note on the opportunity', async () => {
  const sandbox = await lever;
  const opportunity = sandbox.addOpportunity();
  await writerFor({
    system: 'lever',
    apiKey: LEVER_DEFAULTS.apiKeys[0],
    baseUrl: `${sandbox.url}/v1`,
    actAs: LEVER_DEFAULTS.userIds[0],
  })('candidate-1', '123', opportunity);
  assert.deepEqual(
    sandbox.notes(opportunity).map((n) => n.value),
    ['Employee ID: 123'],
  );
});

test('Lever: after a note whose answer was lost, the retry reads the notes and does not add it twice', async () => {
  const sandbox = await lever;
  const opportunity = sandbox.addOpportunity();
  const write = writerFor({ system: 'lever', apiKey: LEVER_DEFAULTS.apiKeys[0], baseUrl: `${sandbox.url}/v1` });
  sandbox.injectFault({ kind: 'lost_response', method: 'POST', path: '/notes' });
  await assert.rejects(write('candidate-1', '456', opportunity));
  await write('candidate-1', '456', opportunity, true);
  assert.deepEqual(
    sandbox.notes(opportunity).map((n) => n.value),
    ['Employee ID: 456'],
  );
});

test('a check result goes into the Greenhouse and Ashby fields named for it, and into a Lever note: result and report id only', async () => {
  const gh = await greenhouse;
  const { candidateId } = gh.addHire();
  await resultWriterFor(await greenhouseConn({ checkField: 'background_check' }))({ candidateId: String(candidateId) });
  assert.equal(gh.candidate(candidateId)?.custom_fields.background_check, 'consider (checkr report r-1)');
  const ab = await ashby;
  const hire = ab.addHire();
  const field = ASHBY_DEFAULTS.customFields[1].id;
  await resultWriterFor({ system: 'ashby', apiKey: ASHBY_DEFAULTS.apiKeys[0], baseUrl: ab.url, checkField: field })({
    candidateId: hire.candidateId,
  });
  assert.equal(ab.customFieldValues(hire.candidateId)[field], 'consider (checkr report r-1)');
  const lv = await lever;
  const opportunity = lv.addOpportunity();
  await resultWriterFor({ system: 'lever', apiKey: LEVER_DEFAULTS.apiKeys[0], baseUrl: `${lv.url}/v1` })({
    candidateId: 'c-1',
    applicationId: opportunity,
  });
  assert.deepEqual(
    lv.notes(opportunity).map((n) => n.value),
    ['Background check: consider (checkr report r-1)'],
  );
});

test('a check result without its field configured is refused before any call', async () => {
  const write = resultWriterFor({
    system: 'greenhouse',
    apiKey: 'k',
    baseUrl: (await greenhouse).url,
    actAs: '1',
    field: 'employee_id',
  });
  assert.equal(
    ((await thrown(() => write({ candidateId: '1' }))) as { code: string }).code,
    'writeback.not_configured',
  );
});
