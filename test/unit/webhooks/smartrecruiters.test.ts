import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifierFor } from '../../../lib/webhooks';
import { smartRecruitersSender } from '../../../sandbox/senders';
import { inHeader, verifierContract } from './contract';
import { assertAccepted, assertRefused, inbound, withHeader } from './support';

const secret = 'sr-subscription-secret-key-0c4d';
const verifier = verifierFor('smartrecruiters');
const senderAt = (at?: Date) => smartRecruitersSender({ secret, ...(at ? { now: () => at } : {}) });

verifierContract({
  verifier,
  secret,
  send: (at) => senderAt(at).applicationStatusUpdated(),
  signature: inHeader('smartrecruiters-signature', 'v1='),
  expectedEventId: (signed) => signed.headers['event-id'] ?? null,
  timestamped: true,
});

test('the subscription handshake is answered by echoing X-Hook-Secret, and is not an event', () => {
  const req = inbound(senderAt().handshake('hook-secret-123'));
  assert.deepEqual(verifier.handshake?.(req), { status: 200, headers: { 'X-Hook-Secret': 'hook-secret-123' } });
});

test('an ordinary notification is not mistaken for a handshake', () => {
  assert.equal(verifier.handshake?.(inbound(senderAt().applicationStatusUpdated())), null);
});

test('the event headers are signed too: a notification relabelled as another event is refused', () => {
  const req = inbound(senderAt().applicationStatusUpdated());
  for (const [name, value] of [
    ['event-name', 'candidate.deleted'],
    ['event-id', 'another-id'],
    ['event-version', 'v1'],
    ['link', '<https://evil.example>; rel=self'],
  ]) {
    assertRefused(verifier.verify(withHeader(req, name as string, value), secret), 'bad_signature', secret, req);
  }
});

test('during key rotation one matching v1 signature among several is enough', () => {
  const req = inbound(senderAt().applicationStatusUpdated());
  const rotated = withHeader(
    req,
    'smartrecruiters-signature',
    `v1=${'0'.repeat(64)};${String(req.headers['smartrecruiters-signature'])}`,
  );
  assertAccepted(verifier.verify(rotated, secret));
});

test('a notification without its timestamp header is refused as missing', () => {
  const req = withHeader(inbound(senderAt().applicationStatusUpdated()), 'smartrecruiters-timestamp', undefined);
  assertRefused(verifier.verify(req, secret), 'missing_signature', secret, req);
});

test('a signature header with no v1 entry is malformed', () => {
  const req = withHeader(
    inbound(senderAt().applicationStatusUpdated()),
    'smartrecruiters-signature',
    `v2=${'0'.repeat(64)}`,
  );
  assertRefused(verifier.verify(req, secret), 'malformed_header', secret, req);
});
