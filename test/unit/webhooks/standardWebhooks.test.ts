import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifierFor } from '../../../lib/webhooks';
import { standardWebhooksSender } from '../../../sandbox/senders';
import { inHeader, verifierContract } from './contract';
import { assertAccepted, assertRefused, inbound, withHeader } from './support';
import { vendorJson } from '../../support/vendorFixtures';

const secret = vendorJson<{ secret: string }>('standard-webhooks', 'test-vector.json').secret;
const verifier = verifierFor('standard-webhooks');
const senderAt = (at?: Date) => standardWebhooksSender({ secret, ...(at ? { now: () => at } : {}) });

verifierContract({
  verifier,
  secret,
  otherSecret: `whsec_${Buffer.from('another endpoint secret!').toString('base64')}`,
  send: (at) => senderAt(at).message(),
  signature: inHeader('webhook-signature', 'v1,', `${'A'.repeat(43)}=`),
  expectedEventId: (signed) => signed.headers['webhook-id'] ?? null,
  timestamped: true,
});

// The vector every Standard Webhooks library signs to (test/fixtures/vendors/standard-webhooks).
const published = vendorJson<{ secret: string; id: string; timestamp: number; payload: string; signature: string }>(
  'standard-webhooks',
  'test-vector.json',
);
const vector = {
  rawBody: Buffer.from(published.payload),
  headers: {
    'webhook-id': published.id,
    'webhook-timestamp': String(published.timestamp),
    'webhook-signature': published.signature,
  },
  receivedAt: new Date(published.timestamp * 1000),
};

test("the specification's published test vector verifies", () => {
  const result = verifier.verify(vector, secret);
  assertAccepted(result);
  assert.equal(result.eventId, 'msg_p5jXN8AQM9LWM0D4loKWxJek');
  assert.deepEqual(result.timestamp, new Date(1614265330 * 1000));
});

test('the published vector, received much later, is a replay', () => {
  assertRefused(verifier.verify({ ...vector, receivedAt: new Date() }, secret), 'stale_timestamp', secret);
});

test('a secret pasted without its whsec_ prefix works the same', () => {
  assertAccepted(verifier.verify(vector, secret.slice('whsec_'.length)));
});

test('during key rotation one matching v1 entry in the list is enough, and v1a entries are skipped', () => {
  const signature = `v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg== v1,${'A'.repeat(43)}= ${vector.headers['webhook-signature']}`;
  assertAccepted(verifier.verify(withHeader(vector, 'webhook-signature', signature), secret));
});

test('a signature list with only asymmetric v1a entries is malformed for an HMAC secret', () => {
  const req = withHeader(
    vector,
    'webhook-signature',
    'v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==',
  );
  assertRefused(verifier.verify(req, secret), 'malformed_header', secret, req);
});

test('a message without webhook-id or webhook-timestamp is refused as missing', () => {
  assertRefused(verifier.verify(withHeader(vector, 'webhook-id', undefined), secret), 'missing_signature', secret);
  assertRefused(
    verifier.verify(withHeader(vector, 'webhook-timestamp', undefined), secret),
    'missing_signature',
    secret,
  );
});

test('an id containing "." is malformed, so the signed content cannot be read two ways', () => {
  assertRefused(verifier.verify(withHeader(vector, 'webhook-id', 'msg.1'), secret), 'malformed_header', secret);
});

test('a timestamp that is not whole seconds is malformed', () => {
  assertRefused(
    verifier.verify(withHeader(vector, 'webhook-timestamp', '1614265330.5'), secret),
    'malformed_header',
    secret,
  );
});

test('a secret that is not base64 is reported as a configuration problem', () => {
  assertRefused(verifier.verify(vector, 'whsec_not base64!'), 'missing_secret', 'whsec_not base64!');
});

test('a message from the sandbox sender verifies end to end', () => {
  assertAccepted(verifier.verify(inbound(senderAt().message({ type: 'employee.hired' })), secret));
});
