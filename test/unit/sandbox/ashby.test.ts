import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ASHBY_DEFAULTS, startAshby } from '../../../sandbox/ashby';
import { basic, call, useEmulator } from './support';

const key = basic(ASHBY_DEFAULTS.apiKeys[0]);
const field = ASHBY_DEFAULTS.customFields[0];
const ashby = useEmulator(() => startAshby());
const rpc = (method: string, body: unknown, headers = key) => call(`${ashby().url}/${method}`, { headers, body });

test('candidate.info and application.info answer the enrichment reads', async () => {
  const { candidateId, applicationId } = ashby().addHire({ name: 'Ana Silva', email: 'ana@example.com' });
  const candidate = await rpc('candidate.info', { id: candidateId });
  assert.deepEqual(
    [candidate.status, candidate.json().success, candidate.json().results.primaryEmailAddress.value],
    [200, true, 'ana@example.com'],
  );
  const application = await rpc('application.info', { applicationId });
  assert.equal(application.json().results.candidate.id, candidateId);
});

test('customField.setValue writes the employee id back to the candidate', async () => {
  const { candidateId } = ashby().addHire();
  const res = await rpc('customField.setValue', {
    objectId: candidateId,
    objectType: 'Candidate',
    fieldId: field.id,
    fieldValue: 'E-101',
  });
  assert.equal(res.json().success, true);
  assert.deepEqual(ashby().customFieldValues(candidateId), { [field.id]: 'E-101' });
});

test('a wrong API key is refused with 401', async () => {
  assert.equal((await rpc('candidate.info', { id: 'x' }, basic('nope'))).status, 401);
});

test('a setValue without a fieldId, or with a value of the wrong type, answers success: false', async () => {
  const { candidateId } = ashby().addHire();
  const missing = await rpc('customField.setValue', {
    objectId: candidateId,
    objectType: 'Candidate',
    fieldValue: 'E-101',
  });
  assert.equal(missing.json().success, false);
  assert.match(missing.json().errors[0], /fieldId/);
  const wrongType = await rpc('customField.setValue', {
    objectId: candidateId,
    objectType: 'Candidate',
    fieldId: field.id,
    fieldValue: 101,
  });
  assert.equal(wrongType.json().success, false);
  assert.deepEqual(ashby().customFieldValues(candidateId), {});
});

const list = (body: Record<string, unknown>) => rpc('application.list', body).then((r) => r.json());

test('application.list pages by cursor, and its last page carries a sync token', async () => {
  const ids = Array.from({ length: 3 }, (_, i) => ashby().addHire({ name: `Hire ${i}` }).applicationId);
  const first = await list({ status: 'Hired', limit: 2 });
  assert.deepEqual(
    [first.success, first.results.map((a: { id: string }) => a.id), first.moreDataAvailable, first.syncToken],
    [true, ids.slice(0, 2), true, undefined],
  );
  const last = await list({ status: 'Hired', limit: 2, cursor: first.nextCursor });
  assert.deepEqual(
    [last.results.map((a: { id: string }) => a.id), last.moreDataAvailable, last.nextCursor],
    [ids.slice(2), false, undefined],
  );
  assert.equal(typeof last.syncToken, 'string');
});

test('a sync token lists only the applications changed since its read began, a status change included', async () => {
  const moved = ashby().addHire({ status: 'Active' }).applicationId;
  ashby().addHire();
  const { syncToken } = await list({ status: 'Hired' });
  assert.deepEqual((await list({ status: 'Hired', syncToken })).results, [], 'nothing changed yet');
  const added = ashby().addHire().applicationId;
  ashby().setApplicationStatus(moved, 'Hired');
  const changed = await list({ status: 'Hired', syncToken });
  assert.deepEqual(
    changed.results.map((a: { id: string; status: string }) => [a.id, a.status]),
    [
      [moved, 'Hired'],
      [added, 'Hired'],
    ],
  );
  assert.notEqual(changed.syncToken, syncToken, 'each read hands out its own token');
});

test('an application leaving the list mid-read shifts no other one past the cursor', async () => {
  const ids = Array.from({ length: 4 }, () => ashby().addHire().applicationId);
  const first = await list({ status: 'Hired', limit: 2 });
  ashby().setApplicationStatus(ids[0]!, 'Archived');
  const rest = await list({ status: 'Hired', limit: 2, cursor: first.nextCursor });
  assert.deepEqual(
    rest.results.map((a: { id: string }) => a.id),
    ids.slice(2),
  );
});

test('an expired sync token is refused as expired, one never issued as invalid input', async () => {
  ashby().addHire();
  const { syncToken } = await list({});
  ashby().expireSyncTokens();
  const expired = await list({ syncToken });
  assert.deepEqual([expired.success, expired.errorInfo.code], [false, 'sync_token_expired']);
  const unknown = await list({ syncToken: 'never-issued' });
  assert.deepEqual([unknown.success, unknown.errorInfo.code], [false, 'invalid_input']);
  assert.equal((await list({})).success, true, 'a full read still works');
});

test('candidate.anonymize is refused while an application is still open', async () => {
  const { candidateId } = ashby().addHire({ status: 'Active' });
  const refused = await rpc('candidate.anonymize', { candidateId });
  assert.deepEqual([refused.json().success, refused.json().errorInfo.code], [false, 'invalid_input']);
  assert.equal((await rpc('candidate.anonymize', { candidateId: ashby().addHire().candidateId })).json().success, true);
});

test('an incremental application.list asking for a page beyond the limit is refused with incremental_sync_too_large; a full read is not', async () => {
  const first = await list({});
  for (let i = 0; i < 3; i += 1) ashby().addHire();
  ashby().limitIncrementalPages(1);
  const page1 = await list({ syncToken: first.syncToken, limit: 2 });
  assert.equal(page1.moreDataAvailable, true);
  const page2 = await list({ syncToken: first.syncToken, cursor: page1.nextCursor, limit: 2 });
  assert.deepEqual([page2.success, page2.errorInfo.code], [false, 'incremental_sync_too_large']);
  const full1 = await list({ limit: 2 });
  const full2 = await list({ cursor: full1.nextCursor, limit: 2 });
  assert.equal(full2.success, true);
});

test('job.info names the department and location by id; department.info and location.info name them', async () => {
  const jobId = ashby().addJob({ title: 'Developer', departmentName: 'Engineering', locationName: 'Berlin' });
  const job = (await rpc('job.info', { id: jobId })).json().results;
  assert.equal(job.departmentName, undefined);
  assert.equal((await rpc('department.info', { departmentId: job.departmentId })).json().results.name, 'Engineering');
  assert.equal((await rpc('location.info', { locationId: job.locationId })).json().results.name, 'Berlin');
});

test('customField.list lists the account’s custom fields with their object type', async () => {
  const fields = (await rpc('customField.list', {})).json();
  assert.equal(fields.success, true);
  assert.ok(
    fields.results.some(
      (f: { objectType: string; title: string }) => f.objectType === 'Offer' && f.title === 'Pay frequency',
    ),
  );
});
