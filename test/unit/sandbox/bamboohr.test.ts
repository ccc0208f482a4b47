import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BAMBOOHR_DEFAULTS, startBambooHr } from '../../../sandbox/bamboohr';
import { basic, call, useEmulator } from './support';

const key = basic(BAMBOOHR_DEFAULTS.apiKeys[0], 'x');
const json = { ...key, Accept: 'application/json' };
const bamboo = useEmulator(() => startBambooHr());
const api = (path: string) => `${bamboo().url}/api/gateway.php/acme/v1${path}`;
const ana = {
  firstName: 'Ana',
  lastName: 'Silva',
  workEmail: 'ana@example.com',
  hireDate: '2026-01-05',
  department: 'Engineering',
};

test('a new employee is created with 201 and its id in the Location header', async () => {
  const res = await call(api('/employees'), { headers: key, body: ana });
  assert.equal(res.status, 201);
  assert.match(String(res.headers.location), /\/api\/gateway\.php\/acme\/v1\/employees\/\d+$/);
  const id = String(res.headers.location).split('/').pop();
  const got = await call(api(`/employees/${id}?fields=firstName,workEmail,status`), { headers: json });
  assert.deepEqual(got.json(), { id, firstName: 'Ana', workEmail: 'ana@example.com', status: 'Active' });
});

test('the subdomain-style base URL reaches the same company', async () => {
  const res = await call(`${bamboo().url}/acme/api/v1/employees`, { headers: key, body: ana });
  assert.equal(res.status, 201);
  assert.match(String(res.headers.location), /\/acme\/api\/v1\/employees\/\d+$/);
});

test('a request without the API key as Basic username is refused with 401', async () => {
  const res = await call(api('/employees'), { headers: basic('wrong-key', 'x'), body: ana });
  assert.equal(res.status, 401);
  assert.equal(bamboo().employees().length, 0);
});

test('a missing last name is refused with 400 and the reason in X-BambooHR-Error-Message', async () => {
  const res = await call(api('/employees'), { headers: key, body: { firstName: 'Ana' } });
  assert.equal(res.status, 400);
  assert.match(String(res.headers['x-bamboohr-error-message']), /lastName/);
});

test('a field name BambooHR does not have is refused as a non-existent field', async () => {
  const res = await call(api('/employees'), { headers: key, body: { ...ana, payPer: 'Year' } });
  assert.equal(res.status, 406);
  assert.match(String(res.headers['x-bamboohr-error-message']), /payPer/);
});

test('a hire date not written YYYY-MM-DD is refused', async () => {
  const res = await call(api('/employees'), { headers: key, body: { ...ana, hireDate: '01/05/2026' } });
  assert.equal(res.status, 400);
  assert.match(String(res.headers['x-bamboohr-error-message']), /hireDate/);
});

test('a department that is not in the account list is refused', async () => {
  const res = await call(api('/employees'), { headers: key, body: { ...ana, department: 'Wizardry' } });
  assert.equal(res.status, 400);
});

test('a second employee with the same work email is refused with 409, even against a terminated one', async () => {
  bamboo().addEmployee({ firstName: 'Ana', lastName: 'Silva', workEmail: 'ANA@example.com' }, 'Inactive');
  const res = await call(api('/employees'), { headers: key, body: ana });
  assert.equal(res.status, 409);
});

test('the directory lists active employees with their work email, not terminated ones', async () => {
  bamboo().addEmployee({ firstName: 'Old', lastName: 'Timer', workEmail: 'old@example.com' }, 'Inactive');
  await call(api('/employees'), { headers: key, body: ana });
  const res = await call(api('/employees/directory'), { headers: json });
  assert.deepEqual(
    res.json().employees.map((e: { workEmail: string }) => e.workEmail),
    ['ana@example.com'],
  );
});

test('a custom report lists the asked fields; former employees only with onlyCurrent=false', async () => {
  const former = bamboo().addEmployee(
    { firstName: 'Old', lastName: 'Timer', workEmail: 'old@example.com', employeeNumber: 'hr-1' },
    'Inactive',
  );
  const current = bamboo().addEmployee(ana);
  const body = { title: 'roster', fields: ['status', 'workEmail', 'employeeNumber'] };
  const all = await call(api('/reports/custom?format=JSON&onlyCurrent=false'), { headers: json, body });
  assert.equal(all.status, 200);
  assert.deepEqual(all.json().employees, [
    { id: former, status: 'Inactive', workEmail: 'old@example.com', employeeNumber: 'hr-1' },
    { id: current, status: 'Active', workEmail: 'ana@example.com', employeeNumber: null },
  ]);
  const currentOnly = await call(api('/reports/custom?format=JSON'), { headers: json, body });
  assert.deepEqual(
    currentOnly.json().employees.map((e: { id: string }) => e.id),
    [current],
  );
});

test('a custom report without a format, or naming a field BambooHR does not have, is refused', async () => {
  assert.equal((await call(api('/reports/custom'), { headers: json, body: { fields: ['workEmail'] } })).status, 400);
  const unknown = await call(api('/reports/custom?format=JSON'), { headers: json, body: { fields: ['shoeSize'] } });
  assert.equal(unknown.status, 406);
  assert.match(String(unknown.headers['x-bamboohr-error-message']), /shoeSize/);
});

test('without Accept: application/json the answer is XML, as BambooHR does', async () => {
  const id = bamboo().addEmployee(ana);
  const res = await call(api(`/employees/${id}`), { headers: key });
  assert.match(String(res.headers['content-type']), /xml/);
  assert.throws(() => res.json());
});

test('rate limiting answers 429 with Retry-After, or 503 when switched to the pre-2026-09-16 behaviour', async () => {
  bamboo().setRateLimit({ perSecond: 0.5, burst: 1 });
  assert.equal((await call(api('/employees/directory'), { headers: json })).status, 200);
  const limited = await call(api('/employees/directory'), { headers: json });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers['retry-after'], '2');
  bamboo().setThrottleStatus(503);
  const old = await call(api('/employees/directory'), { headers: json });
  assert.equal(old.status, 503);
  assert.ok(old.headers['retry-after']);
});

test('a refusal that quotes a non-ASCII value still answers with the reason', async () => {
  const res = await call(api('/employees'), { headers: key, body: { ...ana, department: 'Zürich – Büro' } });
  assert.equal(res.status, 400);
  assert.match(String(res.headers['x-bamboohr-error-message']), /department/);
});
