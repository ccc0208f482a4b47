import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkr } from '../../../../lib/vendors/checkr/events';
import type { CheckEvent } from '../../../../lib/vendors/ats';
import { checkrSender } from '../../../../sandbox/senders';
import { deliveryOf, fakeApi, noApi } from './support';

const sender = checkrSender({ secret: 'checkr-key' });

test('a completed Checkr report becomes check.completed with its result, keyed by Checkr’s event id', async () => {
  const delivery = deliveryOf(
    checkr,
    sender.reportCompleted({ eventId: 'evt-1', reportId: 'rep-1', candidateId: 'cand-1', result: 'consider' }),
  );
  assert.equal(delivery.key, 'report.completed:evt-1');
  const event = (await checkr.canonical(delivery, noApi)).event as CheckEvent;
  assert.equal(event.type, 'check.completed');
  assert.deepEqual(event.check, {
    provider: 'checkr',
    candidateId: 'cand-1',
    reportId: 'rep-1',
    status: 'complete',
    result: 'consider',
    package: 'driver_pro',
  });
});

test('a report stub (include_object off) is read back from the API', async () => {
  const signed = sender.signed({
    id: 'evt-2',
    object: 'event',
    type: 'report.completed',
    created_at: '2026-11-02T10:00:00Z',
    data: { object: { id: 'rep-2', object: 'report' } },
  });
  const { ctx } = fakeApi({
    'GET reports/rep-2': {
      id: 'rep-2',
      object: 'report',
      status: 'complete',
      result: 'clear',
      candidate_id: 'cand-2',
      package: 'tasker_standard',
    },
  });
  const event = (await checkr.canonical(deliveryOf(checkr, signed), ctx)).event as CheckEvent;
  assert.equal(event.check.result, 'clear');
  assert.equal(event.occurredAt, '2026-11-02T10:00:00Z');
});

test('a Checkr report without its package names the field', async () => {
  const signed = sender.signed({
    id: 'evt-3',
    type: 'report.updated',
    data: { object: { id: 'rep-3', object: 'report', status: 'pending', candidate_id: 'c' } },
  });
  await assert.rejects(checkr.canonical(deliveryOf(checkr, signed), noApi), /package/);
});

test('Checkr events about the account are not classified', () => {
  const signed = sender.signed({
    id: 'evt-4',
    type: 'account.credentialed',
    data: { object: { id: 'acc', object: 'account' } },
  });
  assert.throws(() => deliveryOf(checkr, signed), /not classified/);
});
