/**
 * Which parts of a connection use the built-in sandbox: only those whose address is an unset `${NAME}`
 * (Node-RED leaves it as it is), never one whose address the user typed or set; and a live part that
 * still holds an unset variable is refused by its name, not sent as a key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import { mountSandbox } from '../../../sandbox/inRuntime';
import { withSandbox } from '../../../nodes/hr-hris-connection/sandbox';
import { unsetVariable, unsetVariables } from '../../../nodes/common/sandboxMode';

const sandbox = mountSandbox(express(), 'http://127.0.0.1:1880/hr-sandbox');
const hireToHris = {
  system: 'bamboohr',
  baseUrl: '${BAMBOOHR_API_URL}',
  companyDomain: '${BAMBOOHR_COMPANY_DOMAIN}',
  bambooAuth: 'apiKey',
  atsSystem: 'greenhouse',
  atsBaseUrl: '${GREENHOUSE_API_URL}',
  atsTokenUrl: '${GREENHOUSE_TOKEN_URL}',
  atsActAs: '${GREENHOUSE_USER_ID}',
  atsField: '${GREENHOUSE_EMPLOYEE_ID_FIELD}',
  checkrEnabled: false,
  checkrBaseUrl: '',
};
const unsetKeys = {
  secret: '${BAMBOOHR_API_KEY}',
  atsClientId: '${GREENHOUSE_CLIENT_ID}',
  atsClientSecret: '${GREENHOUSE_CLIENT_SECRET}',
};

test('an unset `${NAME}` is told from a value, an empty one and a reference inside a longer text', () => {
  assert.equal(unsetVariable('${GREENHOUSE_API_URL}'), 'GREENHOUSE_API_URL');
  assert.equal(unsetVariable('https://harvest.greenhouse.io'), null);
  assert.equal(unsetVariable(''), null);
  assert.equal(unsetVariable('https://${HOST}/v1'), null);
  assert.deepEqual(unsetVariables({ a: '${B}', b: '${A}', c: '${A}', d: 'x' }), ['A', 'B']);
});

test('with every variable unset, the HRIS and the write-back use the sandbox with its own credentials', () => {
  const resolved = withSandbox(hireToHris, unsetKeys, () => sandbox);
  assert.deepEqual(resolved.parts, ['bamboohr', 'greenhouse write-back']);
  assert.equal(resolved.def.baseUrl, 'http://127.0.0.1:1880/hr-sandbox/bamboohr/api/gateway.php/acme');
  assert.equal(resolved.def.atsBaseUrl, 'http://127.0.0.1:1880/hr-sandbox/greenhouse');
  assert.equal(resolved.def.atsField, 'employee_id');
  assert.equal(resolved.credentials.secret, 'sandbox-bamboohr-key');
  assert.equal(resolved.credentials.atsClientId, 'sandbox-greenhouse-client');
});

test('a part whose address is set stays live; its unset key is refused by name, never sent', () => {
  const live = { ...hireToHris, baseUrl: 'https://api.bamboohr.com/api/gateway.php/acme', companyDomain: 'acme' };
  assert.throws(
    () => withSandbox(live, unsetKeys, () => sandbox),
    (err: Error & { code?: string }) =>
      err.code === 'hris.variable_unset' &&
      /BAMBOOHR_API_KEY/.test(err.message) &&
      !/GREENHOUSE_CLIENT_ID/.test(err.message),
  );
  const resolved = withSandbox(live, { ...unsetKeys, secret: 'a-live-key' }, () => sandbox);
  assert.deepEqual(resolved.parts, ['greenhouse write-back']);
  assert.equal(resolved.def.baseUrl, 'https://api.bamboohr.com/api/gateway.php/acme');
  assert.equal(resolved.credentials.secret, 'a-live-key');
});

test("an empty address is the vendor's own production address, never the sandbox", () => {
  const resolved = withSandbox(
    { ...hireToHris, baseUrl: '', companyDomain: 'acme', atsSystem: 'none' },
    { secret: 'a-live-key' },
    () => {
      throw new Error('the sandbox was asked for');
    },
  );
  assert.deepEqual(resolved.parts, []);
});
