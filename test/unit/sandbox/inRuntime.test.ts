import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { bamboohr, bamboohrHttpOptions } from '../../../lib/vendors/bamboohr/target';
import { createHttpClient } from '../../../lib/http';
import { mountSandbox } from '../../../sandbox/inRuntime';
import { runtimeOrigin } from '../../../nodes/common/runtimeSandbox';

test('the emulators answer under a path of a server that is already running, as inside Node-RED', async () => {
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const origin = runtimeOrigin({ uiPort: (server.address() as AddressInfo).port, uiHost: '0.0.0.0' });
    const sandbox = mountSandbox(app, `${origin}/hr-sandbox`);
    assert.equal(sandbox.bamboohr.url, `${origin}/hr-sandbox/bamboohr`);

    const conn = {
      system: 'bamboohr' as const,
      companyDomain: 'acme',
      baseUrl: `${sandbox.bamboohr.url}/api/gateway.php/acme`,
      auth: { kind: 'apiKey' as const, apiKey: 'sandbox-bamboohr-key' },
    };
    const client = createHttpClient(bamboohrHttpOptions(conn));
    try {
      const { employeeId } = await bamboohr(conn).createEmployee(
        { firstName: 'Ana', lastName: 'Silva', hireDate: '2027-01-04' },
        { send: (r) => client.request(r) },
      );
      assert.deepEqual(
        sandbox.bamboohr.employees().map((e) => e.id),
        [employeeId],
      );
    } finally {
      client.close();
    }
    const page = await fetch(`${sandbox.bamboohr.url}/_sandbox/state`);
    assert.equal(page.status, 200);
    assert.equal(((await page.json()) as { vendor: string }).vendor, sandbox.bamboohr.name);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('the runtime answers itself on loopback when it listens on every address, else on the one it listens on', () => {
  assert.equal(runtimeOrigin({ uiPort: 1880 }), 'http://127.0.0.1:1880');
  assert.equal(runtimeOrigin({ uiPort: '1990', uiHost: '192.0.2.7', https: {} }), 'https://192.0.2.7:1990');
  assert.equal(runtimeOrigin({ uiPort: 1880, uiHost: '::1' }), 'http://[::1]:1880');
});
