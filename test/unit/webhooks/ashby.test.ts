import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifierFor } from '../../../lib/webhooks';
import { ashbySender } from '../../../sandbox/senders';
import { inHeader, verifierContract } from './contract';
import { assertAccepted, assertRefused, inbound, withHeader } from './support';

const secret = 'ashby-secret-token-91c2';
const ashby = ashbySender({ secret });
const verifier = verifierFor('ashby');
const actionIdOf = (rawBody: Buffer) =>
  (JSON.parse(rawBody.toString('utf8')) as { webhookActionId: string }).webhookActionId;

verifierContract({
  verifier,
  secret,
  send: () => ashby.candidateHire(),
  signature: inHeader('ashby-signature', 'sha256='),
  expectedEventId: (signed) => actionIdOf(signed.rawBody),
  timestamped: false,
});

test('an application submitted and a candidate hired both verify', () => {
  for (const signed of [ashby.applicationSubmit({ name: 'Zoë Åberg' }), ashby.candidateHire({ name: 'Zoë Åberg' })]) {
    assertAccepted(verifier.verify(inbound(signed), secret));
  }
});

test('the webhooks Ashby sends for one hire share one event id', () => {
  const webhookActionId = 'e1b2c3d4-0000-4000-8000-000000000001';
  const hire = verifier.verify(inbound(ashby.candidateHire({ webhookActionId })), secret);
  const related = verifier.verify(inbound(ashby.applicationSubmit({ webhookActionId })), secret);
  assertAccepted(hire);
  assertAccepted(related);
  assert.equal(hire.eventId, webhookActionId);
  assert.equal(related.eventId, webhookActionId);
});

test('an Ashby-Signature without the "sha256=" prefix is malformed', () => {
  const req = inbound(ashby.candidateHire());
  const digest = String(req.headers['ashby-signature']).slice('sha256='.length);
  assertRefused(verifier.verify(withHeader(req, 'ashby-signature', digest), secret), 'malformed_header', secret, req);
});
