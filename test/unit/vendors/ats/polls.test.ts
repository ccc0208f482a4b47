/** The Lever and Ashby reconciliation polls page through their emulators' lists and key hires as the webhooks do. */
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpClient } from '../../../../lib/http';
import { ashby as ashbySource } from '../../../../lib/vendors/ats/ashby';
import { lever as leverSource } from '../../../../lib/vendors/ats/lever';
import type { AtsContext, AtsSource } from '../../../../lib/vendors/ats';
import { startAshby, type AshbyHandle } from '../../../../sandbox/ashby';
import { startLever, type LeverHandle } from '../../../../sandbox/lever';

let lever: LeverHandle;
let ashby: AshbyHandle;
before(async () => void ([lever, ashby] = await Promise.all([startLever(), startAshby()])));
const clients: Array<{ close(): void }> = [];
after(async () => {
  for (const client of clients) client.close();
  await Promise.all([lever.stop(), ashby.stop()]);
});
afterEach(() => {
  lever.reset();
  ashby.reset();
});

function contextFor(source: AtsSource, baseUrl: string, apiKey: string): AtsContext {
  const client = createHttpClient(source.httpOptions({ baseUrl, apiKey })!);
  clients.push(client);
  return { send: (request) => client.request(request), settings: { timeZone: 'UTC' }, auth: 'apiKey' };
}

const hourAgo = () => new Date(Date.now() - 3_600_000);

test('the Lever poll reads every page of opportunities archived as hired, each keyed as its candidateHired webhook', async () => {
  const ids = Array.from({ length: 103 }, (_, i) => lever.addOpportunity({ name: `Hire ${i}`, email: `hire${i}@example.com` }));
  const hires = await leverSource.recentHires!(hourAgo(), contextFor(leverSource, `${lever.url}/v1`, 'sandbox-lever-key'));
  assert.deepEqual(hires.map((h) => h.key).sort(), ids.map((id) => `hire:${id}`).sort());
  assert.equal(lever.requests().filter((r) => r.path.startsWith('/v1/opportunities?')).length, 2, 'two pages of at most 100');
  assert.deepEqual((hires[0]!.body as { data: { opportunityId: string } }).data.opportunityId, ids[0]);
});

test('the Lever poll leaves out hires archived before the time asked for', async () => {
  lever.addOpportunity();
  assert.deepEqual(await leverSource.recentHires!(new Date(Date.now() + 60_000), contextFor(leverSource, `${lever.url}/v1`, 'sandbox-lever-key')), []);
});

test('the Ashby poll reads every page of hired applications, keyed by application and accepted offer as candidateHire is', async () => {
  const apps = Array.from({ length: 101 }, (_, i) => ashby.addHire({ name: `Hire ${i}`, email: `hire${i}@example.com` }).applicationId);
  ashby.addOffer({ id: 'declined', applicationId: apps[0]!, acceptanceStatus: 'Declined' });
  ashby.addOffer({ id: 'accepted', applicationId: apps[0]!, acceptanceStatus: 'Accepted' });
  const hires = await ashbySource.recentHires!(hourAgo(), contextFor(ashbySource, ashby.url, 'sandbox-ashby-key'));
  assert.equal(hires.length, 101);
  assert.equal(hires.find((h) => h.key.startsWith(`hire:${apps[0]}`))?.key, `hire:${apps[0]}:accepted`);
  assert.equal(hires.find((h) => h.key.startsWith(`hire:${apps[1]}`))?.key, `hire:${apps[1]}`, 'no accepted offer: keyed by the application alone');
  assert.equal(ashby.requests().filter((r) => r.path === '/application.list').length, 2);
});

test('a wrong API key fails the poll with the vendor’s 401', async () => {
  await assert.rejects(leverSource.recentHires!(hourAgo(), contextFor(leverSource, `${lever.url}/v1`, 'wrong')), (err: Error & { status?: number }) => err.status === 401);
});
