import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifierFor } from '../../../lib/webhooks';
import { leverSender } from '../../../sandbox/senders';
import { verifierContract, type SignaturePlace } from './contract';
import { assertAccepted, assertRefused, inbound, withBody } from './support';

const secret = 'lever-candidateHired-signature-token';
const verifier = verifierFor('lever');
const senderAt = (at?: Date) => leverSender({ secret, ...(at ? { now: () => at } : {}) });

const inBody: SignaturePlace = {
  set: (req, digestText) => withBody(req, (body) => ({ ...body, signature: digestText })),
  remove: (req) => withBody(req, ({ signature: _dropped, ...body }) => body),
  wrongDigest: '0'.repeat(64),
};

const tokenOf = (rawBody: Buffer) => (JSON.parse(rawBody.toString('utf8')) as { token: string }).token;

verifierContract({
  verifier,
  secret,
  send: (at) => senderAt(at).candidateHired(),
  signature: inBody,
  expectedEventId: (signed) => tokenOf(signed.rawBody),
  // Lever signs token + triggeredAt, so that is where one changed byte must be caught.
  tamper: (req) => withBody(req, (body) => ({ ...body, triggeredAt: Number(body['triggeredAt']) + 1 })),
  timestamped: true,
});

test('a Lever hire is a thin event: ids only, and its signature is checked without any header', () => {
  const signed = senderAt().candidateHired({ opportunityId: 'opp-1', contactId: 'contact-1' });
  const body = JSON.parse(signed.rawBody.toString('utf8')) as Record<string, unknown>;
  assert.equal(body['event'], 'candidateHired');
  assert.deepEqual(body['data'], { opportunityId: 'opp-1', candidateId: 'contact-1', contactId: 'contact-1' });
  assertAccepted(verifier.verify(inbound(signed), secret));
});

test("Lever's signature does not cover the event data, so the trigger must fetch the opportunity itself", () => {
  const req = withBody(inbound(senderAt().candidateHired()), (body) => ({
    ...body,
    data: { opportunityId: 'someone-else' },
  }));
  assertAccepted(verifier.verify(req, secret));
});

test('a Lever body that is not JSON is malformed, not a crash', () => {
  const req = { ...inbound(senderAt().candidateHired()), rawBody: Buffer.from('token=abc&signature=def') };
  assertRefused(verifier.verify(req, secret), 'malformed_header', secret, req);
});

test('a Lever triggeredAt that is not a millisecond count is malformed', () => {
  const req = withBody(inbound(senderAt().candidateHired()), (body) => ({
    ...body,
    triggeredAt: '2026-12-01T00:00:00Z',
  }));
  assertRefused(verifier.verify(req, secret), 'malformed_header', secret, req);
});

test('the event id can be read from a body the caller has already parsed', () => {
  const signed = senderAt().candidateHired({ token: 'delivery-token-1' });
  assert.equal(verifier.eventId(inbound(signed), { token: 'delivery-token-1' }), 'delivery-token-1');
});
