/** Workable and SmartRecruiters deliveries in their documented shapes, through a real trigger, completed from the emulators. */
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { helper, nextMessage, settle } from '../support/nodeRed';
import { smartRecruitersSender, workableSender } from '../../sandbox/senders';
import { startSmartRecruiters, type SmartRecruitersHandle } from '../../sandbox/smartrecruiters';
import { startWorkable, type WorkableHandle } from '../../sandbox/workable';
import { smartRecruitersHire, smartRecruitersOfferFields, workableHire, workableOfferFields } from './ats/seeds';
import { loadTrigger } from './ats/triggerFlow';

type Msg = { payload: Record<string, any>; event: Record<string, any>; vendorPayload: unknown };

let userDir: string;
let workable: WorkableHandle;
let sr: SmartRecruitersHandle;
let files = 0;

before(async () => {
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-ats-thin-'));
  helper.settings({ userDir });
  [workable, sr] = await Promise.all([startWorkable(), startSmartRecruiters()]);
  await helper.startServer();
});
after(async () => {
  helper.settings({});
  await helper.stopServer();
  await Promise.all([workable.stop(), sr.stop()]);
  fs.rmSync(userDir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const emulator of [workable, sr]) emulator.reset();
  await helper.unload();
});

const loadWorkable = (offerFields: Record<string, string> = workableOfferFields) =>
  loadTrigger({
    vendor: 'workable',
    secret: 'wk-token',
    file: `thin-${++files}.db`,
    apiKey: 'sandbox-workable-token',
    connection: { baseUrl: `${workable.url}/spi/v3`, ...offerFields },
  });

test('a signed Workable candidate_moved envelope into Hired becomes one canonical hire, completed from the job and the offer', async () => {
  const t = await loadWorkable();
  const { id, jobShortcode } = workableHire(workable, {
    firstname: 'Lakita',
    lastname: 'Marrero',
    email: 'lakita@example.com',
  });
  const emitted = nextMessage<Msg>(t.out);
  const envelope = workableSender({ secret: 'wk-token' }).candidateMoved({ id, jobShortcode, eventId: 'evt-1' });
  assert.deepEqual(
    (await Promise.all([t.post(envelope), t.post(envelope)])).map((r) => r.status),
    [200, 200],
  );
  const msg = await emitted;
  assert.deepEqual([msg.payload.type, msg.event.id], ['hire', `hire:${id}`]);
  assert.deepEqual(msg.payload.person.legalName, { first: 'Lakita', last: 'Marrero' });
  assert.deepEqual(msg.payload.offer.compensation, { amount: '50000', currency: 'EUR', period: 'year' });
  assert.deepEqual(
    [msg.payload.offer.startDate, msg.payload.offer.employmentType, msg.payload.offer.location],
    ['2026-12-01', 'full_time', 'Athens, Greece'],
  );
  await settle();
  assert.equal(t.emitted.length, 1);
});

test('a Workable salary with no frequency and no declared period reaches the flow with its period unknown, not yearly', async () => {
  const t = await loadWorkable();
  const { id, jobShortcode } = workableHire(workable, {
    firstname: 'Lakita',
    lastname: 'Marrero',
    email: 'lakita@example.com',
  });
  workable.setOffer(id, { startDate: '2026-12-01', salary: { amount: 4200, currency: 'EUR' } });
  const emitted = nextMessage<Msg>(t.out);
  assert.equal((await t.post(workableSender({ secret: 'wk-token' }).candidateMoved({ id, jobShortcode }))).status, 200);
  assert.deepEqual((await emitted).payload.offer.compensation, { amount: '4200', currency: 'EUR' });
});

test('a Workable hire in an account whose start-date variable is not set is not emitted, and the error names the setting', async () => {
  const t = await loadWorkable({});
  const { id, jobShortcode } = workableHire(workable, {
    firstname: 'Lakita',
    lastname: 'Marrero',
    email: 'lakita@example.com',
  });
  const caught = nextMessage<{ error: { message: string; code: string } }>(t.caught);
  assert.equal((await t.post(workableSender({ secret: 'wk-token' }).candidateMoved({ id, jobShortcode }))).status, 200);
  const { error } = await caught;
  assert.equal(error.code, 'ats.offer_field_unset');
  assert.match(error.message, /start date/);
  assert.equal(t.emitted.length, 0);
});

test('a signed SmartRecruiters status notification for a HIRED application becomes one canonical hire from the candidate, job and offer properties', async () => {
  const t = await loadTrigger({
    vendor: 'smartrecruiters',
    secret: 'sr-secret',
    file: `thin-${++files}.db`,
    apiKey: 'sandbox-smartrecruiters-key',
    connection: { baseUrl: sr.url, ...smartRecruitersOfferFields },
  });
  const application = smartRecruitersHire(sr, { firstName: 'Mia', lastName: 'Keller', email: 'mia@example.com' });
  const emitted = nextMessage<Msg>(t.out);
  const notification = smartRecruitersSender({ secret: 'sr-secret' }).applicationStatusUpdated({
    ...application,
    eventId: 'ev-1',
  });
  assert.deepEqual(
    (await Promise.all([t.post(notification), t.post(notification)])).map((r) => r.status),
    [202, 202],
  );
  const msg = await emitted;
  assert.deepEqual([msg.payload.type, msg.event.id], ['hire', `hire:${application.jobId}:${application.candidateId}`]);
  assert.deepEqual(msg.payload.person.legalName, { first: 'Mia', last: 'Keller' });
  assert.deepEqual(msg.payload.offer.compensation, { amount: '60000', currency: 'EUR', period: 'year' });
  assert.deepEqual(
    [msg.payload.offer.startDate, msg.payload.offer.employmentType, msg.payload.job.department.name],
    ['2026-12-01', 'full_time', 'Engineering'],
  );
  await settle();
  assert.equal(t.emitted.length, 1);
  assert.equal(
    sr.requests().filter((r) => /\/status$/.test(r.path)).length,
    0,
    'no call to a status route SmartRecruiters does not serve',
  );
});
