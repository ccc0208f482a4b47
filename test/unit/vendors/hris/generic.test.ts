import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generic, genericHttpOptions, type GenericConnection } from '../../../../lib/vendors/generic/target';
import { contextFor, localServer } from './support';

// No emulator for "any REST HRIS": a small local server plays one.
test('the generic target sends the configured request, reads the id at the configured path and looks up by email', async () => {
  const server = await localServer((req) =>
    req.method === 'PUT'
      ? { status: 201, body: { data: { employee: { id: 77 } } } }
      : { status: 200, body: { items: [{ id: 'E-9', state: 'terminated' }] } },
  );
  const conn: GenericConnection = {
    system: 'generic',
    baseUrl: server.url,
    authHeader: 'X-Api-Key',
    authValue: 'k-secret',
    createMethod: 'PUT',
    createUrl: '/people',
    idPath: 'data.employee.id',
    lookupUrl: '/people?email={{email}}',
    lookupIdPath: 'items[0].id',
    lookupStatusPath: 'items[0].state',
    emailPath: 'contact.email',
  };
  const { ctx, client } = contextFor(genericHttpOptions(conn));
  try {
    const target = generic(conn);
    const record = { name: 'Ana', contact: { email: 'ana+hr@example.com' } };
    assert.deepEqual(await target.createEmployee(record, ctx), { employeeId: '77' });
    assert.equal(target.workEmail(record), 'ana+hr@example.com');
    assert.deepEqual(await target.findByWorkEmail('ana+hr@example.com', ctx), {
      employeeId: 'E-9',
      status: 'terminated',
    });
    const [create, lookup] = server.received;
    assert.equal(create.method, 'PUT');
    assert.equal(create.headers['x-api-key'], 'k-secret');
    assert.deepEqual(JSON.parse(create.body), record);
    assert.equal(lookup.url, '/people?email=ana%2Bhr%40example.com');
  } finally {
    client.close();
    await server.close();
  }
});
