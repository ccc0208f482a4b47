import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifierFor } from '../../../lib/webhooks';
import { workableSender } from '../../../sandbox/senders';
import { inHeader, verifierContract } from './contract';
import { assertAccepted, inbound } from './support';

const secret = 'workable-account-token-55aa';
const workable = workableSender({ secret });
const verifier = verifierFor('workable');

verifierContract({
  verifier,
  secret,
  send: () => workable.candidateMoved(),
  signature: inHeader('x-workable-signature'),
  expectedEventId: () => null,
  timestamped: false,
});

test('a candidate moved to Hired verifies and carries, in its envelope, the candidate as it is now', () => {
  const signed = workable.candidateMoved({ firstName: 'Zoë', lastName: 'Åberg', stage: 'Hired' });
  const body = JSON.parse(signed.rawBody.toString('utf8')) as { event_type: string; data: Record<string, unknown> };
  assert.equal(body.event_type, 'candidate_moved');
  assert.equal(body.data['stage'], 'Hired');
  assert.equal(body.data['name'], 'Zoë Åberg');
  assertAccepted(verifier.verify(inbound(signed), secret));
});
