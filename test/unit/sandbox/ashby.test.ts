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
  assert.deepEqual([candidate.status, candidate.json().success, candidate.json().results.primaryEmailAddress.value], [200, true, 'ana@example.com']);
  const application = await rpc('application.info', { applicationId });
  assert.equal(application.json().results.candidate.id, candidateId);
});

test('customField.setValue writes the employee id back to the candidate', async () => {
  const { candidateId } = ashby().addHire();
  const res = await rpc('customField.setValue', { objectId: candidateId, objectType: 'Candidate', fieldId: field.id, fieldValue: 'E-101' });
  assert.equal(res.json().success, true);
  assert.deepEqual(ashby().customFieldValues(candidateId), { [field.id]: 'E-101' });
});

test('a wrong API key is refused with 401', async () => {
  assert.equal((await rpc('candidate.info', { id: 'x' }, basic('nope'))).status, 401);
});

test('a setValue without a fieldId, or with a value of the wrong type, answers success: false', async () => {
  const { candidateId } = ashby().addHire();
  const missing = await rpc('customField.setValue', { objectId: candidateId, objectType: 'Candidate', fieldValue: 'E-101' });
  assert.equal(missing.json().success, false);
  assert.match(missing.json().errors[0], /fieldId/);
  const wrongType = await rpc('customField.setValue', { objectId: candidateId, objectType: 'Candidate', fieldId: field.id, fieldValue: 101 });
  assert.equal(wrongType.json().success, false);
  assert.deepEqual(ashby().customFieldValues(candidateId), {});
});
