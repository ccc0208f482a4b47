import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BAMBOOHR_DEFAULTS, startBambooHr } from '../../../sandbox/bamboohr';
import { basic, call, useEmulator } from './support';

const key = basic(BAMBOOHR_DEFAULTS.apiKeys[0], 'x');
const bamboo = useEmulator(() => startBambooHr());
const employees = () => `${bamboo().url}/api/gateway.php/acme/v1/employees`;
const control = (path: string, body?: unknown) =>
  call(`${bamboo().url}/_sandbox${path}`, body === undefined ? {} : { body });
const ana = { firstName: 'Ana', lastName: 'Silva', workEmail: 'ana@example.com', ssn: '123-45-6789' };

test('an injected throttle answers 429 with Retry-After for the next matching request only', async () => {
  assert.equal(
    (await control('/faults', { kind: 'throttle', method: 'POST', path: '/employees', retryAfterSeconds: 7 })).status,
    201,
  );
  const first = await call(employees(), { headers: key, body: ana });
  assert.equal(first.status, 429);
  assert.equal(first.headers['retry-after'], '7');
  assert.equal((await call(employees(), { headers: key, body: ana })).status, 201);
});

test('an injected 503 and 500 come in order, each for as many requests as asked', async () => {
  await control('/faults', { kind: 'unavailable', times: 2 });
  await control('/faults', { kind: 'server_error' });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await call(`${employees()}/directory`, { headers: key })).status);
  assert.deepEqual(statuses, [503, 503, 500, 200]);
});

test('a reset connection fails the request and creates nothing', async () => {
  await control('/faults', { kind: 'reset' });
  await assert.rejects(call(employees(), { headers: key, body: ana }), /socket hang up|ECONNRESET/);
  assert.equal(bamboo().employees().length, 0);
});

test('a lost response still creates the employee, so a blind retry meets the duplicate', async () => {
  bamboo().injectFault({ kind: 'lost_response' });
  await assert.rejects(call(employees(), { headers: key, body: ana }));
  assert.equal(bamboo().employees().length, 1);
  assert.equal((await call(employees(), { headers: key, body: ana })).status, 409);
});

test('a delayed answer outlasts the client timeout but the employee is created', async () => {
  bamboo().injectFault({ kind: 'delay', delayMs: 2000 });
  await assert.rejects(call(employees(), { headers: key, body: ana, timeoutMs: 100 }), /client timeout/);
  assert.equal(bamboo().employees().length, 1);
});

test('the rate limit set over the control API answers 429 once the burst is spent', async () => {
  assert.equal((await control('/rate-limit', { perSecond: 1, burst: 2 })).status, 200);
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await call(`${employees()}/directory`, { headers: key })).status);
  assert.deepEqual(statuses, [200, 200, 429]);
  await control('/rate-limit', null);
  assert.equal((await call(`${employees()}/directory`, { headers: key })).status, 200);
});

test('a fault the sandbox does not know is refused with the reason', async () => {
  const res = await control('/faults', { kind: 'meteor' });
  assert.equal(res.status, 400);
  assert.match(res.text, /kind/);
});

test('the state shows what was received and held, with credentials and secret fields masked', async () => {
  await call(employees(), { headers: key, body: ana });
  const state = (await call(`${bamboo().url}/_sandbox/state`)).json();
  const [received] = state.received;
  assert.equal(received.headers.authorization, 'Basic ***');
  assert.equal(received.body.ssn, '***');
  assert.equal(received.status, 201);
  assert.equal(state.holds.employees[0].fields.ssn, '***');
  assert.equal(state.holds.employees[0].fields.firstName, 'Ana');
  assert.doesNotMatch(JSON.stringify(state), /123-45-6789|sandbox-bamboohr-key/);
});

test('reset forgets employees, requests and pending faults', async () => {
  await call(employees(), { headers: key, body: ana });
  await control('/faults', { kind: 'reset' });
  await control('/reset', {});
  const state = (await call(`${bamboo().url}/_sandbox/state`)).json();
  assert.deepEqual([state.holds.employees, state.received, state.faults], [[], [], []]);
});

test('the HTML page shows a newly created employee, escaped and masked', async () => {
  await call(employees(), { headers: key, body: { ...ana, firstName: '<b>Ana</b>' } });
  const page = await call(`${bamboo().url}/_sandbox/`);
  assert.match(String(page.headers['content-type']), /text\/html/);
  assert.match(page.text, /&lt;b&gt;Ana&lt;\/b&gt;/);
  assert.doesNotMatch(page.text, /123-45-6789/);
});
