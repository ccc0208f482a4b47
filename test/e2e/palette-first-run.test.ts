/**
 * A palette user's first run: a fresh Node-RED with NO environment variables, an example deployed as
 * imported, and its "send a test hire" button clicked (the admin API's inject, what the button calls).
 * Every connection then talks to the sandbox built into Node-RED itself, and the hire reaches the
 * HRIS emulator served under <httpNodeRoot>hr-sandbox/.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readExample, until, userDirWithThisBuild } from '../support/e2e';
import { startNodeRed, type RunningNodeRed } from '../support/realNodeRed';
import { nodeRed4 } from '../support/runtimes';

type FlowNode = Record<string, unknown>;

async function deploy(red: RunningNodeRed, flow: FlowNode[]): Promise<void> {
  const res = await fetch(`${red.url}/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'full' },
    body: JSON.stringify(flow),
  });
  assert.ok(res.ok, `deploy answered ${res.status}`);
}

const holds = async <T>(red: RunningNodeRed, vendor: string): Promise<T> => {
  const res = await fetch(`${red.url}/hr-sandbox/${vendor}/_sandbox/state`);
  return res.ok ? ((await res.json()) as { holds: T }).holds : (undefined as T);
};

/** Clicks the example's inject button, as the editor does. */
async function clickTestHire(red: RunningNodeRed, flow: FlowNode[]): Promise<void> {
  const testHire = flow.find((n) => n.type === 'hr-test-hire');
  assert.ok(testHire, 'the example has a "send a test hire" node');
  const inject = flow.find((n) => n.type === 'inject' && (n.wires as string[][])[0]?.includes(String(testHire.id)));
  assert.ok(inject, 'an inject button is wired to it');
  // The trigger's route is added as the flow starts, after the deploy answered.
  await until(
    'the example to start',
    async () => (await fetch(`${red.url}/inject/${String(inject.id)}`, { method: 'POST' })).ok && true,
    20_000,
    red,
  );
}

interface Outcome {
  service: string;
  ok: boolean;
  code: string;
  params: Record<string, string | number>;
}

/** "Test connection" of a deployed connection, as its dialog calls it with nothing retyped. */
async function testConnection(red: RunningNodeRed, node: FlowNode): Promise<Outcome[]> {
  const { credentials: _typed, x: _x, y: _y, ...config } = node;
  const res = await fetch(`${red.url}/${String(node.type)}/test`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: node.id, config, credentials: {} }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { results: Outcome[] }).results;
}

async function firstRun(example: string, arrived: (red: RunningNodeRed) => Promise<unknown>): Promise<void> {
  const userDir = userDirWithThisBuild();
  const red = await startNodeRed({ runtime: nodeRed4(), userDir, env: {} });
  try {
    const flow = readExample(example);
    await deploy(red, flow);
    await clickTestHire(red, flow);
    await until(`the test hire of ${example} in the HRIS emulator`, () => arrived(red), 30_000, red);
    const log = red.log();
    assert.match(log, /built-in sandbox/, 'the log says the connections talk to the sandbox');
    assert.doesNotMatch(log, /\[error\]/, `no node reported an error:\n${log.slice(-3000)}`);
  } finally {
    await red.stop();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

describe('an example on a fresh Node-RED with no environment variables', () => {
  test('"Test connection" reaches the built-in sandbox and says so; an address set in the flow\'s environment is the only one tested', async () => {
    const userDir = userDirWithThisBuild();
    const red = await startNodeRed({ runtime: nodeRed4(), userDir, env: {} });
    try {
      const flow = readExample('Hire to HRIS');
      // Lever to HiBob's tab sets LEVER_API_URL in its own environment, as a user going live on one flow would.
      const lever = readExample('Lever to HiBob');
      (lever[0] as { env?: unknown[] }).env = [
        { name: 'LEVER_API_URL', type: 'str', value: 'http://127.0.0.1:9/v1' },
        { name: 'LEVER_API_KEY', type: 'str', value: 'a-key-of-this-flow' },
      ];
      await deploy(red, [...flow, ...lever]);
      const of = (f: FlowNode[], type: string) => f.find((n) => n.type === type)!;
      await until(
        'the flows to start',
        async () => (await fetch(`${red.url}/hr-sandbox/greenhouse/_sandbox/state`)).ok || undefined,
        20_000,
        red,
      );
      const hris = await testConnection(red, of(flow, 'hr-hris-connection'));
      assert.deepEqual(
        hris.map((r) => [r.service, r.ok]),
        [
          ['BambooHR (sandbox)', true],
          ['Greenhouse (sandbox)', true],
        ],
      );
      const ats = await testConnection(red, of(flow, 'hr-ats-connection'));
      assert.deepEqual(
        ats.map((r) => [r.service, r.ok]),
        [['Greenhouse (sandbox)', true]],
      );
      const live = await testConnection(red, of(lever, 'hr-ats-connection'));
      assert.deepEqual(
        live.map((r) => [r.service, r.ok, r.code, r.params.host]),
        [['Lever', false, 'unreachable', '127.0.0.1:9']],
      );
    } finally {
      await red.stop();
      fs.rmSync(userDir, { recursive: true, force: true });
    }
  });

  test('Hire to HRIS: the test hire becomes a BambooHR employee and its id goes back to Greenhouse', async () => {
    await firstRun('Hire to HRIS', async (red) => {
      const employees = (await holds<{ employees: unknown[] }>(red, 'bamboohr'))?.employees ?? [];
      if (employees.length !== 1) return undefined;
      const candidates =
        (await holds<{ candidates: Array<{ custom_fields: Record<string, unknown> }> }>(red, 'greenhouse'))
          ?.candidates ?? [];
      return candidates.some((c) => Object.keys(c.custom_fields).length > 0) || undefined;
    });
  });

  test('Lever to HiBob: the test hire becomes a HiBob employee', async () => {
    await firstRun('Lever to HiBob', async (red) =>
      (await holds<{ people: unknown[] }>(red, 'hibob'))?.people.length === 1 ? true : undefined,
    );
  });

  test('Ashby to Personio: the test hire becomes a Personio person', async () => {
    await firstRun('Ashby to Personio', async (red) =>
      (await holds<{ persons: unknown[] }>(red, 'personio'))?.persons.length === 1 ? true : undefined,
    );
  });

  test('Background check: the test hire orders a Checkr check', async () => {
    await firstRun('Background check', async (red) =>
      (await holds<{ candidates: unknown[] }>(red, 'checkr'))?.candidates.length === 1 ? true : undefined,
    );
  });
});
