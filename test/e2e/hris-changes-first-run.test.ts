/**
 * "HRIS changes to ATS" on a palette user's first run: a fresh Node-RED with NO environment variables,
 * the example deployed beside "Hire to HRIS" as imported, a test hire sent, then the example's own
 * button clicked. The change goes through the sandbox built into Node-RED: BambooHR's emulated employee
 * gets a new title, its signed change webhook reaches the HRIS trigger, and the Greenhouse candidate is
 * updated once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readExample, until, userDirWithThisBuild } from '../support/e2e';
import { startNodeRed, type RunningNodeRed } from '../support/realNodeRed';
import { nodeRed4 } from '../support/runtimes';

type FlowNode = Record<string, unknown>;
interface Received {
  method: string;
  path: string;
  body?: unknown;
}
interface Candidate {
  id: number;
  title: string | null;
  custom_fields: Record<string, unknown>;
}

async function deploy(red: RunningNodeRed, flow: FlowNode[]): Promise<void> {
  const res = await fetch(`${red.url}/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'full' },
    body: JSON.stringify(flow),
  });
  assert.ok(res.ok, `deploy answered ${res.status}`);
}

async function state<T>(red: RunningNodeRed, vendor: string): Promise<{ holds: T; received: Received[] }> {
  const res = await fetch(`${red.url}/hr-sandbox/${vendor}/_sandbox/state`);
  assert.ok(res.ok, `the ${vendor} sandbox page answered ${res.status}`);
  return (await res.json()) as { holds: T; received: Received[] };
}

/** Clicks the inject button wired to the named test node, as the editor does. */
async function click(red: RunningNodeRed, flow: FlowNode[], name: string): Promise<void> {
  const button = flow.find((n) => n.type === 'hr-test-hire' && n.name === name);
  assert.ok(button, `the example has "${name}"`);
  const inject = flow.find((n) => n.type === 'inject' && (n.wires as string[][])[0]?.includes(String(button.id)));
  assert.ok(inject, `an inject button is wired to "${name}"`);
  await until(
    `"${name}" to be clicked`,
    async () => (await fetch(`${red.url}/inject/${String(inject.id)}`, { method: 'POST' })).ok && true,
    20_000,
    red,
  );
}

const titleUpdates = (received: Received[], candidateId: number) =>
  received.filter(
    (r) =>
      r.method === 'PATCH' &&
      r.path === `/v3/candidates/${candidateId}` &&
      typeof r.body === 'object' &&
      r.body !== null &&
      'title' in r.body,
  );

describe('HRIS changes to ATS on a fresh Node-RED with no environment variables', () => {
  test("its button changes a job title in the sandbox's BambooHR and the Greenhouse candidate gets it, once", async () => {
    const userDir = userDirWithThisBuild();
    const red = await startNodeRed({ runtime: nodeRed4(), userDir, env: {} });
    try {
      const hire = readExample('Hire to HRIS');
      const changes = readExample('HRIS changes to ATS');
      await deploy(red, [...hire, ...changes]);
      await click(red, hire, 'send a test hire');
      const candidate = await until(
        'the employee id written back to the sandbox Greenhouse',
        async () => {
          const found = (await state<{ candidates: Candidate[] }>(red, 'greenhouse')).holds.candidates.find(
            (c) => c.custom_fields.employee_id,
          );
          return found;
        },
        30_000,
        red,
      );

      await click(red, changes, 'change a job title in the sandbox');
      const employees = (
        await state<{ employees: Array<{ id: string; fields: Record<string, string> }> }>(red, 'bamboohr')
      ).holds.employees;
      const employee = employees.find((e) => e.id === String(candidate.custom_fields.employee_id));
      assert.ok(employee, 'the hired employee is in the sandbox BambooHR');
      const title = employee.fields.jobTitle;
      assert.ok(title && title !== 'Payroll Specialist', `BambooHR's job title changed (${title})`);

      await until(
        'the new title on the Greenhouse candidate',
        async () => {
          const now = (await state<{ candidates: Candidate[] }>(red, 'greenhouse')).holds.candidates.find(
            (c) => c.id === candidate.id,
          );
          return now?.title === title || undefined;
        },
        30_000,
        red,
      );
      // A late second write would show here.
      await new Promise((r) => setTimeout(r, 1_500));
      assert.equal(
        titleUpdates((await state(red, 'greenhouse')).received, candidate.id).length,
        1,
        'exactly one candidate update carried the title',
      );

      const log = red.log();
      assert.doesNotMatch(log, /\[error\]/, `no node reported an error:\n${log.slice(-3000)}`);
    } finally {
      await red.stop();
      fs.rmSync(userDir, { recursive: true, force: true });
    }
  });
});
