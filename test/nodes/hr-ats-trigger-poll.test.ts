/** Reconciliation polls for Lever and Ashby against their emulators: a hire is emitted once, by webhook or by poll. */
import { test, before, after, afterEach, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAshby, type AshbyHandle } from '../../sandbox/ashby';
import { startLever, type LeverHandle } from '../../sandbox/lever';
import { ashbySender, leverSender, type SignedDelivery } from '../../sandbox/senders';
import type { EmulatorHandle } from '../../sandbox/server';
import { helper, nextMessage, settle } from '../support/nodeRed';
import { ashbyHire, leverHire } from './ats/seeds';
import { loadTrigger } from './ats/triggerFlow';

type Msg = { payload: Record<string, any>; event: { id: string; via: string } };

let userDir: string;
let lever: LeverHandle;
let ashby: AshbyHandle;
let files = 0;

before(async () => {
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-ats-poll-'));
  helper.settings({ userDir });
  [lever, ashby] = await Promise.all([startLever(), startAshby()]);
  await helper.startServer();
});
after(async () => {
  helper.settings({});
  await helper.stopServer();
  await Promise.all([lever.stop(), ashby.stop()]);
  fs.rmSync(userDir, { recursive: true, force: true });
});
afterEach(async () => {
  lever.reset();
  ashby.reset();
  await helper.unload();
});

/** Resolves once the emulator has answered `n` list calls in all: the poll has run that many times. */
async function polled(emulator: EmulatorHandle, listPath: string, n: number, limitMs = 10_000) {
  const deadline = Date.now() + limitMs;
  const answered = () => emulator.requests().filter((r) => r.path.startsWith(listPath) && r.outcome === 'answered').length;
  while (answered() < n) {
    if (Date.now() > deadline) throw new Error(`the poll called ${listPath} ${answered()} times, not ${n}`);
    await settle(20);
  }
}

interface PollCase {
  vendor: 'lever' | 'ashby';
  secret: string;
  emulator: () => EmulatorHandle;
  apiKey: string;
  baseUrl: () => string;
  listPath: string;
  /** Seeds a hire in the emulator; returns its key and the webhook the vendor would send for it. */
  seed(): { key: string; webhook: SignedDelivery };
}

const cases: PollCase[] = [
  {
    vendor: 'lever',
    secret: 'lever-token',
    emulator: () => lever,
    apiKey: 'sandbox-lever-key',
    baseUrl: () => `${lever.url}/v1`,
    listPath: '/v1/opportunities?',
    seed() {
      const opportunityId = leverHire(lever, { name: 'Pat Lee', email: 'pat@example.com' });
      return { key: `hire:${opportunityId}`, webhook: leverSender({ secret: 'lever-token' }).candidateHired({ opportunityId }) };
    },
  },
  {
    vendor: 'ashby',
    secret: 'ashby-secret',
    emulator: () => ashby,
    apiKey: 'sandbox-ashby-key',
    baseUrl: () => ashby.url,
    listPath: '/application.list',
    seed() {
      const { applicationId, candidateId, jobId } = ashbyHire(ashby, { name: 'Pat Lee', email: 'pat@example.com' });
      const webhook = ashbySender({ secret: 'ashby-secret' }).candidateHire({ applicationId, candidateId, jobId, name: 'Pat Lee', email: 'pat@example.com' });
      return { key: `hire:${applicationId}:offer-${applicationId}`, webhook };
    },
  },
];

for (const c of cases) {
  describe(`${c.vendor} reconciliation poll`, () => {
    const load = (pollMinutes: number) =>
      loadTrigger({ vendor: c.vendor, secret: c.secret, file: `poll-${++files}.db`, apiKey: c.apiKey, connection: { baseUrl: c.baseUrl() }, trigger: { pollMinutes } });

    test('finds a hire whose webhook never came, and the late webhook for it is not emitted again', async () => {
      const { key, webhook } = c.seed();
      const t = await load(60);
      const msg = await nextMessage<Msg>(t.out);
      assert.equal(msg.event.via, 'poll');
      assert.equal(msg.event.id, key);
      assert.equal(msg.payload.type, 'hire');
      assert.deepEqual(msg.payload.person.legalName, { first: 'Pat', last: 'Lee' });
      assert.equal(msg.payload.offer.startDate, '2026-12-01');
      assert.equal((await t.post(webhook)).status, 200);
      await settle();
      assert.equal(t.emitted.length, 1);
    });

    test('does not emit again a hire whose webhook came first', async () => {
      const t = await load(0.005);
      await polled(c.emulator(), c.listPath, 1);
      const { key, webhook } = c.seed();
      const emitted = nextMessage<Msg>(t.out);
      assert.equal((await t.post(webhook)).status, 200);
      assert.equal((await emitted).event.id, key);
      const calls = c.emulator().requests().filter((r) => r.path.startsWith(c.listPath)).length;
      // Polls never overlap, so once the second has listed, the first has recorded what it found.
      await polled(c.emulator(), c.listPath, calls + 2);
      await settle();
      assert.deepEqual(t.emitted.map((m) => (m as Msg).event.via), ['webhook']);
    });
  });
}
