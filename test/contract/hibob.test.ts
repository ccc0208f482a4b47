/** HiBob's published examples (test/fixtures/vendors/hibob) against our HiBob target and the emulator. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { hibob, hibobHttpOptions } from '../../lib/vendors/hibob/target';
import type { HttpRequest, HttpResponse } from '../../lib/http';
import { HIBOB_DEFAULTS, startHiBob } from '../../sandbox/hibob';
import { contextFor } from '../unit/vendors/hris/support';
import { vendorJson } from '../support/vendorFixtures';

const documentedPerson = vendorJson<Record<string, unknown>>('hibob', 'person-human-readable-append.json');
const answering = (body: unknown, sent: HttpRequest[] = []) => ({
  send: async (request: HttpRequest): Promise<HttpResponse> => (
    sent.push(request),
    { status: 200, headers: {}, body, attempts: 1, durationMs: 1 }
  ),
});

test("a people search answer in HiBob's documented form gives the employee's id; its state is unknown when no status field came back", async () => {
  const sent: HttpRequest[] = [];
  const found = await hibob().findByWorkEmail('alan@example.com', answering({ employees: [documentedPerson] }, sent));
  assert.deepEqual(found, { employeeId: '2128438031986721630', status: 'unknown' });
  assert.equal(sent[0]?.method, 'POST');
  assert.equal(sent[0]?.url, 'v1/people/search');
  assert.deepEqual(sent[0]?.body, {
    fields: ['root.id', 'root.email'],
    showInactive: true,
    filters: [{ fieldPath: 'root.email', operator: 'equals', values: ['alan@example.com'] }],
  });
});

test('a status answered as a slash key, the way HiBob documents read answers, is read', async () => {
  const person = { ...documentedPerson, '/internal/status': { value: 'Inactive' } };
  const sent: HttpRequest[] = [];
  assert.equal(await hibob().employeeStatus('2128438031986721630', answering(person, sent)), 'terminated');
  assert.deepEqual(
    sent.map((r) => `${r.method} ${r.url}`),
    ['POST v1/people/2128438031986721630'],
  );
});

const sandbox = startHiBob({ departments: [...HIBOB_DEFAULTS.departments, 'Administration'] });
after(async () => (await sandbox).stop());

test("HiBob's documented create body is what our target sends and what the emulator accepts", async () => {
  const s = await sandbox;
  const user = HIBOB_DEFAULTS.serviceUsers[0]!;
  const { ctx, client } = contextFor(
    hibobHttpOptions({ system: 'hibob', serviceUserId: user.id, token: user.token, baseUrl: s.url }),
  );
  try {
    const body = vendorJson<Record<string, unknown>>('hibob', 'create-employee-request.json');
    const { employeeId } = await hibob().createEmployee(body, ctx);
    const [request] = s.requests().filter((r) => r.method === 'POST' && r.path === '/v1/people');
    assert.deepEqual(request?.body, body);
    assert.equal(s.people().find((p) => p.id === employeeId)?.work.title, 'Chief Engineer');
  } finally {
    client.close();
  }
});
