import { test, before, after, afterEach, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { helper, nextMessage, settle } from '../support/nodeRed';
import {
  ashbySender,
  checkrSender,
  greenhouseSender,
  hireCandidatePayload,
  leverSender,
  smartRecruitersSender,
  standardWebhooksSender,
  workableSender,
  type SignedDelivery,
} from '../../sandbox/senders';
import { hmacDigest } from '../../sandbox/senders/signing';
import { startAshby, type AshbyHandle } from '../../sandbox/ashby';
import { startLever, type LeverHandle } from '../../sandbox/lever';
import { startSmartRecruiters, type SmartRecruitersHandle } from '../../sandbox/smartrecruiters';
import { startWorkable, type WorkableHandle } from '../../sandbox/workable';
import {
  ashbyHire,
  leverHire,
  smartRecruitersHire,
  smartRecruitersOfferFields,
  workableHire,
  workableOfferFields,
} from './ats/seeds';
import { loadTrigger } from './ats/triggerFlow';

type Msg = { payload: Record<string, any>; event: Record<string, any>; vendorPayload: unknown; topic: string };

let userDir: string;
let lever: LeverHandle;
let ashby: AshbyHandle;
let workable: WorkableHandle;
let sr: SmartRecruitersHandle;
let files = 0;
const freshFile = () => `trigger-${++files}.db`;

/** Refusals are reported once per reason and window; a short window keeps the tests quick. */
const REFUSAL_WINDOW_MS = 150;

before(async () => {
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-ats-trigger-'));
  const settings = { userDir, hrAtsTriggerRefusalWindowMs: REFUSAL_WINDOW_MS };
  helper.settings(settings);
  [lever, ashby, workable, sr] = await Promise.all([
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
  await Promise.all([lever.stop(), ashby.stop(), workable.stop(), sr.stop()]);
  fs.rmSync(userDir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const emulator of [lever, ashby, workable, sr]) emulator.reset();
  await helper.unload();
});

const refusalsReported = () => settle(REFUSAL_WINDOW_MS + 100);
/** The reasons the node reported refusals for, with how many, from its aggregated warnings. */
const refusedReasons = (t: { said: (key: string) => Array<Record<string, unknown>> }) =>
  t.said('hr-ats-trigger.warn.refused').map((w) => [w.reason, w.count]);

const tenMinutesAgo = () => new Date(Date.now() - 10 * 60_000);
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** Flips one letter of the body; Lever signs only its token and time, so there the token is changed. */
function tamper(signed: SignedDelivery, vendor: string): SignedDelivery {
  const text = signed.rawBody.toString('utf8');
  const at = vendor === 'lever' ? text.indexOf('"token":"') + 9 : text.search(/[a-z]/);
  const changed = text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);
  return { ...signed, rawBody: Buffer.from(changed) };
}

interface VendorCase {
  vendor: string;
  secret: string;
  type: string;
  event: () => SignedDelivery;
  /** For vendors that sign a timestamp: the same event signed ten minutes ago. */
  stale?: () => SignedDelivery;
  /** The vendor's API emulator, for vendors whose events are read back from it, and the account's offer fields. */
  api?: () => { baseUrl: string; apiKey: string; offerFields?: Record<string, string> };
  /** Each delivery is signed with a single-use token (Lever): the same bytes again are a replay, refused with 401. */
  singleUse?: true;
}

const person = { name: 'Johnny Smith', email: 'johnny@example.com' };

const cases: VendorCase[] = [
  {
    vendor: 'greenhouse',
    secret: 'gh-secret',
    type: 'hire',
    event: () => greenhouseSender({ secret: 'gh-secret' }).hire(),
  },
  {
    vendor: 'lever',
    secret: 'lever-token',
    type: 'hire',
    event: () => leverSender({ secret: 'lever-token' }).candidateHired({ opportunityId: leverHire(lever, person) }),
    stale: () =>
      leverSender({ secret: 'lever-token', now: tenMinutesAgo }).candidateHired({
        opportunityId: leverHire(lever, person),
      }),
    api: () => ({ baseUrl: `${lever.url}/v1`, apiKey: 'sandbox-lever-key' }),
    singleUse: true,
  },
  {
    vendor: 'ashby',
    secret: 'ashby-secret',
    type: 'hire',
    event: () => ashbySender({ secret: 'ashby-secret' }).candidateHire({ ...ashbyHire(ashby, person), ...person }),
    api: () => ({ baseUrl: ashby.url, apiKey: 'sandbox-ashby-key' }),
  },
  {
    vendor: 'workable',
    secret: 'wk-token',
    type: 'hire',
    event: () => {
      const { id, jobShortcode } = workableHire(workable, {
        firstname: 'Lakita',
        lastname: 'Marrero',
        email: 'lakita@example.com',
      });
      return workableSender({ secret: 'wk-token' }).candidateMoved({ id, jobShortcode });
    },
    api: () => ({
      baseUrl: `${workable.url}/spi/v3`,
      apiKey: 'sandbox-workable-token',
      offerFields: workableOfferFields,
    }),
  },
  {
    vendor: 'smartrecruiters',
    secret: 'sr-secret',
    type: 'hire',
    event: () =>
      smartRecruitersSender({ secret: 'sr-secret' }).applicationStatusUpdated(
        smartRecruitersHire(sr, { firstName: 'Mia', lastName: 'Keller', email: 'mia@example.com' }),
      ),
    stale: () =>
      smartRecruitersSender({ secret: 'sr-secret', now: tenMinutesAgo }).applicationStatusUpdated(
        smartRecruitersHire(sr, { firstName: 'Mia', lastName: 'Keller', email: 'mia@example.com' }),
      ),
    api: () => ({ baseUrl: sr.url, apiKey: 'sandbox-smartrecruiters-key', offerFields: smartRecruitersOfferFields }),
  },
  {
    vendor: 'checkr',
    secret: 'checkr-key',
    type: 'check.completed',
    event: () => checkrSender({ secret: 'checkr-key' }).reportCompleted({ eventId: 'evt-1' }),
  },
  {
    vendor: 'standard-webhooks',
    secret: WHSEC,
    type: 'webhook',
    event: () => standardWebhooksSender({ secret: WHSEC }).message({ id: 'msg_1' }),
    stale: () => standardWebhooksSender({ secret: WHSEC, now: tenMinutesAgo }).message({ id: 'msg_2' }),
  },
];

const load = (c: VendorCase, extra: { trigger?: Record<string, unknown> } = {}) => {
  const vendorApi = c.api?.();
  return loadTrigger({
    vendor: c.vendor,
    secret: c.secret,
    file: freshFile(),
    ...(vendorApi
      ? { apiKey: vendorApi.apiKey, connection: { baseUrl: vendorApi.baseUrl, ...vendorApi.offerFields } }
      : {}),
    ...extra,
  });
};

for (const c of cases) {
  describe(c.vendor, () => {
    test('a signed event delivered three times at once is emitted once, and every delivery is acknowledged', async () => {
      const t = await load(c);
      const first = nextMessage<Msg>(t.out);
      const signed = c.event();
      const answers = await Promise.all([t.post(signed), t.post(signed), t.post(signed)]);
      const acknowledged = (status: number) => (status < 300 ? 'acknowledged' : status);
      const repeat = c.singleUse ? 401 : 'acknowledged';
      assert.deepEqual(answers.map((a) => acknowledged(a.status)).sort(), ['acknowledged', repeat, repeat].sort());
      const msg = await first;
      assert.equal(msg.payload.type, c.type);
      assert.equal(msg.event.vendor, c.vendor);
      assert.equal(msg.event.id, msg.payload.eventId);
      const again = await t.post(signed);
      assert.equal(
        acknowledged(again.status),
        repeat,
        'a later redelivery is acknowledged too, unless its token was used',
      );
      await settle();
      assert.equal(t.emitted.length, 1);
    });

    test('a delivery with one changed byte is refused with 401, warned about without the secret, and not emitted', async () => {
      const t = await load(c);
      const res = await t.post(tamper(c.event(), c.vendor));
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, { error: 'unauthorized' }, 'the caller is not told which check failed');
      await refusalsReported();
      assert.equal(t.emitted.length, 0);
      assert.equal(t.trigger.warn.lastCall?.args[0], 'hr-ats-trigger.warn.refused');
      assert.deepEqual(refusedReasons(t), [['bad_signature', 1]]);
      assert.doesNotMatch(JSON.stringify(t.said('hr-ats-trigger.warn.refused')), new RegExp(c.secret));
      assert.deepEqual(
        t.notices.map((n) => ({ ...(n.payload as object), since: undefined })),
        [{ outcome: 'refused', vendor: c.vendor, status: 401, reason: 'bad_signature', count: 1, since: undefined }],
      );
    });

    if (c.stale) {
      const stale = c.stale;
      test('a delivery signed ten minutes ago is refused with 401 as a replay', async () => {
        const t = await load(c);
        const res = await t.post(stale());
        assert.equal(res.status, 401);
        await refusalsReported();
        assert.deepEqual(refusedReasons(t), [['stale_timestamp', 1]]);
        assert.equal(t.emitted.length, 0);
      });
    }
  });
}

const greenhouse = cases[0]!;
const gh = greenhouseSender({ secret: greenhouse.secret });

test('a Greenhouse body with escaped Unicode verifies over the bytes as sent, and the name arrives intact', async () => {
  const t = await load(greenhouse);
  const received = nextMessage<Msg>(t.out);
  const signed = gh.hire({ firstName: 'Zoë', lastName: 'Ångström' });
  assert.match(signed.rawBody.toString(), /\\u00eb/);
  assert.equal((await t.post(signed)).status, 200);
  const msg = await received;
  assert.deepEqual(msg.payload.person.legalName, { first: 'Zoë', last: 'Ångström' });
  assert.equal(msg.payload.offer.startDate, '2015-01-23');
});

test('a delivery without a signature is refused with 401; the reason is logged, not told to the caller', async () => {
  const t = await load(greenhouse);
  const { Signature: _dropped, ...headers } = gh.hire().headers;
  const res = await t.post({ ...gh.hire(), headers });
  assert.equal(res.status, 401);
  assert.deepEqual(res.body, { error: 'unauthorized' });
  await refusalsReported();
  assert.deepEqual(refusedReasons(t), [['missing_signature', 1]]);
});

test('a flood of refused deliveries costs one warning, one counter write and one notice per reason and window, not one each', async () => {
  const t = await load(greenhouse);
  const { Signature: _dropped, ...headers } = gh.hire().headers;
  const unsigned = { ...gh.hire(), headers };
  const forged = tamper(gh.hire(), 'greenhouse');
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => t.post(i % 4 === 0 ? forged : unsigned)));
  assert.deepEqual([...new Set(answers.map((r) => r.status))], [401]);
  await refusalsReported();
  assert.deepEqual(refusedReasons(t).sort(), [
    ['bad_signature', 10],
    ['missing_signature', 30],
  ]);
  assert.equal(t.trigger.warn.callCount, 2);
  assert.deepEqual(
    t.notices
      .map((n) => [(n.payload as Record<string, unknown>).reason, (n.payload as Record<string, unknown>).count])
      .sort(),
    [
      ['bad_signature', 10],
      ['missing_signature', 30],
    ],
  );
  assert.equal(t.emitted.length, 0);
  const store = await t.store();
  await settle();
  assert.equal(
    await store.sumCounters('events_rejected', new Date(Date.now() - 3_600_000), { vendor: 'greenhouse' }),
    40,
  );
  assert.deepEqual(await store.pendingEvents(), []);
  assert.deepEqual(await store.auditEntries(), []);
});

test('a correctly signed body that is not JSON is refused with 400', async () => {
  const t = await load(greenhouse);
  const rawBody = Buffer.from('{"action": "hire_candidate", ');
  const res = await t.post({
    rawBody,
    headers: {
      'Content-Type': 'application/json',
      Signature: `sha256 ${hmacDigest('sha256', greenhouse.secret, rawBody)}`,
    },
  });
  assert.equal(res.status, 400);
  assert.deepEqual(res.body, { error: 'bad_request' });
  await refusalsReported();
  assert.deepEqual(refusedReasons(t), [['malformed_json', 1]]);
});

test('a Lever body that is not JSON is refused with 400 before its signature can be looked for', async () => {
  const t = await load(cases[1]!);
  const res = await t.post({ rawBody: Buffer.from('triggeredAt=1'), headers: { 'Content-Type': 'application/json' } });
  assert.equal(res.status, 400);
});

test('a body over the limit is refused with 413 and not emitted', async () => {
  const t = await load(greenhouse, { trigger: { maxBodyKb: 1 } });
  const res = await t.post(gh.hire({ lastName: 'x'.repeat(2000) }));
  assert.equal(res.status, 413);
  await settle();
  assert.equal(t.emitted.length, 0);
});

test('an event type the node does not handle is acknowledged and not emitted', async () => {
  const t = await load(greenhouse);
  const res = await t.post(gh.signed({ action: 'job_created', payload: { job: { id: 1 } } }));
  assert.equal(res.status, 200);
  await settle();
  assert.equal(t.emitted.length, 0);
});

test('a hire of a forgotten person is acknowledged, dropped and audited', async () => {
  const t = await load(greenhouse);
  const store = await t.store();
  const person = await store.createPerson({ links: [{ system: 'greenhouse', externalId: '35897443' }] });
  await store.forget(person.guid, 'test');
  const res = await t.post(gh.hire());
  assert.equal(res.status, 200);
  await settle();
  assert.equal(t.emitted.length, 0);
  assert.deepEqual(
    t.notices.map((n) => (n.payload as { outcome: string }).outcome),
    ['dropped'],
  );
  const audit = await store.auditEntries();
  assert.ok(audit.some((e) => e.action === 'event.dropped' && e.eventId === 'hire:46194062:506409'));
});

test('a hire missing a required field reaches Catch nodes naming it, is marked failed and answered 200', async () => {
  const t = await load(greenhouse);
  const payload = hireCandidatePayload() as { payload: { application: { offer: Record<string, unknown> } } };
  delete payload.payload.application.offer.starts_at;
  const caught = nextMessage<{ error: { message: string; code: string } }>(t.caught);
  assert.equal((await t.post(gh.signed(payload))).status, 200);
  const { error } = await caught;
  assert.equal(error.code, 'ats.payload_invalid');
  assert.match(error.message, /offer\.starts_at/);
  assert.equal((await (await t.store()).pendingEvents()).length, 0, 'not re-emitted at the next start');
});

describe('what a message to Catch nodes carries of the vendor body', () => {
  const unreadable = () => {
    const payload = hireCandidatePayload({ firstName: 'Zoë', email: 'zoe@example.com' }) as {
      payload: { application: { offer: Record<string, unknown> } };
    };
    delete payload.payload.application.offer.starts_at;
    return gh.signed(payload);
  };
  type Caught = {
    vendorPayload?: unknown;
    vendorSummary?: {
      payload: { application: { candidate: Record<string, unknown>; offer: Record<string, unknown> } };
    };
  };

  test('by default only the body’s fields, every value masked', async () => {
    const t = await load(greenhouse);
    const caught = nextMessage<Caught>(t.caught);
    await t.post(unreadable());
    const msg = await caught;
    assert.equal(msg.vendorPayload, undefined);
    const candidate = msg.vendorSummary!.payload.application.candidate;
    assert.equal(candidate.first_name, '[REDACTED]');
    assert.ok(!('starts_at' in msg.vendorSummary!.payload.application.offer), 'the missing field is visibly missing');
    assert.doesNotMatch(JSON.stringify(msg), /Zoë|zoe@example\.com/);
  });

  test('the whole body when the node is set to pass it on', async () => {
    const t = await load(greenhouse, { trigger: { catchPayload: 'full' } });
    const caught = nextMessage<Caught>(t.caught);
    await t.post(unreadable());
    assert.match(JSON.stringify((await caught).vendorPayload), /zoe@example\.com/);
  });
});

test('an event accepted but never finished is emitted again after a restart, and a finished one is not', async () => {
  const file = freshFile();
  const options = { vendor: 'greenhouse', secret: greenhouse.secret, file, trigger: { graceSeconds: 0.3 } };
  let t = await loadTrigger(options);
  const unfinished = nextMessage<Msg>(t.out);
  await t.post(gh.hire());
  const first = await unfinished;
  const finished = nextMessage<Msg>(t.out);
  await t.post(gh.hire({ applicationId: 5, offerId: 6, candidateId: 7 }));
  const done = await finished;
  await (await t.store()).markEvent(done.event.vendor, done.event.id, 'done');
  await helper.unload();

  t = await loadTrigger(options);
  const replayed = await nextMessage<Msg>(t.out);
  assert.equal(replayed.event.id, first.event.id);
  assert.equal(replayed.event.via, 'restart');
  assert.deepEqual(replayed.payload, first.payload);
  await settle(400);
  assert.equal(t.emitted.length, 1, 'the finished event is not emitted again');
});

test('an ATS connection still holding a retired Greenhouse Harvest v1 key loads, receives webhooks, and warns in the status and the log', async () => {
  const t = await loadTrigger({
    vendor: 'greenhouse',
    secret: 'gh-secret',
    file: freshFile(),
    apiKey: 'a-harvest-v1-key',
  });
  assert.deepEqual(t.said('hr-ats-trigger.warn.apiRetired'), [{ vendor: 'greenhouse' }]);
  assert.equal(t.said('hr-ats-trigger.status.apiRetired').length, 1);
  const res = await t.post(greenhouseSender({ secret: 'gh-secret' }).hire());
  assert.equal(res.status, 200);
  assert.equal((await nextMessage<Msg>(t.out)).payload.type, 'hire');
});

test('an ATS connection on Greenhouse OAuth does not warn', async () => {
  const t = await loadTrigger({
    vendor: 'greenhouse',
    secret: 'gh-secret',
    file: freshFile(),
    credentials: { clientId: 'id', clientSecret: 'secret' },
  });
  assert.deepEqual(t.said('hr-ats-trigger.warn.apiRetired'), []);
});

test('a Greenhouse update_candidate (a candidate, no application) is answered 200 and emitted as candidate.updated, so Greenhouse does not retry it', async () => {
  const t = await loadTrigger({ vendor: 'greenhouse', secret: 'gh-secret', file: freshFile() });
  const res = await t.post(greenhouseSender({ secret: 'gh-secret' }).updateCandidate({ candidateId: 777 }));
  assert.equal(res.status, 200);
  const msg = await nextMessage<Msg>(t.out);
  assert.deepEqual([msg.payload.type, msg.payload.candidateId], ['candidate.updated', '777']);
});
