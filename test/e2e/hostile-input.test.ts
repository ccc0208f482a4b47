/**
 * Hostile requests against the shipped "Hire to HRIS" and "Deletion request" examples in a real
 * Node-RED: malformed, oversized (4 MB, on every spelling of the path Express routes), unsigned,
 * wrongly signed, replayed and case-varied deliveries, and a deletion that arrives before the hire.
 * What a person would notice: the status each caller gets, nothing reaching BambooHR, nothing new in
 * the journal or the outbox, and one log line per kind of refusal instead of one per request.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startSandbox, type Sandbox } from '../../sandbox';
import { deliver, greenhouseSender, type SignedDelivery } from '../../sandbox/senders';
import { openStore, type HrStore } from '../../lib/store';
import { hmacDigest } from '../../sandbox/senders/signing';
import {
  WEBHOOK_SECRET,
  deploy,
  employees,
  environmentFor,
  greenhouse,
  readExample,
  stateOf,
  until,
  userDirWithThisBuild,
  webhooksServed,
} from '../support/e2e';
import { startNodeRed, type RunningNodeRed } from '../support/realNodeRed';
import { nodeRed4 } from '../support/runtimes';

const HIRES = '/hr/greenhouse/hires';
const DELETIONS = '/hr/greenhouse/deletions';
/** Refusals are reported once per reason and window; a short window keeps the test quick. */
const WINDOW_MS = 1_500;
const SETTINGS = {
  hrHrisWriterPollMs: 200,
  hrHrisWriterRetryBaseMs: 300,
  hrHrisWriterLeaseMs: 3_000,
  hrForgetPollMs: 200,
  hrAtsTriggerRefusalWindowMs: WINDOW_MS,
};
const GENERIC: Record<number, string> = { 400: 'bad_request', 401: 'unauthorized', 413: 'payload_too_large' };
/** The aggregated warning, as locales/en-US words it. */
const REFUSED_LINE = /(\d+) webhook deliveries refused with (\d+) in \d+ s: ([\w.]+)/g;

/** Greenhouse's `delete_candidate` web hook, as its web hook documentation shows it. */
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

describe('hostile webhook requests against a running Node-RED', () => {
  let sandbox: Sandbox;
  let red: RunningNodeRed;
  let userDir: string;
  let store: HrStore;
  let dbFile: string;
  const post = (pathname: string, signed: SignedDelivery) => deliver(`${red.url}${pathname}`, signed);

  /** Rows in the journal and the outbox, read from the store's file as someone inspecting it would. */
  const rows = () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      const count = (table: string) => db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()!;
      return { events: count('events'), outbox: count('outbox') };
    } finally {
      db.close();
    }
  };
  /** The aggregated refusal lines the log gained after `from`, as [reason, status, count]. */
  const refusalLines = (from: number) =>
    [...red.log().slice(from).matchAll(REFUSED_LINE)].map((m) => [m[3], Number(m[2]), Number(m[1])] as const);
  const rejectedCount = () =>
    store.sumCounters('events_rejected', new Date(Date.now() - 3_600_000), { vendor: 'greenhouse' });

  before(async () => {
    sandbox = await startSandbox();
    userDir = userDirWithThisBuild();
    const env = environmentFor(sandbox);
    red = await startNodeRed({ runtime: nodeRed4(), userDir, env, settings: SETTINGS });
    const flow = [...readExample('Hire to HRIS'), ...readExample('Deletion request')];
    await deploy(red, flow);
    await webhooksServed(red, flow);
    dbFile = path.join(userDir, 'hr-integration.db');
    store = await openStore({ file: dbFile, key: env.HR_STORE_KEY });
    // The unsigned probes that waited for the routes are refusals too: let their window close first.
    await until("the probes' refusals reported", () => refusalLines(0).length >= 2, 20_000, red);
  });
  after(async () => {
    await store?.close();
    await red?.stop();
    await sandbox?.stop();
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  });

  test('malformed, oversized, unsigned and wrongly signed requests are refused with a generic answer, change nothing, and are logged once per reason', async () => {
    const before = {
      rows: rows(),
      bamboo: (await stateOf(sandbox.urls.bamboohr)).received.length,
      rejected: await rejectedCount(),
    };
    const logFrom = red.log().length;
    const forger = greenhouseSender({ secret: 'not-the-secret' });
    const { Signature: _dropped, ...unsignedHeaders } = greenhouse.hire().headers;
    const notJson = Buffer.from('{"action": "hire_candidate", ');
    const malformed = {
      rawBody: notJson,
      headers: { ...greenhouse.hire().headers, Signature: `sha256 ${hmacDigest('sha256', WEBHOOK_SECRET, notJson)}` },
    };
    // Correctly signed over its own bytes, so only its size can refuse it.
    const huge = greenhouse.signed({ action: 'hire_candidate', payload: { pad: 'x'.repeat(4 * 1024 * 1024) } });
    const variants = [HIRES, HIRES.toUpperCase(), `${HIRES}/`, '/Hr/Greenhouse/Hires/'];

    const attempts: Array<[string, SignedDelivery, number]> = [
      ...variants.map((p): [string, SignedDelivery, number] => [p, huge, 413]),
      ...Array.from({ length: 5 }, (_, i): [string, SignedDelivery, number] => [
        variants[i % 4]!,
        { ...greenhouse.hire(), headers: unsignedHeaders },
        401,
      ]),
      ...Array.from({ length: 6 }, (_, i): [string, SignedDelivery, number] => [variants[i % 4]!, forger.hire(), 401]),
      ...Array.from({ length: 3 }, (): [string, SignedDelivery, number] => [HIRES, malformed, 400]),
    ];
    for (const [pathname, delivery, status] of attempts) {
      const res = await post(pathname, delivery);
      assert.equal(res.status, status, `${pathname} answered ${res.status}, not ${status}`);
      assert.deepEqual(
        JSON.parse(res.body),
        { error: GENERIC[status] },
        'the answer names the status only, not which check failed',
      );
    }

    await until('the refusals reported', () => refusalLines(logFrom).length >= 4, WINDOW_MS * 10, red);
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    assert.deepEqual(refusalLines(logFrom).sort(), [
      ['bad_signature', 401, 6],
      ['malformed_json', 400, 3],
      ['missing_signature', 401, 5],
      ['too_large', 413, 4],
    ]);
    assert.doesNotMatch(red.log().slice(logFrom), /not-the-secret|e2e-greenhouse-webhook-secret/);
    await until(
      'the refusals counted',
      async () => (await rejectedCount()) - before.rejected === attempts.length || undefined,
      10_000,
      red,
    );
    assert.deepEqual(rows(), before.rows, 'nothing new in the journal or the outbox');
    assert.equal((await stateOf(sandbox.urls.bamboohr)).received.length, before.bamboo, 'nothing reached BambooHR');
  });

  test('a signed hire sent to the path in capitals with a trailing slash is accepted once; its replays add nothing', async () => {
    const seeded = sandbox.greenhouse.addHire({
      firstName: 'Casey',
      lastName: 'Upper',
      email: 'casey.upper@example.com',
    });
    const hire = greenhouse.hire({
      ...seeded,
      firstName: 'Casey',
      lastName: 'Upper',
      email: 'casey.upper@example.com',
      phone: '415-555-0191',
      department: 'People',
      office: 'New York City',
      startDate: '2026-12-01',
      salary: 90000,
      currency: 'USD',
    });
    assert.equal((await post(`${HIRES.toUpperCase()}/`, hire)).status, 200);
    await until(
      'Casey in BambooHR',
      async () => (await employees(sandbox)).some((e) => e.fields.firstName === 'Casey'),
      20_000,
      red,
    );
    const journalled = rows().events;
    for (const variant of [HIRES, `${HIRES}/`, HIRES.toUpperCase()])
      assert.equal((await post(variant, hire)).status, 200, 'a replay is acknowledged');
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal((await employees(sandbox)).filter((e) => e.fields.firstName === 'Casey').length, 1);
    assert.equal(rows().events, journalled, 'the replays are recognised by the journal, not recorded again');
  });

  test('Greenhouse deleting a candidate before their hire arrives: the hire delivered afterwards never reaches BambooHR', async () => {
    const seeded = sandbox.greenhouse.addHire({
      firstName: 'Dana',
      lastName: 'Early',
      email: 'dana.early@example.com',
    });
    const deletion = await post(
      DELETIONS,
      greenhouse.signed(deleteCandidate(seeded.candidateId, seeded.applicationId)),
    );
    assert.equal(deletion.status, 200);
    await until(
      'the deletion remembered',
      async () =>
        (await store.isTombstoned({ system: 'greenhouse', externalId: String(seeded.candidateId) })) || undefined,
      20_000,
      red,
    );
    const bambooBefore = (await stateOf(sandbox.urls.bamboohr)).received.length;
    const outboxBefore = rows().outbox;

    const hire = greenhouse.hire({
      ...seeded,
      firstName: 'Dana',
      lastName: 'Early',
      email: 'dana.early@example.com',
      phone: '415-555-0192',
      department: 'People',
      office: 'New York City',
      startDate: '2026-12-01',
      salary: 90000,
      currency: 'USD',
    });
    assert.equal((await post(HIRES, hire)).status, 200, 'acknowledged, so Greenhouse stops retrying');
    await until(
      'the dropped hire in the audit log',
      async () => (await store.auditEntries({ limit: 1000 })).some((e) => e.action === 'event.dropped') || undefined,
      20_000,
      red,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal((await stateOf(sandbox.urls.bamboohr)).received.length, bambooBefore, 'nothing reached BambooHR');
    assert.equal((await employees(sandbox)).filter((e) => e.fields.firstName === 'Dana').length, 0);
    assert.equal(rows().outbox, outboxBefore, 'no write was queued');
  });
});
