/**
 * The way back from Personio, in a real Node-RED against the emulators: "HRIS changes to ATS" as a user
 * would set it up for Personio (the HRIS connection's system switched to Personio, the trigger polling,
 * since Personio sends no change webhooks). A person the package synced before is changed in Personio;
 * the poll finds it and the Greenhouse candidate is updated once, however many polls see the change.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { openStore } from '../../lib/store';
import {
  deploy,
  environmentFor,
  readExample,
  stateOf,
  until,
  userDirWithThisBuild,
  type GreenhouseState,
} from '../support/e2e';
import { startNodeRed, type RunningNodeRed } from '../support/realNodeRed';
import { nodeRed4 } from '../support/runtimes';

type FlowNode = Record<string, unknown>;
const STORE_FILE = 'personio-changes.db';
/** Three seconds between polls, so several polls see the same change within the test. */
const POLL_MINUTES = '0.05';

/** The example, switched to Personio as its dialogs would be: the connection's system and credentials, the trigger's poll. */
function forPersonio(flow: FlowNode[]): FlowNode[] {
  const button = flow.find((n) => n.type === 'hr-test-hire')?.id;
  return flow
    .map((node) => {
      switch (node.type) {
        case 'hr-store':
          return { ...node, file: STORE_FILE };
        case 'hr-hris-connection':
          return {
            ...node,
            name: 'Personio',
            system: 'personio',
            baseUrl: '${PERSONIO_API_URL}',
            companyDomain: '',
            credentials: {
              ...(node.credentials as object),
              secret: '',
              clientId: '${PERSONIO_CLIENT_ID}',
              clientSecret: '${PERSONIO_CLIENT_SECRET}',
            },
          };
        case 'hr-hris-trigger':
          return {
            ...node,
            name: 'Personio changes',
            path: '',
            pollMinutes: POLL_MINUTES,
            pollLookbackHours: '1',
            credentials: {},
          };
        default:
          return node;
      }
      // The sandbox button sends BambooHR's webhook; a Personio flow has no use for it.
    })
    .filter((n) => n.id !== button && !(n.type === 'inject' && JSON.stringify(n.wires).includes(String(button))));
}

describe('HRIS changes to ATS with Personio: a polled person change reaches the Greenhouse candidate', () => {
  let sandbox: Sandbox;
  let red: RunningNodeRed;
  let userDir: string;
  let candidateId: number;
  let personId: string;

  const candidate = async () =>
    (await stateOf<GreenhouseState>(sandbox.urls.greenhouse)).holds.candidates.find((c) => c.id === candidateId) as
      { last_name?: string } | undefined;
  const candidatePatches = async () =>
    (await stateOf(sandbox.urls.greenhouse)).received.filter(
      (r) => r.method === 'PATCH' && r.path === `/v3/candidates/${candidateId}`,
    );
  const polls = () =>
    sandbox.personio.requests().filter((r) => r.method === 'GET' && r.path.startsWith('/v2/persons?')).length;

  before(async () => {
    sandbox = await startSandbox();
    userDir = userDirWithThisBuild();
    const env = environmentFor(sandbox);
    // A hire the package synced before: the Greenhouse candidate, the Personio person, and the person linking both in the store.
    ({ candidateId } = sandbox.greenhouse.addHire({
      firstName: 'Ana',
      lastName: 'Silva',
      email: 'ana.silva@example.com',
    }));
    personId = sandbox.personio.addPerson({ first_name: 'Ana', last_name: 'Silva', email: 'ana.silva@acme.example' });
    const store = await openStore({ file: path.join(userDir, STORE_FILE), key: env.HR_STORE_KEY });
    try {
      const from = (value: string) => ({ value, source: 'greenhouse', sourceTime: new Date(Date.now() - 7_200_000) });
      await store.createPerson({
        record: { legalName: { first: 'Ana', last: 'Silva' } },
        links: [
          { system: 'greenhouse', externalId: String(candidateId) },
          { system: 'personio', externalId: personId },
        ],
        provenance: { 'legalName.first': from('Ana'), 'legalName.last': from('Silva') },
      });
    } finally {
      await store.close();
    }
    red = await startNodeRed({
      runtime: nodeRed4(),
      userDir,
      env,
      settings: { hrHrisWriterPollMs: 200, hrHrisWriterRetryBaseMs: 300, hrHrisWriterLeaseMs: 3_000 },
    });
    await deploy(red, forPersonio(readExample('HRIS changes to ATS')));
    await until('the first Personio poll', () => polls() > 0 || undefined, 20_000, red);
  });
  after(async () => {
    await red?.stop();
    await sandbox?.stop();
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  });

  test('a last name changed in Personio appears on the Greenhouse candidate once, however many polls see it', async () => {
    const before = (await candidatePatches()).length;
    sandbox.personio.editPerson(personId, { last_name: 'Silva Costa' });
    await until(
      'the new last name on the candidate',
      async () => ((await candidate())?.last_name === 'Silva Costa' ? true : undefined),
      30_000,
      red,
    );
    // Two more polls list the same change (each overlaps the last by a minute): neither may write again.
    const seen = polls();
    await until('two more polls', () => polls() >= seen + 2 || undefined, 30_000, red);
    const patches = (await candidatePatches()).slice(before);
    assert.equal(patches.length, 1, 'one candidate update');
    assert.match(JSON.stringify(patches[0]!.body), /Silva Costa/);
    const log = red.log();
    assert.doesNotMatch(log, /\[error\]/, `no node reported an error:\n${log.slice(-3000)}`);
  });
});
