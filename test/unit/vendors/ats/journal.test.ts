/** Building a journalled delivery: a thin event that turns out to be a hire is journalled again under the hire's key. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { processDelivery, type ClaimHire } from '../../../../lib/vendors/ats/journal';
import { smartrecruiters } from '../../../../lib/vendors/smartrecruiters/source';
import type { Delivery } from '../../../../lib/vendors/ats';
import { smartRecruitersSender } from '../../../../sandbox/senders';
import { smartRecruitersAnswers, smartRecruitersOfferFields } from './answers';
import { deliveryOf, fakeApi, withOfferFields } from './support';

const srCtx = (answers: Record<string, unknown>) => withOfferFields(fakeApi(answers).ctx, smartRecruitersOfferFields);

function journal(claimed: Set<string>) {
  const steps: string[] = [];
  const store = {
    isTombstoned: async () => false,
    audit: async () => undefined,
    markEvent: async (_source: string, key: string, status: string) => void steps.push(`mark ${key} ${status}`),
  };
  const claim: ClaimHire = async (hire: Delivery) => {
    steps.push(`claim ${hire.key}`);
    if (claimed.has(hire.key)) return false;
    claimed.add(hire.key);
    return true;
  };
  return { store, claim, steps };
}

const statusChange = (eventId: string) =>
  deliveryOf(
    smartrecruiters,
    smartRecruitersSender({ secret: 's' }).applicationStatusUpdated({ eventId, jobId: 'job-1', candidateId: 'cand-1' }),
    eventId,
  );

test('a status change found to be a hire is emitted under the hire’s key, journalled before the notification is closed', async () => {
  const { store, claim, steps } = journal(new Set());
  const result = await processDelivery(
    smartrecruiters,
    statusChange('ev-1'),
    srCtx(smartRecruitersAnswers()),
    store as never,
    'test',
    claim,
  );
  assert.equal(result.outcome, 'emit');
  assert.equal(result.outcome === 'emit' && result.delivery.key, 'hire:job-1:cand-1');
  assert.equal(result.outcome === 'emit' && result.delivery.type, 'hire');
  assert.deepEqual(steps, ['claim hire:job-1:cand-1', 'mark application.status.updated:ev-1 done']);
});

test('a hire the poll (or an earlier notification) journalled already is a duplicate, and the notification is closed', async () => {
  const { store, claim, steps } = journal(new Set(['hire:job-1:cand-1']));
  const result = await processDelivery(
    smartrecruiters,
    statusChange('ev-2'),
    srCtx(smartRecruitersAnswers()),
    store as never,
    'test',
    claim,
  );
  assert.equal(result.outcome, 'duplicate');
  assert.deepEqual(steps, ['claim hire:job-1:cand-1', 'mark application.status.updated:ev-2 done']);
});

test('a status change to another status stays a candidate update under its event id, with nothing journalled again', async () => {
  const { store, claim, steps } = journal(new Set());
  const answers = smartRecruitersAnswers();
  (answers['GET candidates/cand-1'] as { primaryAssignment: { status: string } }).primaryAssignment.status =
    'INTERVIEW';
  const result = await processDelivery(
    smartrecruiters,
    statusChange('ev-3'),
    srCtx(answers),
    store as never,
    'test',
    claim,
  );
  assert.equal(result.outcome, 'emit');
  assert.equal(result.outcome === 'emit' && result.delivery.key, 'application.status.updated:ev-3');
  assert.equal(result.outcome === 'emit' && result.canonical.event.type, 'candidate.updated');
  assert.deepEqual(steps, []);
});
