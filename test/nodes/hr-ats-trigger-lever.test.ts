/**
 * Lever signs only a delivery's token and time, not its body: a captured delivery replayed, with its own
 * body or another, is refused and journals nothing, and what a body claims is emitted only once the
 * Lever API confirms it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HrStore, NewEvent } from '../../lib/store';
import { leverSender, type SignedDelivery } from '../../sandbox/senders';
import { settle } from '../support/nodeRed';
import { leverHire } from './ats/seeds';
import { useLeverRuntime } from './ats/leverRuntime';
import { loadTrigger } from './ats/triggerFlow';

type Msg = { event: { id: string }; payload: { type: string; candidateId?: string } };
type Trigger = Awaited<ReturnType<typeof loadTrigger>>;

const runtime = useLeverRuntime('lever');

const sender = leverSender({ secret: 'lever-token' });
const load = () =>
  loadTrigger({
    vendor: 'lever',
    secret: 'lever-token',
    file: runtime.db(),
    apiKey: 'sandbox-lever-key',
    connection: { baseUrl: `${runtime.lever().url}/v1` },
  });

/** Every event id the store journals (inserts) from now on. */
async function journalled(t: Trigger): Promise<string[]> {
  const store = (await t.store()) as HrStore;
  const ids: string[] = [];
  const recordEvents = store.recordEvents.bind(store);
  store.recordEvents = async (events: readonly NewEvent[]) => {
    const answers = await recordEvents(events);
    answers.forEach((a, i) => a.inserted && ids.push(events[i]!.eventId));
    return answers;
  };
  return ids;
}

/** The same token, time and signature with a body of the attacker's choosing. */
function withData(signed: SignedDelivery, data: Record<string, unknown>, event?: string): SignedDelivery {
  const body = JSON.parse(signed.rawBody.toString('utf8')) as Record<string, unknown>;
  return { ...signed, rawBody: Buffer.from(JSON.stringify({ ...body, ...(event ? { event } : {}), data })) };
}

const caughtCodes = (t: Trigger) => {
  const codes: string[] = [];
  t.caught.on('input', (msg: unknown) => void codes.push(String((msg as { error?: { code?: string } }).error?.code)));
  return codes;
};

test('a replayed Lever delivery, with its own body or another, is refused with 401 and neither journalled nor emitted', async () => {
  const hired = leverHire(runtime.lever(), { name: 'Ana Silva', email: 'ana@example.com' });
  const other = leverHire(runtime.lever(), { name: 'Bo Chen', email: 'bo@example.com' });
  const t = await load();
  const original = sender.candidateHired({ opportunityId: hired });
  assert.equal((await t.post(original)).status, 200);
  await settle(300);
  const ids = await journalled(t);

  const again = await t.post(original);
  assert.equal(again.status, 401);
  assert.equal(again.body.error, 'unauthorized', 'a refusal does not tell the caller why');
  const forged = await t.post(withData(original, { opportunityId: other, contactId: 'x', candidateId: 'x' }));
  assert.equal(forged.status, 401);
  const forgedDeletion = await t.post(
    withData(original, { contactId: 'victim', candidateId: 'victim' }, 'candidateDeleted'),
  );
  assert.equal(forgedDeletion.status, 401);

  await settle(300);
  assert.deepEqual(ids, [], 'nothing of the replays was journalled');
  assert.deepEqual(
    t.emitted.map((m) => (m as Msg).event.id),
    [`hire:${hired}`],
    'only the original hire was emitted',
  );
});

test('two Lever retries of one hire, each with its own token, emit it once', async () => {
  const hired = leverHire(runtime.lever(), { name: 'Ana Silva', email: 'ana@example.com' });
  const t = await load();
  assert.equal((await t.post(sender.candidateHired({ opportunityId: hired }))).status, 200);
  assert.equal((await t.post(sender.candidateHired({ opportunityId: hired }))).status, 200);
  await settle(500);
  assert.deepEqual(
    t.emitted.map((m) => (m as Msg).event.id),
    [`hire:${hired}`],
  );
});

test('a candidateHired naming an opportunity Lever does not report as hired emits nothing', async () => {
  const opportunityId = leverHire(runtime.lever(), { name: 'Ana Silva', email: 'ana@example.com' });
  runtime.lever().unarchive(opportunityId);
  const t = await load();
  const codes = caughtCodes(t);
  assert.equal((await t.post(sender.candidateHired({ opportunityId }))).status, 200);
  await settle(500);
  assert.deepEqual(t.emitted, []);
  assert.deepEqual(codes, ['ats.unconfirmed']);
});

test('a deletion of a candidate Lever still has is not emitted; once Lever has deleted them, it is', async () => {
  const opportunityId = leverHire(runtime.lever(), { name: 'Ana Silva', email: 'ana@example.com' });
  const contactId = runtime.lever().contactOf(opportunityId);
  const t = await load();
  const codes = caughtCodes(t);
  assert.equal((await t.post(sender.candidateDeleted({ contactId }))).status, 200);
  await settle(500);
  assert.deepEqual(t.emitted, [], 'the live candidate was not reported deleted');
  assert.deepEqual(codes, ['ats.unconfirmed']);

  runtime.lever().deleteContact(contactId);
  assert.equal((await t.post(sender.candidateDeleted({ contactId }))).status, 200);
  await settle(500);
  assert.deepEqual(
    t.emitted.map((m) => (m as Msg).payload.type),
    ['candidate.deleted'],
  );
  assert.equal((t.emitted[0] as Msg).payload.candidateId, contactId);
});
