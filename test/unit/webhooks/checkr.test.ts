import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifierFor } from '../../../lib/webhooks';
import { checkrSender } from '../../../sandbox/senders';
import { inHeader, verifierContract } from './contract';
import { assertAccepted, inbound } from './support';

const secret = 'checkr-secret-api-key-83be';
const checkr = checkrSender({ secret });
const verifier = verifierFor('checkr');
const eventIdOf = (rawBody: Buffer) => (JSON.parse(rawBody.toString('utf8')) as { id: string }).id;

verifierContract({
  verifier,
  secret,
  send: () => checkr.reportCompleted(),
  signature: inHeader('x-checkr-signature'),
  expectedEventId: (signed) => eventIdOf(signed.rawBody),
  timestamped: false,
});

test('a completed report verifies whether it came back clear or consider', () => {
  for (const result of ['clear', 'consider'] as const) {
    const signed = checkr.reportCompleted({ result, eventId: `evt-${result}` });
    const body = JSON.parse(signed.rawBody.toString('utf8')) as { type: string; data: { object: { result: string } } };
    assert.equal(body.type, 'report.completed');
    assert.equal(body.data.object.result, result);
    const verified = verifier.verify(inbound(signed), secret);
    assertAccepted(verified);
    assert.equal(verified.eventId, `evt-${result}`);
  }
});
