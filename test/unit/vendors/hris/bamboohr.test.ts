import { test, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { BAMBOOHR_DEFAULTS, startBambooHr } from '../../../../sandbox/bamboohr';
import { bamboohr, bamboohrHttpOptions, type BambooConnection } from '../../../../lib/vendors/bamboohr/target';
import { HttpError } from '../../../../lib/http';
import { contextFor, thrown } from './support';

const sandbox = startBambooHr();
const clients: Array<{ close(): void }> = [];
after(async () => {
  clients.forEach((c) => c.close());
  await (await sandbox).stop();
});
beforeEach(async () => (await sandbox).reset());

async function connect(apiKey: string = BAMBOOHR_DEFAULTS.apiKeys[0], extra: Partial<BambooConnection> = {}) {
  const conn: BambooConnection = {
    system: 'bamboohr',
    companyDomain: 'acme',
    baseUrl: `${(await sandbox).url}/api/gateway.php/acme`,
    auth: { kind: 'apiKey', apiKey },
    ...extra,
  };
  const { ctx, client } = contextFor(bamboohrHttpOptions(conn));
  clients.push(client);
  return { target: bamboohr(conn), ctx };
}

const ana = {
  firstName: 'Ana',
  lastName: 'Silva',
  workEmail: 'ana@example.com',
  hireDate: '2026-01-05',
  department: 'Engineering',
};

test('a created employee gets the id from the Location header', async () => {
  const { target, ctx } = await connect();
  const { employeeId } = await target.createEmployee(ana, ctx);
  const stored = (await sandbox).employees();
  assert.deepEqual(
    stored.map((e) => e.id),
    [employeeId],
  );
});

test('an employee is found by work email in the roster report, and a fresh lookup sees one added meanwhile', async () => {
  const { target, ctx } = await connect();
  assert.equal(await target.findByWorkEmail('ana@example.com', ctx), null);
  const id = (await sandbox).addEmployee(ana);
  assert.equal(await target.findByWorkEmail('ANA@example.com', ctx), null, 'the roster copy is reused within its age');
  assert.deepEqual(await target.findByWorkEmail('ana@example.com', ctx, { fresh: true }), {
    employeeId: id,
    status: 'active',
  });
});

test('a former employee reads as terminated, for the rehire check', async () => {
  const { target, ctx } = await connect();
  const id = (await sandbox).addEmployee(ana, 'Inactive');
  assert.equal(await target.employeeStatus(id, ctx), 'terminated');
});

test('a former employee is found by work email although the directory leaves them out', async () => {
  const { target, ctx } = await connect();
  const id = (await sandbox).addEmployee(ana, 'Inactive');
  assert.deepEqual(await target.findByWorkEmail('ana@example.com', ctx), { employeeId: id, status: 'terminated' });
});

test('the recovery key goes into employeeNumber, and a fresh search finds the employee by it', async () => {
  const { target, ctx } = await connect();
  const { record, key } = target.recovery!.stamp({ firstName: 'Ana', lastName: 'Silva' }, 'hr-0123456789abcdef0123');
  assert.equal(record.employeeNumber, 'hr-0123456789abcdef0123');
  assert.equal(await target.recovery!.find(key, record, ctx, { fresh: true }), null);
  const id = (await sandbox).addEmployee(record);
  assert.deepEqual(await target.recovery!.find(key, record, ctx, { fresh: true }), {
    employeeId: id,
    status: 'active',
  });
});

test('an employee number the mapping already set is kept and is the key searched for', async () => {
  const { target } = await connect();
  const { record, key } = target.recovery!.stamp(
    { firstName: 'Ana', lastName: 'Silva', employeeNumber: 'E-77' },
    'hr-0123456789abcdef0123',
  );
  assert.equal(record.employeeNumber, 'E-77');
  assert.equal(key, 'E-77');
});

test('with the recovery field emptied nothing is stamped', async () => {
  const { target } = await connect(undefined, { recoveryField: '' });
  assert.equal(target.recovery, undefined);
});

test('a duplicate work email is a duplicate, not a failure', async () => {
  const { target, ctx } = await connect();
  (await sandbox).addEmployee(ana);
  const err = await thrown(() => target.createEmployee(ana, ctx));
  assert.equal(target.classify(err), 'duplicate');
});

test("an unknown field fails as invalid with BambooHR's own message from X-BambooHR-Error-Message", async () => {
  const { target, ctx } = await connect();
  const err = await thrown(() => target.createEmployee({ ...ana, shoeSize: '42' }, ctx));
  assert.equal(target.classify(err), 'invalid');
  assert.ok(err instanceof HttpError);
  assert.match(err.vendorMessage ?? '', /shoeSize/);
});

test('a wrong API key is an auth failure', async () => {
  const { target, ctx } = await connect('wrong-key');
  assert.equal(target.classify(await thrown(() => target.createEmployee(ana, ctx))), 'auth');
});

test('throttling (429 with Retry-After) is retryable and carries the wait', async () => {
  const { target, ctx } = await connect();
  (await sandbox).injectFault({ kind: 'throttle', retryAfterSeconds: 3, path: '/v1/employees' });
  const err = await thrown(() => target.createEmployee(ana, ctx));
  assert.equal(target.classify(err), 'retry');
  assert.equal((err as HttpError).retryAfterMs, 3000);
  assert.equal((await sandbox).employees().length, 0);
});

test('BambooHR throttles with 429 since 2026-09-16: retried, with the wait, and proven not applied; the old 503 is retried through the lookup', async () => {
  const { target, ctx } = await connect();
  for (const [status, provenNotApplied] of [
    [429, true],
    [503, false],
  ] as const) {
    (await sandbox).setThrottleStatus(status);
    (await sandbox).injectFault({ kind: 'throttle', retryAfterSeconds: 2, path: '/v1/employees' });
    const err = (await thrown(() => target.createEmployee(ana, ctx))) as HttpError;
    assert.equal(err.status, status);
    assert.equal(target.classify(err), 'retry', `${status} is retried, never read as a refused record`);
    assert.equal(err.maybeDelivered, !provenNotApplied);
    assert.equal(err.retryAfterMs, 2000);
  }
  assert.equal((await sandbox).employees().length, 0);
});
