/** BambooHR's documented create answer (test/fixtures/vendors/bamboohr) against our BambooHR target and the emulator. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { bamboohr, bamboohrHttpOptions, type BambooConnection } from '../../lib/vendors/bamboohr/target';
import type { HttpRequest, HttpResponse } from '../../lib/http';
import { BAMBOOHR_DEFAULTS, startBambooHr } from '../../sandbox/bamboohr';
import { contextFor } from '../unit/vendors/hris/support';
import { vendorJson } from '../support/vendorFixtures';

const documented = vendorJson<{ status: number; headers: Record<string, string>; body: string }>(
  'bamboohr',
  'create-employee-answer.json',
);
const conn: BambooConnection = {
  system: 'bamboohr',
  companyDomain: 'acme',
  auth: { kind: 'apiKey', apiKey: 'k' },
  recoveryField: '',
};
const ana = { firstName: 'Ana', lastName: 'Silva', workEmail: 'ana@example.com', hireDate: '2026-01-05' };

test("the documented create answer (201, empty body, Location) gives the new employee's id; the request is the documented route", async () => {
  const sent: HttpRequest[] = [];
  const ctx = {
    send: async (request: HttpRequest): Promise<HttpResponse> => (
      sent.push(request),
      { ...documented, attempts: 1, durationMs: 1 }
    ),
  };
  assert.deepEqual(await bamboohr(conn).createEmployee(ana, ctx), { employeeId: '40598' });
  assert.deepEqual(
    sent.map((r) => `${r.method} ${r.url}`),
    ['POST v1/employees'],
  );
  assert.deepEqual(sent[0]?.body, ana);
  const options = bamboohrHttpOptions(conn);
  assert.equal(options.baseUrl, 'https://api.bamboohr.com/api/gateway.php/acme');
  assert.equal(options.headers?.Accept, 'application/json');
});

const sandbox = startBambooHr();
after(async () => (await sandbox).stop());

test('the emulator answers a create the documented way: 201, no body, the employee URL in Location', async () => {
  const s = await sandbox;
  const { ctx, client } = contextFor(
    bamboohrHttpOptions({
      ...conn,
      baseUrl: `${s.url}/api/gateway.php/acme`,
      auth: { kind: 'apiKey', apiKey: BAMBOOHR_DEFAULTS.apiKeys[0]! },
    }),
  );
  try {
    const answer = await ctx.send({ method: 'POST', url: 'v1/employees', body: ana });
    assert.equal(answer.status, documented.status);
    assert.ok(answer.body === undefined || answer.body === '' || answer.body === null, 'no body');
    assert.match(answer.headers.location ?? '', /\/v1\/employees\/\d+$/);
  } finally {
    client.close();
  }
});
