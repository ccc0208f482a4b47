import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { HIBOB_DEFAULTS, startHiBob } from '../../../../sandbox/hibob';
import { PERSONIO_DEFAULTS, startPersonio } from '../../../../sandbox/personio';
import { hibob, hibobHttpOptions } from '../../../../lib/vendors/hibob/target';
import { personio, personioHttpOptions } from '../../../../lib/vendors/personio/target';
import { contextFor } from './support';

const hibobSandbox = startHiBob();
const personioSandbox = startPersonio();
const clients: Array<{ close(): void }> = [];
after(async () => {
  clients.forEach((c) => c.close());
  await Promise.all([(await hibobSandbox).stop(), (await personioSandbox).stop()]);
});

const track = <T extends { client: { close(): void } }>(c: T) => (clients.push(c.client), c);

test('HiBob: a created person is found again by email, and a former one reads as terminated', async () => {
  const sandbox = await hibobSandbox;
  const user = HIBOB_DEFAULTS.serviceUsers[0];
  const { ctx } = track(
    contextFor(hibobHttpOptions({ system: 'hibob', serviceUserId: user.id, token: user.token, baseUrl: sandbox.url })),
  );
  const target = hibob();
  const record = {
    firstName: 'Ana',
    surname: 'Silva',
    email: 'ana@example.com',
    work: { site: 'New-York', startDate: '2026-01-05' },
  };
  const { employeeId } = await target.createEmployee(record, ctx);
  assert.deepEqual(await target.findByWorkEmail('ana@example.com', ctx), { employeeId, status: 'active' });
  const former = sandbox.addPerson({ ...record, email: 'bo@example.com', firstName: 'Bo' }, 'inactive');
  assert.deepEqual(await target.findByWorkEmail('bo@example.com', ctx), { employeeId: former, status: 'terminated' });
});

test("HiBob: an employee's status is read with the POST one-person read, never the shut-off GET", async () => {
  const sandbox = await hibobSandbox;
  const user = HIBOB_DEFAULTS.serviceUsers[0];
  const { ctx } = track(
    contextFor(hibobHttpOptions({ system: 'hibob', serviceUserId: user.id, token: user.token, baseUrl: sandbox.url })),
  );
  const target = hibob();
  const former = sandbox.addPerson(
    { firstName: 'Cy', surname: 'Reis', email: 'cy@example.com', work: { site: 'London', startDate: '2026-01-05' } },
    'inactive',
  );
  const seen = sandbox.requests().length;
  assert.equal(await target.employeeStatus(former, ctx), 'terminated');
  const [read] = sandbox.requests().slice(seen);
  assert.equal(read?.method, 'POST');
  assert.equal(read?.path, `/v1/people/${former}`);
  assert.deepEqual(read?.body, { fields: ['root.id', 'internal.status'] });
});

test('Personio: the client-credentials token is fetched, the person is created and found by email', async () => {
  const sandbox = await personioSandbox;
  const client = PERSONIO_DEFAULTS.clients[0];
  const { ctx } = track(
    contextFor(
      personioHttpOptions({
        system: 'personio',
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        baseUrl: sandbox.url,
      }),
    ),
  );
  const target = personio();
  const { employeeId } = await target.createEmployee(
    {
      first_name: 'Ana',
      last_name: 'Silva',
      email: 'ana@example.com',
      employments: [{ status: 'ONBOARDING', employment_start_date: '2026-01-05' }],
    },
    ctx,
  );
  assert.deepEqual(await target.findByWorkEmail('ana@example.com', ctx), { employeeId, status: 'active' });
  assert.equal(await target.findByWorkEmail('nobody@example.com', ctx), null);
});

async function personioTarget(recoveryAttribute?: string) {
  const sandbox = await personioSandbox;
  const client = PERSONIO_DEFAULTS.clients[0];
  const conn = {
    system: 'personio' as const,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    baseUrl: sandbox.url,
    ...(recoveryAttribute ? { recoveryAttribute } : {}),
  };
  const { ctx } = track(contextFor(personioHttpOptions(conn)));
  return { sandbox, ctx, target: personio(conn) };
}

test('Personio: a person whose employments all ended reads as terminated, by id and by email', async () => {
  const { sandbox, ctx, target } = await personioTarget();
  const former = sandbox.addPerson({
    first_name: 'Bo',
    last_name: 'Lima',
    email: 'bo@example.com',
    employments: [{ status: 'INACTIVE' }],
  });
  assert.equal(await target.employeeStatus(former, ctx), 'terminated');
  assert.deepEqual(await target.findByWorkEmail('bo@example.com', ctx), { employeeId: former, status: 'terminated' });
});

test('Personio: the recovery key goes into the custom attribute and the person is found by it without an email', async () => {
  const { ctx, target } = await personioTarget('dynamic_990');
  const { record, key } = target.recovery!.stamp({ first_name: 'Cy', last_name: 'Reis' }, 'hr-00000000000000000001');
  assert.deepEqual(record.custom_attributes, [{ id: 'dynamic_990', value: 'hr-00000000000000000001' }]);
  assert.equal(await target.recovery!.find(key, record, ctx), null);
  await target.createEmployee({ first_name: 'Cy', last_name: 'Reis' }, ctx);
  const { employeeId } = await target.createEmployee(record, ctx);
  assert.deepEqual(await target.recovery!.find(key, record, ctx), { employeeId, status: 'unknown' });
});
