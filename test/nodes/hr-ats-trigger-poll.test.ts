/** Reconciliation polls against the vendor emulators: a hire is emitted once, by webhook or by poll. */
import { test, before, after, afterEach, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAshby, type AshbyHandle } from '../../sandbox/ashby';
import { GREENHOUSE_DEFAULTS, startGreenhouse, type GreenhouseHandle } from '../../sandbox/greenhouse';
import { startLever, type LeverHandle } from '../../sandbox/lever';
import { startSmartRecruiters, type SmartRecruitersHandle } from '../../sandbox/smartrecruiters';
import { startWorkable, type WorkableHandle } from '../../sandbox/workable';
import {
  ashbySender,
  greenhouseSender,
  leverSender,
  smartRecruitersSender,
  workableSender,
  type SignedDelivery,
} from '../../sandbox/senders';
import type { EmulatorHandle } from '../../sandbox/server';
import { helper, nextMessage, settle } from '../support/nodeRed';
import {
  ashbyHire,
  leverHire,
  smartRecruitersHire,
  smartRecruitersOfferFields,
  workableHire,
  workableOfferFields,
} from './ats/seeds';
import { loadTrigger } from './ats/triggerFlow';

type Msg = { payload: Record<string, any>; event: { id: string; via: string } };
type Trigger = Awaited<ReturnType<typeof loadTrigger>>;

let userDir: string;
let greenhouse: GreenhouseHandle;
let lever: LeverHandle;
let ashby: AshbyHandle;
let workable: WorkableHandle;
let sr: SmartRecruitersHandle;
let files = 0;

before(async () => {
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-ats-poll-'));
  helper.settings({ userDir });
  [greenhouse, lever, ashby, workable, sr] = await Promise.all([
    startGreenhouse(),
    startLever(),
    startAshby(),
    startWorkable(),
    startSmartRecruiters(),
  ]);
  await helper.startServer();
});
after(async () => {
  helper.settings({});
  await helper.stopServer();
  await Promise.all([greenhouse, lever, ashby, workable, sr].map((e) => e.stop()));
  fs.rmSync(userDir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const emulator of [greenhouse, lever, ashby, workable, sr]) emulator.reset();
  await helper.unload();
});

async function until(what: string, check: () => boolean | Promise<boolean>, limitMs = 10_000) {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(20);
  }
}

const listCalls = (emulator: EmulatorHandle, listPath: string) =>
  emulator.requests().filter((r) => r.path.startsWith(listPath) && r.outcome === 'answered').length;

/** Resolves once the emulator has answered `n` list calls in all: the poll has run that many times. */
const polled = (emulator: EmulatorHandle, listPath: string, n: number) =>
  until(`${n} calls of ${listPath}`, () => listCalls(emulator, listPath) >= n);

/** Resolves once every delivery the trigger accepted has been built: only the emitted hire is left open. */
const journalSettled = (t: Trigger, key: string) =>
  until('the journal to settle', async () => (await (await t.store()).pendingEvents()).every((e) => e.eventId === key));

const person = { first: 'Pat', last: 'Lee', email: 'pat@example.com' };

interface PollCase {
  vendor: 'greenhouse' | 'lever' | 'ashby' | 'workable' | 'smartrecruiters';
  secret: string;
  emulator: () => EmulatorHandle;
  apiKey?: string;
  /** Other credentials, e.g. Greenhouse's OAuth client. */
  credentials?: Record<string, string>;
  /** Connection fields beyond the base URL: Greenhouse's token URL, which offer fields of the account hold what. */
  connection?: () => Record<string, unknown>;
  baseUrl: () => string;
  listPath: string;
  /** What the vendor expects to hear back for a webhook (SmartRecruiters asks for 202). */
  ack?: number;
  /**
   * The webhook's hire key is known only once the API is read back (Lever's token-keyed delivery, a
   * SmartRecruiters status change): a poll meanwhile may claim the hire first; it is still emitted once.
   */
  keyedAfterReadBack?: true;
  /** Seeds a hire in the emulator; returns its key and the webhook the vendor would send for it. */
  seed(): { key: string; webhook: SignedDelivery };
  /** What else a hire found by the poll must carry. */
  check?(msg: Msg): void;
  /** Vendors whose list paging and broken answers are tested here. */
  list?: {
    /** More hires than one page of the poll holds; returns their keys. */
    seedMany(): string[];
    /** Makes the list show the seeded hire without a field the poll needs; returns that field's path and the repair. */
    breakListing(key: string): { field: RegExp; repair(): void };
  };
}

const cases: PollCase[] = [
  {
    vendor: 'greenhouse',
    secret: 'gh-secret',
    emulator: () => greenhouse,
    credentials: { ...GREENHOUSE_DEFAULTS.oauthClients[0] },
    connection: () => ({ tokenUrl: `${greenhouse.url}/token` }),
    baseUrl: () => greenhouse.url,
    listPath: '/v3/applications?',
    seed() {
      const ids = greenhouse.addHire({
        firstName: person.first,
        lastName: person.last,
        email: person.email,
        startsAt: '2026-12-01',
      });
      const webhook = greenhouseSender({ secret: 'gh-secret' }).hire({
        ...ids,
        firstName: person.first,
        lastName: person.last,
        email: person.email,
        startDate: '2026-12-01',
      });
      return { key: `hire:${ids.applicationId}:${ids.offerId}`, webhook };
    },
    check(msg) {
      assert.deepEqual(msg.payload.offer.compensation, { amount: '80000', currency: 'USD' });
      assert.equal(msg.payload.offer.employmentType, 'full_time');
      assert.equal(msg.payload.job.office.location, 'New York, NY');
    },
  },
  {
    vendor: 'lever',
    keyedAfterReadBack: true,
    secret: 'lever-token',
    emulator: () => lever,
    apiKey: 'sandbox-lever-key',
    baseUrl: () => `${lever.url}/v1`,
    listPath: '/v1/opportunities?',
    seed() {
      const opportunityId = leverHire(lever, { name: 'Pat Lee', email: person.email });
      return {
        key: `hire:${opportunityId}`,
        webhook: leverSender({ secret: 'lever-token' }).candidateHired({ opportunityId }),
      };
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
      const { applicationId, candidateId, jobId } = ashbyHire(ashby, { name: 'Pat Lee', email: person.email });
      const webhook = ashbySender({ secret: 'ashby-secret' }).candidateHire({
        applicationId,
        candidateId,
        jobId,
        name: 'Pat Lee',
        email: person.email,
      });
      return { key: `hire:${applicationId}:offer-${applicationId}`, webhook };
    },
  },
  {
    vendor: 'workable',
    secret: 'wk-token',
    emulator: () => workable,
    apiKey: 'sandbox-workable-token',
    baseUrl: () => `${workable.url}/spi/v3`,
    listPath: '/spi/v3/candidates?',
    connection: () => workableOfferFields,
    seed() {
      const { id, jobShortcode } = workableHire(workable, {
        firstname: person.first,
        lastname: person.last,
        email: person.email,
      });
      const webhook = workableSender({ secret: 'wk-token' }).candidateMoved({
        id,
        jobShortcode,
        firstName: person.first,
        lastName: person.last,
        email: person.email,
      });
      return { key: `hire:${id}`, webhook };
    },
    list: {
      seedMany: () =>
        Array.from(
          { length: 101 },
          (_, i) =>
            `hire:${workableHire(workable, { firstname: 'Hire', lastname: `No${i}`, email: `hire${i}@example.com` }).id}`,
        ),
      breakListing(key) {
        const id = key.slice('hire:'.length);
        workable.overrideListed(id, { job: null });
        return { field: /candidates\.0\.job/, repair: () => workable.overrideListed(id, null) };
      },
    },
  },
  {
    vendor: 'smartrecruiters',
    keyedAfterReadBack: true,
    secret: 'sr-secret',
    emulator: () => sr,
    apiKey: 'sandbox-smartrecruiters-key',
    baseUrl: () => sr.url,
    listPath: '/candidates?',
    ack: 202,
    connection: () => smartRecruitersOfferFields,
    seed() {
      const application = smartRecruitersHire(sr, {
        firstName: person.first,
        lastName: person.last,
        email: person.email,
      });
      const webhook = smartRecruitersSender({ secret: 'sr-secret' }).applicationStatusUpdated(application);
      return { key: `hire:${application.jobId}:${application.candidateId}`, webhook };
    },
    list: {
      seedMany() {
        return Array.from({ length: 101 }, (_, i) => {
          const { jobId, candidateId } = smartRecruitersHire(sr, {
            firstName: 'Hire',
            lastName: `No${i}`,
            email: `hire${i}@example.com`,
          });
          return `hire:${jobId}:${candidateId}`;
        });
      },
      breakListing(key) {
        const candidateId = key.split(':')[2]!;
        sr.overrideListed(candidateId, { primaryAssignment: { status: 'HIRED' } });
        return { field: /content\.0\.primaryAssignment\.job/, repair: () => sr.overrideListed(candidateId, null) };
      },
    },
  },
];

for (const c of cases) {
  describe(`${c.vendor} reconciliation poll`, () => {
    const load = (pollMinutes: number) =>
      loadTrigger({
        vendor: c.vendor,
        secret: c.secret,
        file: `poll-${++files}.db`,
        apiKey: c.apiKey,
        credentials: c.credentials,
        connection: { baseUrl: c.baseUrl(), ...c.connection?.() },
        trigger: { pollMinutes },
      });

    test('finds a hire whose webhook never came, and the late webhook for it is not emitted again', async () => {
      const { key, webhook } = c.seed();
      const t = await load(60);
      const msg = await nextMessage<Msg>(t.out);
      assert.equal(msg.event.via, 'poll');
      assert.equal(msg.event.id, key);
      assert.equal(msg.payload.type, 'hire');
      assert.deepEqual(msg.payload.person.legalName, { first: 'Pat', last: 'Lee' });
      assert.equal(msg.payload.offer.startDate, '2026-12-01');
      c.check?.(msg);
      assert.equal((await t.post(webhook)).status, c.ack ?? 200);
      await journalSettled(t, key);
      await settle();
      assert.equal(t.emitted.length, 1);
    });

    test('does not emit again a hire whose webhook came first', async () => {
      const t = await load(0.005);
      await polled(c.emulator(), c.listPath, 1);
      const { key, webhook } = c.seed();
      const emitted = nextMessage<Msg>(t.out);
      assert.equal((await t.post(webhook)).status, c.ack ?? 200);
      assert.equal((await emitted).event.id, key);
      const calls = listCalls(c.emulator(), c.listPath);
      // Polls never overlap, so once the second has listed, the first has recorded what it found.
      await polled(c.emulator(), c.listPath, calls + 2);
      await settle();
      assert.deepEqual(
        t.emitted.map((m) => (m as Msg).event.id),
        [key],
        'emitted once',
      );
      if (!c.keyedAfterReadBack)
        assert.deepEqual(
          t.emitted.map((m) => (m as Msg).event.via),
          ['webhook'],
        );
    });

    if (c.list) {
      const list = c.list;

      test('emits the hires of every page of the list, each once', async () => {
        const keys = list.seedMany();
        const t = await load(60);
        await until('every hire to be emitted', () => t.emitted.length >= keys.length, 20_000);
        assert.deepEqual(t.emitted.map((m) => (m as Msg).event.id).sort(), [...keys].sort());
        assert.equal(listCalls(c.emulator(), c.listPath), 2, 'two pages');
        await settle();
        assert.equal(t.emitted.length, keys.length);
        assert.deepEqual(t.said('hr-ats-trigger.warn.pollCapped'), [], 'the last page was within the limit');
      });

      test('warns when a poll stops at its page limit with hires left unread, after emitting those it read', async (t) => {
        list.seedMany();
        const pageLimit = { userDir, hrAtsTriggerPollMaxPages: 1 };
        helper.settings(pageLimit);
        t.after(() => void helper.settings({ userDir }));
        const trigger = await load(60);
        await until('the page-limit warning', () => trigger.said('hr-ats-trigger.warn.pollCapped').length > 0, 20_000);
        assert.deepEqual(trigger.said('hr-ats-trigger.warn.pollCapped'), [{ vendor: c.vendor }]);
        assert.equal(trigger.said('hr-ats-trigger.status.pollCapped').length, 1, 'and shows it on the status');
        assert.equal(listCalls(c.emulator(), c.listPath), 1, 'one page, the next never asked for');
        assert.equal(trigger.emitted.length, 100);
      });

      test('warns naming the field when the list answer is malformed, emits nothing, and the next poll still finds the hire', async () => {
        const { key } = c.seed();
        const broken = list.breakListing(key);
        const t = await load(0.005);
        await until('the poll to warn', () => t.said('hr-ats-trigger.warn.pollFailed').length > 0);
        const [warning] = t.said('hr-ats-trigger.warn.pollFailed');
        assert.equal(warning!.code, 'ats.payload_invalid');
        assert.match(String(warning!.message), broken.field);
        assert.equal(t.emitted.length, 0);
        const found = nextMessage<Msg>(t.out);
        broken.repair();
        const msg = await found;
        assert.deepEqual([msg.event.id, msg.event.via], [key, 'poll']);
      });
    }
  });
}

describe('Ashby incremental poll', () => {
  const listBodies = () =>
    ashby
      .requests()
      .filter((r) => r.path === '/application.list' && r.outcome === 'answered')
      .map((r) => r.body as { syncToken?: string; cursor?: string });
  const load = (file: string, pollMinutes: number) =>
    loadTrigger({
      vendor: 'ashby',
      secret: 'ashby-secret',
      file,
      apiKey: 'sandbox-ashby-key',
      connection: { baseUrl: ashby.url },
      trigger: { pollMinutes },
    });
  const ashbyKey = (applicationId: string) => `hire:${applicationId}:offer-${applicationId}`;
  const emittedIds = (t: Trigger) => t.emitted.map((m) => (m as Msg).event.id);

  test('the next poll reads only what changed, with the sync token the store keeps, and finds a hire made in between', async () => {
    for (let i = 0; i < 3; i += 1) ashbyHire(ashby, { name: `Hire ${i}`, email: `hire${i}@example.com` });
    const t = await load(`poll-${++files}.db`, 0.005);
    await until('the first three hires', () => t.emitted.length >= 3);
    assert.ok(await (await t.store()).getNodeState('poll:ashby:conn'), 'the position is kept in the store');
    const offers = ashby.requests().filter((r) => r.path === '/offer.list').length;
    const { applicationId } = ashbyHire(ashby, { name: 'Pat Lee', email: person.email });
    await until('the new hire', () => emittedIds(t).includes(ashbyKey(applicationId)));
    await polled(ashby, '/application.list', listBodies().length + 2);
    await settle();
    assert.deepEqual(
      listBodies()
        .slice(1)
        .map((b) => b.syncToken),
      listBodies()
        .slice(1)
        .map(() => '***'),
      'every poll after the first asks with the token',
    );
    assert.equal(
      ashby.requests().filter((r) => r.path === '/offer.list').length - offers,
      1,
      'only the new hire’s offer is read',
    );
    assert.equal(t.emitted.length, 4);
  });

  test('a restarted trigger continues with the stored token and emits the hire made while it was stopped, once', async () => {
    const early = ashbyHire(ashby, { name: 'Early Hire', email: 'early@example.com' }).applicationId;
    const file = `poll-${++files}.db`;
    let t = await load(file, 60);
    await until('the first hire', () => t.emitted.length === 1);
    await helper.unload();
    const { applicationId } = ashbyHire(ashby, { name: 'Pat Lee', email: person.email });
    const lists = listBodies().length;
    t = await load(file, 60);
    await until('the hire made while stopped', () => emittedIds(t).includes(ashbyKey(applicationId)));
    assert.deepEqual(
      listBodies()
        .slice(lists)
        .map((b) => b.syncToken),
      ['***'],
      'no full read after the restart',
    );
    await settle();
    const seen = t.emitted.map((m) => [(m as Msg).event.id, (m as Msg).event.via]);
    // The first hire, never marked done downstream, comes back from the journal (via restart), not from the poll.
    assert.deepEqual(
      seen.filter(([, via]) => via === 'poll'),
      [[ashbyKey(applicationId), 'poll']],
    );
    assert.deepEqual(
      seen.filter(([id]) => id === ashbyKey(early)).map(([, via]) => via),
      ['restart'],
    );
  });

  test('an expired token falls back to a full read that emits the hire made meanwhile exactly once', async () => {
    const t = await load(`poll-${++files}.db`, 0.005);
    await polled(ashby, '/application.list', 1);
    const { applicationId } = ashbyHire(ashby, { name: 'Pat Lee', email: person.email });
    ashby.expireSyncTokens();
    await until('the hire', () => t.emitted.length === 1);
    assert.equal(emittedIds(t)[0], ashbyKey(applicationId));
    const lists = listBodies().length;
    await polled(ashby, '/application.list', lists + 2);
    await settle();
    assert.equal(t.emitted.length, 1);
    assert.ok(
      listBodies().some((b, i) => i > 0 && b.syncToken === undefined),
      'a full read replaced the expired token',
    );
    assert.deepEqual(t.said('hr-ats-trigger.warn.pollFailed'), [], 'an expired token is not a failure');
  });

  test('a poll that reaches its page limit warns, and the next one continues from where it stopped to the hire beyond it', async () => {
    const longAgo = new Date(Date.now() - 30 * 24 * 3_600_000).toISOString();
    for (let i = 0; i < 5000; i += 1)
      ashby.addHire({ name: `Past ${i}`, email: `past${i}@example.com`, updatedAt: longAgo });
    const { applicationId } = ashbyHire(ashby, { name: 'Pat Lee', email: person.email });
    const t = await load(`poll-${++files}.db`, 0.005);
    await until('the page-limit warning', () => t.said('hr-ats-trigger.warn.pollCapped').length > 0);
    assert.deepEqual(t.said('hr-ats-trigger.warn.pollCapped')[0], { vendor: 'ashby' });
    await until('the hire to be emitted', () => t.emitted.length > 0);
    assert.deepEqual(
      t.emitted.map((m) => (m as Msg).event.id),
      [ashbyKey(applicationId)],
    );
    // The next poll may start before this test looks, so the order of the emulator's requests tells which
    // poll found the hire: its offer is read only after the 51st list page, the first of the second poll.
    const answered = ashby.requests().filter((r) => r.outcome === 'answered');
    const offerRead = answered.findIndex(
      (r) => r.path === '/offer.list' && (r.body as { applicationId?: string }).applicationId === applicationId,
    );
    assert.ok(offerRead >= 0, 'the hire’s offer was read');
    assert.ok(
      answered.slice(0, offerRead).filter((r) => r.path === '/application.list').length >= 51,
      'the hire is beyond the first poll’s pages',
    );
    assert.ok(listBodies()[50]?.cursor, 'the second poll starts at the first one’s cursor');
    assert.equal(listBodies()[50]?.syncToken, undefined);
  });
});
