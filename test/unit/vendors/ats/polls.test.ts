/** The reconciliation polls page through their emulators' lists and key hires as the webhooks do. */
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpClient } from '../../../../lib/http';
import { ashby as ashbySource } from '../../../../lib/vendors/ashby/source';
import { lever as leverSource } from '../../../../lib/vendors/lever/source';
import { smartrecruiters as srSource } from '../../../../lib/vendors/smartrecruiters/source';
import { workable as workableSource } from '../../../../lib/vendors/workable/source';
import type { AtsContext, AtsSource, HireEvent, OfferFieldSettings } from '../../../../lib/vendors/ats';
import { startAshby, type AshbyHandle } from '../../../../sandbox/ashby';
import { startLever, type LeverHandle } from '../../../../sandbox/lever';
import { startSmartRecruiters, type SmartRecruitersHandle } from '../../../../sandbox/smartrecruiters';
import { startWorkable, type WorkableHandle } from '../../../../sandbox/workable';
import { smartRecruitersSender, workableSender } from '../../../../sandbox/senders';
import { deliveryOf, fakeApi } from './support';

let lever: LeverHandle;
let ashby: AshbyHandle;
let workable: WorkableHandle;
let sr: SmartRecruitersHandle;
before(
  async () =>
    void ([lever, ashby, workable, sr] = await Promise.all([
      startLever(),
      startAshby(),
      startWorkable(),
      startSmartRecruiters(),
    ])),
);
const clients: Array<{ close(): void }> = [];
after(async () => {
  for (const client of clients) client.close();
  await Promise.all([lever.stop(), ashby.stop(), workable.stop(), sr.stop()]);
});
afterEach(() => {
  for (const emulator of [lever, ashby, workable, sr]) emulator.reset();
});

function contextFor(source: AtsSource, baseUrl: string, apiKey: string, offerFields?: OfferFieldSettings): AtsContext {
  const client = createHttpClient(source.httpOptions({ baseUrl, apiKey })!);
  clients.push(client);
  return {
    send: (request) => client.request(request),
    settings: { timeZone: 'UTC', ...(offerFields ? { offerFields } : {}) },
    auth: 'apiKey',
  };
}

const hourAgo = () => new Date(Date.now() - 3_600_000);

test('the Lever poll reads every page of opportunities archived as hired, each keyed as its candidateHired webhook', async () => {
  const ids = Array.from({ length: 103 }, (_, i) =>
    lever.addOpportunity({ name: `Hire ${i}`, email: `hire${i}@example.com` }),
  );
  const { hires, capped } = await leverSource.recentHires!(
    hourAgo(),
    contextFor(leverSource, `${lever.url}/v1`, 'sandbox-lever-key'),
  );
  assert.deepEqual(hires.map((h) => h.key).sort(), ids.map((id) => `hire:${id}`).sort());
  assert.equal(capped, false);
  assert.equal(
    lever.requests().filter((r) => r.path.startsWith('/v1/opportunities?')).length,
    2,
    'two pages of at most 100',
  );
  assert.deepEqual((hires[0]!.body as { data: { opportunityId: string } }).data.opportunityId, ids[0]);
});

test('a Lever poll stopped by its page limit with hires left says it was capped; one that reads to the end does not', async () => {
  for (let i = 0; i < 100; i += 1) lever.addOpportunity({ name: `Hire ${i}`, email: `hire${i}@example.com` });
  const ctx = contextFor(leverSource, `${lever.url}/v1`, 'sandbox-lever-key');
  const exact = await leverSource.recentHires!(hourAgo(), ctx, 1);
  assert.deepEqual([exact.hires.length, exact.capped], [100, false], 'one full page and no next: not capped');
  lever.addOpportunity({ name: 'One Too Many', email: 'many@example.com' });
  const over = await leverSource.recentHires!(hourAgo(), ctx, 1);
  assert.deepEqual([over.hires.length, over.capped], [100, true]);
  assert.equal(
    lever.requests().filter((r) => r.path.startsWith('/v1/opportunities?')).length,
    2,
    'one page per poll, the second page never asked for',
  );
});

test('the Lever poll leaves out hires archived before the time asked for', async () => {
  lever.addOpportunity();
  assert.deepEqual(
    await leverSource.recentHires!(
      new Date(Date.now() + 60_000),
      contextFor(leverSource, `${lever.url}/v1`, 'sandbox-lever-key'),
    ),
    { hires: [], capped: false },
  );
});

const ashbyCtx = () => contextFor(ashbySource, ashby.url, 'sandbox-ashby-key');
const ashbyPoll = (resumeFrom: string | null, since = hourAgo()) =>
  ashbySource.resumableHires!(since, resumeFrom, ashbyCtx());
/** The application.list calls from the `from`-th on, as what their bodies carried (the token is masked in the log). */
const ashbyListBodies = (from = 0) =>
  ashby
    .requests()
    .filter((r) => r.path === '/application.list')
    .slice(from)
    .map((r) => r.body as { syncToken?: string; cursor?: string });
const offerCalls = () => ashby.requests().filter((r) => r.path === '/offer.list').length;
const keyOf = (applicationId: string) => (h: { key: string }) => h.key.startsWith(`hire:${applicationId}`);

test('the Ashby poll reads every page of hired applications, keyed by application and accepted offer as candidateHire is', async () => {
  const apps = Array.from(
    { length: 101 },
    (_, i) => ashby.addHire({ name: `Hire ${i}`, email: `hire${i}@example.com` }).applicationId,
  );
  ashby.addOffer({ id: 'declined', applicationId: apps[0]!, acceptanceStatus: 'Declined' });
  ashby.addOffer({ id: 'accepted', applicationId: apps[0]!, acceptanceStatus: 'Accepted' });
  const { hires, resumeFrom, capped } = await ashbyPoll(null);
  assert.equal(hires.length, 101);
  assert.equal(hires.find(keyOf(apps[0]!))?.key, `hire:${apps[0]}:accepted`);
  assert.equal(
    hires.find(keyOf(apps[1]!))?.key,
    `hire:${apps[1]}`,
    'no accepted offer: keyed by the application alone',
  );
  assert.equal(ashbyListBodies().length, 2);
  assert.equal(capped, false);
  assert.ok(resumeFrom, 'the last page’s sync token is handed on');
});

test('a second Ashby poll with the sync token reads only the applications changed since: a new hire and one moved to Hired', async () => {
  Array.from({ length: 150 }, (_, i) => ashby.addHire({ name: `Hire ${i}`, email: `hire${i}@example.com` }));
  const interviewing = ashby.addHire({ name: 'Ida Moved', email: 'ida@example.com', status: 'Active' }).applicationId;
  const first = await ashbyPoll(null);
  assert.equal(first.hires.length, 150);
  const [lists, offers] = [ashbyListBodies().length, offerCalls()];

  const hired = ashby.addHire({ name: 'Noa Late', email: 'noa@example.com' }).applicationId;
  ashby.setApplicationStatus(interviewing, 'Hired');
  const second = await ashbyPoll(first.resumeFrom);
  assert.deepEqual(second.hires.map((h) => h.key).sort(), [`hire:${hired}`, `hire:${interviewing}`].sort());
  assert.deepEqual(
    ashbyListBodies(lists).map((b) => b.syncToken),
    ['***'],
    'one page, asked with the token',
  );
  assert.equal(offerCalls() - offers, 2, 'offers are read for the two changed hires only');

  const third = await ashbyPoll(second.resumeFrom);
  assert.deepEqual(third.hires, [], 'nothing changed since the second');
});

test('an expired Ashby sync token costs a full read, which still finds the hire made meanwhile, once', async () => {
  ashby.addHire({
    name: 'Old Hire',
    email: 'old@example.com',
    updatedAt: new Date(Date.now() - 48 * 3_600_000).toISOString(),
  });
  const first = await ashbyPoll(null);
  assert.equal(first.hires.length, 0, 'older than the first poll looks back');
  const lists = ashbyListBodies().length;

  const hired = ashby.addHire({ name: 'Noa Late', email: 'noa@example.com' }).applicationId;
  ashby.expireSyncTokens();
  const second = await ashbyPoll(first.resumeFrom, new Date(Date.now() + 3_600_000));
  assert.deepEqual(
    second.hires.map((h) => h.key),
    [`hire:${hired}`],
    'read from where the lost token had got to, not from the later `since`',
  );
  assert.deepEqual(
    ashbyListBodies(lists).map((b) => b.syncToken),
    ['***', undefined],
    'refused with the token, then read in full',
  );
  const third = await ashbyPoll(second.resumeFrom);
  assert.deepEqual(
    ashbyListBodies(lists + 2).map((b) => b.syncToken),
    ['***'],
    'the full read’s new token is used next',
  );
  assert.deepEqual(third.hires, []);
});

test('an incremental Ashby read refused as too large on a later page drops the token, reads in full, and the next poll is incremental again', async () => {
  const first = await ashbyPoll(null);
  const lists = ashbyListBodies().length;
  const hired = Array.from(
    { length: 150 },
    (_, i) => ashby.addHire({ name: `Hire ${i}`, email: `hire${i}@example.com` }).applicationId,
  );
  ashby.limitIncrementalPages(1);
  const second = await ashbyPoll(first.resumeFrom);
  assert.deepEqual(
    second.hires.map((h) => h.key).sort(),
    hired.map((id) => `hire:${id}`).sort(),
    'every hire, each once',
  );
  const bodies = ashbyListBodies(lists);
  assert.deepEqual(
    bodies.map((b) => [b.syncToken, Boolean(b.cursor)]),
    [
      ['***', false],
      ['***', true],
      [undefined, false],
      [undefined, true],
    ],
    'refused on page 2, then read in full',
  );
  const third = await ashbyPoll(second.resumeFrom);
  assert.deepEqual(third.hires, []);
  assert.deepEqual(
    ashbyListBodies(lists + 4).map((b) => b.syncToken),
    ['***'],
    'the full read’s new token is used next',
  );
});

test('a sync token Ashby never issued, or a saved position that cannot be read, costs a full read and no failure', async () => {
  const hired = ashby.addHire().applicationId;
  for (const saved of [
    JSON.stringify({ syncToken: 'never-issued', from: hourAgo().toISOString() }),
    '{not json',
    JSON.stringify({ from: 'yesterday' }),
  ]) {
    const { hires } = await ashbyPoll(saved);
    assert.deepEqual(
      hires.map((h) => h.key),
      [`hire:${hired}`],
      saved,
    );
  }
});

test('an Ashby read longer than the page limit says so, and the next poll continues from its cursor to the hire beyond it', async () => {
  const longAgo = new Date(Date.now() - 30 * 24 * 3_600_000).toISOString();
  for (let i = 0; i < 5000; i += 1)
    ashby.addHire({ name: `Past ${i}`, email: `past${i}@example.com`, updatedAt: longAgo });
  const recent = ashby.addHire({ name: 'Noa Recent', email: 'noa@example.com' }).applicationId;
  const first = await ashbyPoll(null);
  assert.deepEqual(
    [first.capped, first.hires.length, ashbyListBodies().length],
    [true, 0, 50],
    'the recent hire is beyond page 50',
  );

  const second = await ashbyPoll(first.resumeFrom);
  assert.equal(second.capped, false);
  assert.deepEqual(
    second.hires.map((h) => h.key),
    [`hire:${recent}`],
  );
  const continued = ashbyListBodies(50);
  assert.equal(continued.length, 1, 'one more page, not a read from the start');
  assert.ok(continued[0]!.cursor);
});

test('an Ashby refusal of a fresh read fails the poll with Ashby’s reason', async () => {
  await assert.rejects(
    ashbySource.resumableHires!(
      hourAgo(),
      null,
      fakeApi({
        'POST application.list': {
          success: false,
          errors: ['missing permission'],
          errorInfo: { code: 'missing_endpoint_permission', message: 'missing permission' },
        },
      }).ctx,
    ),
    (err: Error & { code?: string }) =>
      err.code === 'ats.api_refused' && /missing permission \(missing_endpoint_permission\)/.test(err.message),
  );
});

test('a wrong API key fails the poll with the vendor’s 401', async () => {
  await assert.rejects(
    leverSource.recentHires!(hourAgo(), contextFor(leverSource, `${lever.url}/v1`, 'wrong')),
    (err: Error & { status?: number }) => err.status === 401,
  );
});

// The sandbox accounts' own offer fields (sandbox/workable.ts, sandbox/smartrecruiters.ts).
const workableCtx = () =>
  contextFor(workableSource, `${workable.url}/spi/v3`, 'sandbox-workable-token', { startDate: 'start_date' });
const srCtx = () =>
  contextFor(srSource, sr.url, 'sandbox-smartrecruiters-key', { pay: 'base_salary', payPeriod: 'pay_frequency' });
const listCalls = (emulator: { requests(): Array<{ path: string; status?: number }> }, prefix: string) =>
  emulator.requests().filter((r) => r.path.startsWith(prefix));

function workableCandidates(n: number, stage = 'Hired') {
  const jobShortcode = workable.addJob({ title: 'Groove Tester', employmentType: 'Full-time' });
  return Array.from({ length: n }, (_, i) =>
    workable.addCandidate({
      firstname: 'Hire',
      lastname: `No${i}`,
      email: `hire${i}@example.com`,
      jobShortcode,
      stage,
    }),
  );
}

test('the Workable poll reads every page of candidates in Hired, each keyed exactly as its candidate_moved webhook', async () => {
  const ids = workableCandidates(103);
  workableCandidates(2, 'Interview');
  const { hires, capped } = await workableSource.recentHires!(hourAgo(), workableCtx());
  assert.equal(capped, false);
  const webhookKeys = ids.map(
    (id) => deliveryOf(workableSource, workableSender({ secret: 's' }).candidateMoved({ id })).key,
  );
  assert.deepEqual(hires.map((h) => h.key).sort(), webhookKeys.sort());
  assert.equal(
    listCalls(workable, '/spi/v3/candidates?').length,
    2,
    'two pages of at most 100, by the paging.next link',
  );
  assert.deepEqual(hires[0]!.subjects, { candidateIds: [ids[0]], emails: ['hire0@example.com'] });
});

test('a Workable poll stopped by its page limit with a paging.next left says it was capped', async () => {
  workableCandidates(201);
  const { hires, capped } = await workableSource.recentHires!(hourAgo(), workableCtx(), 2);
  assert.deepEqual([hires.length, capped], [200, true]);
  assert.equal(listCalls(workable, '/spi/v3/candidates?').length, 2);
  assert.equal(
    (await workableSource.recentHires!(hourAgo(), workableCtx(), 3)).capped,
    false,
    'the third page is the last',
  );
});

test('the Workable poll leaves out candidates not updated since the time asked for', async () => {
  workableCandidates(1);
  assert.deepEqual(await workableSource.recentHires!(new Date(Date.now() + 60_000), workableCtx()), {
    hires: [],
    capped: false,
  });
});

test('a hire the Workable poll finds is built like the webhook’s, from the listed candidate, job and offer', async () => {
  const [id] = workableCandidates(1);
  workable.setOffer(id!, { startDate: '2026-12-01', salary: { amount: 50000, currency: 'EUR', frequency: 'year' } });
  const [found] = (await workableSource.recentHires!(hourAgo(), workableCtx())).hires;
  const hire = (await workableSource.canonical(found!, workableCtx())).event as HireEvent;
  assert.deepEqual(
    [hire.eventId, hire.person.legalName.last, hire.offer.startDate],
    [`hire:${id}`, 'No0', '2026-12-01'],
  );
  assert.deepEqual(hire.offer.compensation, { amount: '50000', currency: 'EUR', period: 'year' });
});

test('the Workable poll waits out a 429 as Workable asks and carries on', async () => {
  workableCandidates(1);
  workable.injectFault({ kind: 'throttle', path: '/spi/v3/candidates', retryAfterSeconds: 1 });
  const started = Date.now();
  assert.equal((await workableSource.recentHires!(hourAgo(), workableCtx())).hires.length, 1);
  assert.deepEqual(
    listCalls(workable, '/spi/v3/candidates?').map((r) => r.status),
    [429, 200],
  );
  assert.ok(Date.now() - started >= 900, 'the poll waited for the reset');
});

test('a Workable list answer that lost a field fails the poll naming the field', async () => {
  const [id] = workableCandidates(1);
  workable.overrideListed(id!, { job: null });
  await assert.rejects(workableSource.recentHires!(hourAgo(), workableCtx()), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'ats.payload_invalid');
    assert.match(err.message, /candidates\.0\.job/);
    return true;
  });
});

function srApplications(n: number, status: 'HIRED' | 'OFFERED' = 'HIRED') {
  const jobId = sr.addJob({ title: 'Developer', typeOfEmployment: 'Full-time' });
  return Array.from({ length: n }, (_, i) => {
    const candidateId = sr.addCandidate({ firstName: 'Hire', lastName: `No${i}`, email: `hire${i}@example.com` });
    sr.apply({ candidateId, jobId, status, ...(status === 'HIRED' ? { startsOn: '2026-12-01T00:00:00.000Z' } : {}) });
    return { jobId, candidateId };
  });
}

test('the SmartRecruiters poll reads every page of hired candidates, keyed by job and candidate', async () => {
  const hired = srApplications(103);
  srApplications(2, 'OFFERED');
  const { hires, capped } = await srSource.recentHires!(hourAgo(), srCtx());
  assert.deepEqual(hires.map((h) => h.key).sort(), hired.map((a) => `hire:${a.jobId}:${a.candidateId}`).sort());
  assert.equal(capped, false);
  const pages = listCalls(sr, '/candidates?').map((r) => new URLSearchParams(r.path.split('?')[1]));
  assert.deepEqual(
    pages.map((q) => [q.get('limit'), q.getAll('status'), q.has('offset')]),
    [
      ['100', ['HIRED'], false],
      ['100', ['HIRED'], false],
    ],
  );
  assert.deepEqual(
    pages.map((q) => q.has('pageId')),
    [false, true],
    'the first page without pageId, the next by the nextPageId it returned',
  );
});

test('a SmartRecruiters poll stopped by its page limit with a nextPageId left says it was capped', async () => {
  srApplications(101);
  const { hires, capped } = await srSource.recentHires!(hourAgo(), srCtx(), 1);
  assert.deepEqual([hires.length, capped], [100, true]);
  assert.equal((await srSource.recentHires!(hourAgo(), srCtx(), 2)).capped, false);
});

test('the SmartRecruiters poll keys a hire as the hire its status-change webhook becomes', async () => {
  const [application] = srApplications(1);
  sr.addOffer(application!.jobId, application!.candidateId, {
    properties: { base_salary: { code: 'EUR', value: 60000 }, pay_frequency: 'Yearly' },
  });
  const [found] = (await srSource.recentHires!(hourAgo(), srCtx())).hires;
  const webhook = deliveryOf(
    srSource,
    smartRecruitersSender({ secret: 's' }).applicationStatusUpdated({ eventId: 'ev-1', ...application }),
    'ev-1',
  );
  const fromWebhook = (await srSource.canonical(webhook, srCtx())).event as HireEvent;
  const fromPoll = (await srSource.canonical(found!, srCtx())).event as HireEvent;
  assert.equal(fromWebhook.eventId, found!.key);
  assert.deepEqual(fromPoll, { ...fromWebhook, occurredAt: fromPoll.occurredAt });
  assert.deepEqual(
    [fromPoll.offer.startDate, fromPoll.offer.compensation],
    ['2026-12-01', { amount: '60000', currency: 'EUR', period: 'year' }],
  );
});

test('the SmartRecruiters poll finds a hire in a candidate’s second application only, from the candidate’s details', async () => {
  const [first] = srApplications(1, 'OFFERED');
  const otherJob = sr.addJob({ title: 'Designer' });
  sr.apply({ candidateId: first!.candidateId, jobId: otherJob, status: 'HIRED' });
  const { hires } = await srSource.recentHires!(hourAgo(), srCtx());
  assert.deepEqual(
    hires.map((h) => h.key),
    [`hire:${otherJob}:${first!.candidateId}`],
  );
  assert.equal(
    sr.requests().filter((r) => r.path === `/candidates/${first!.candidateId}`).length,
    1,
    'search results carry no status for a secondary application',
  );
});

test('the SmartRecruiters poll leaves out candidates not updated since the time asked for', async () => {
  srApplications(1);
  assert.deepEqual(await srSource.recentHires!(new Date(Date.now() + 60_000), srCtx()), { hires: [], capped: false });
});

test('the SmartRecruiters poll waits out a 429 and carries on', async () => {
  srApplications(1);
  sr.injectFault({ kind: 'throttle', path: '/candidates', retryAfterSeconds: 1 });
  assert.equal((await srSource.recentHires!(hourAgo(), srCtx())).hires.length, 1);
  assert.deepEqual(
    listCalls(sr, '/candidates?').map((r) => r.status),
    [429, 200],
  );
});

test('a SmartRecruiters list answer without an application’s job fails the poll naming the field', async () => {
  const [application] = srApplications(1);
  sr.overrideListed(application!.candidateId, { primaryAssignment: { status: 'HIRED' } });
  await assert.rejects(srSource.recentHires!(hourAgo(), srCtx()), /content\.0\.primaryAssignment\.job/);
});

test('a wrong Workable token or SmartRecruiters key fails the poll with the vendor’s 401', async () => {
  const is401 = (err: Error & { status?: number }) => err.status === 401;
  await assert.rejects(
    workableSource.recentHires!(hourAgo(), contextFor(workableSource, `${workable.url}/spi/v3`, 'wrong')),
    is401,
  );
  await assert.rejects(srSource.recentHires!(hourAgo(), contextFor(srSource, sr.url, 'wrong')), is401);
});
