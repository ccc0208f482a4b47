/**
 * The "Deletion request" example as shipped, deployed next to "Hire to HRIS" (as a user imports both:
 * they share the HR store), in a real Node-RED against the emulators: what Greenhouse, BambooHR and
 * Slack receive when a hired person is deleted, and what happens to their later events.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { openStore, type HrStore } from '../../lib/store';
import {
  employees,
  environmentFor,
  greenhouse,
  readExample,
  slackPosts,
  stateOf,
  until,
  userDirWithThisBuild,
  type GreenhouseState,
} from '../support/e2e';
import { startNodeRed, type RunningNodeRed } from '../support/realNodeRed';
import { nodeRed4 } from '../support/runtimes';
import { deliver } from '../../sandbox/senders';

const HIRES = '/hr/greenhouse/hires';
const DELETIONS = '/hr/greenhouse/deletions';
/** Timings shortened so the workers pick up work within a test; everything else as shipped. */
const SETTINGS = {
  hrHrisWriterPollMs: 200,
  hrHrisWriterRetryBaseMs: 300,
  hrHrisWriterLeaseMs: 3_000,
  hrForgetPollMs: 200,
  hrForgetRetryBaseMs: 300,
  hrForgetLeaseMs: 3_000,
};

type Flow = Array<Record<string, unknown>>;

async function deploy(red: RunningNodeRed, flow: Flow): Promise<void> {
  const res = await fetch(`${red.url}/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'full' },
    body: JSON.stringify(flow),
  });
  assert.ok(res.status === 200 || res.status === 204, `deploy answered ${res.status}`);
  // Routes are added as the flows start, after the deploy answered; an unsigned probe is refused, not 404.
  for (const node of flow.filter((n) => n.type === 'hr-ats-trigger')) {
    await until(
      `the webhook route ${String(node.path)}`,
      async () => (await fetch(`${red.url}${String(node.path)}`, { method: 'POST', body: '{}' })).status !== 404,
      20_000,
      red,
    );
  }
}

/** Greenhouse's `delete_candidate` web hook (docs/vendors/greenhouse.md). */
const deleteCandidate = (candidateId: number, applicationId: number) => ({
  action: 'delete_candidate',
  payload: {
    person: {
      id: candidateId,
      first_name: 'x',
      last_name: 'x',
      company: null,
      title: null,
      created_at: new Date().toISOString(),
      is_private: false,
      can_email: true,
      deleted_application_ids: [applicationId],
    },
  },
});

describe('Deletion request example', () => {
  let sandbox: Sandbox;
  let red: RunningNodeRed;
  let userDir: string;
  let store: HrStore;
  let flow: Flow;
  const post = (pathname: string, signed: { rawBody: Buffer; headers: Record<string, string> }) =>
    deliver(`${red.url}${pathname}`, signed);

  before(async () => {
    sandbox = await startSandbox();
    userDir = userDirWithThisBuild();
    const env = environmentFor(sandbox);
    red = await startNodeRed({ runtime: nodeRed4(), userDir, env, settings: SETTINGS });
    flow = [...readExample('Hire to HRIS'), ...readExample('Deletion request')];
    await deploy(red, flow);
    // The test reads the same store file the flows use, as a person inspecting it would.
    store = await openStore({ file: path.join(userDir, 'hr-integration.db'), key: env.HR_STORE_KEY });
  });
  after(async () => {
    await store?.close();
    await red?.stop();
    await sandbox?.stop();
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  });

  let hires = 0;
  async function hired(firstName: string) {
    const email = `${firstName.toLowerCase()}.silva@example.com`;
    // Each person their own phone: a forgotten person's phone number would drop the next hire too.
    const phone = `415-555-01${String((hires += 1)).padStart(2, '0')}`;
    const seeded = sandbox.greenhouse.addHire({ firstName, lastName: 'Silva', email });
    const res = await post(
      HIRES,
      greenhouse.hire({
        ...seeded,
        firstName,
        lastName: 'Silva',
        email,
        phone,
        department: 'People',
        office: 'New York City',
        startDate: '2026-12-01',
        salary: 90000,
        currency: 'USD',
      }),
    );
    assert.ok(res.status < 300, `the hire trigger answered ${res.status}`);
    const employee = await until(
      `${firstName}'s employee in BambooHR`,
      async () => (await employees(sandbox)).find((e) => e.fields.firstName === firstName),
      20_000,
      red,
    );
    await until(
      `${firstName}'s employee id written back`,
      async () => {
        const gh = await stateOf<GreenhouseState>(sandbox.urls.greenhouse);
        return gh.holds.candidates.find((c) => c.id === seeded.candidateId)?.custom_fields.employee_id
          ? true
          : undefined;
      },
      20_000,
      red,
    );
    return { ...seeded, email, phone, employeeId: employee.id };
  }

  const manualAlertFor = (employeeId: string) =>
    until(
      'the manual step on Slack',
      async () =>
        (await slackPosts(sandbox)).find(
          (p) => JSON.stringify(p.body).includes('bamboohr') && JSON.stringify(p.body).includes(employeeId),
        ),
      20_000,
      red,
    );

  test('Greenhouse deletes a hired candidate: tombstoned, HR told to erase the BambooHR employee by hand, and a later hire for them never reaches BambooHR', async () => {
    const ana = await hired('Ana');
    const res = await post(DELETIONS, greenhouse.signed(deleteCandidate(ana.candidateId, ana.applicationId)));
    assert.equal(res.status, 200);
    await manualAlertFor(ana.employeeId);

    assert.equal(await store.isTombstoned({ system: 'greenhouse', externalId: String(ana.candidateId) }), true);
    assert.equal(await store.isTombstoned({ email: ana.email }), true);
    const erasures = (await stateOf(sandbox.urls.greenhouse)).received.filter(
      (r) => r.method === 'DELETE' || r.path.includes('/anonymize'),
    );
    assert.deepEqual(erasures, [], 'Greenhouse, where the deletion came from, is not asked again');

    const bambooBefore = (await stateOf(sandbox.urls.bamboohr)).received.length;
    const again = await post(
      HIRES,
      greenhouse.hire({
        candidateId: ana.candidateId,
        applicationId: ana.applicationId,
        offerId: 777001,
        firstName: 'Ana',
        lastName: 'Silva',
        email: ana.email,
        phone: ana.phone,
        department: 'People',
        office: 'New York City',
        startDate: '2027-01-04',
        salary: 90000,
        currency: 'USD',
      }),
    );
    assert.equal(again.status, 200, 'the trigger acknowledges the event so Greenhouse stops retrying');
    await until(
      'the dropped event in the audit log',
      async () => (await store.auditEntries({ limit: 1000 })).some((e) => e.action === 'event.dropped'),
      20_000,
      red,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal((await stateOf(sandbox.urls.bamboohr)).received.length, bambooBefore, 'nothing reached BambooHR');
    assert.equal((await employees(sandbox)).filter((e) => e.fields.firstName === 'Ana').length, 1);
  });

  test('HR sends a data-subject request from the inject node: the candidate is anonymised in Greenhouse', async () => {
    const bo = await hired('Bo');
    // As HR would: put the person in the inject node's payload, deploy, click the button.
    const inject = flow.find((n) => n.type === 'inject' && n.name === 'data-subject request') as Record<
      string,
      unknown
    >;
    inject.payload = JSON.stringify({ system: 'greenhouse', externalId: String(bo.candidateId) });
    await deploy(red, flow);
    const clicked = await fetch(`${red.url}/inject/${String(inject.id)}`, { method: 'POST' });
    assert.equal(clicked.status, 200);

    const anonymised = await until(
      'the anonymisation in Greenhouse',
      async () => {
        const gh = await stateOf<{ candidates: Array<{ id: number; first_name: string; email_addresses: unknown[] }> }>(
          sandbox.urls.greenhouse,
        );
        const call = gh.received.find(
          (r) => r.method === 'PATCH' && r.path === `/v3/candidates/${bo.candidateId}/anonymize`,
        );
        return call ? gh.holds.candidates.find((c) => c.id === bo.candidateId) : undefined;
      },
      20_000,
      red,
    );
    assert.equal(anonymised.first_name, 'Anonymized');
    assert.deepEqual(anonymised.email_addresses, []);
    await manualAlertFor(bo.employeeId);
    assert.equal(await store.isTombstoned({ system: 'greenhouse', externalId: String(bo.candidateId) }), true);
  });
});
