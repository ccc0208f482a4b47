import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifierFor } from '../../../lib/webhooks';
import { greenhouseSender } from '../../../sandbox/senders';
import { inHeader, verifierContract } from './contract';
import { assertAccepted, assertRefused, inbound, withHeader } from './support';

const secret = 'gh-webhook-secret-7f3a';
const greenhouse = greenhouseSender({ secret });
const verifier = verifierFor('greenhouse');

verifierContract({
  verifier,
  secret,
  send: () => greenhouse.hire(),
  signature: inHeader('signature', 'sha256 '),
  expectedEventId: (signed) => signed.headers['Greenhouse-Event-ID'] ?? null,
  timestamped: false,
});

test('a hire with accented names arrives with \\u escapes and verifies over those exact bytes', () => {
  const signed = greenhouse.hire({ firstName: 'Zoë', lastName: 'Åberg', startDate: '2026-12-01' });
  const text = signed.rawBody.toString('utf8');
  assert.ok(text.includes('"first_name":"Zo\\u00eb"'));
  assert.ok(text.includes('"last_name":"\\u00c5berg"'));
  assert.ok(!text.includes('Zoë'));
  assertAccepted(verifier.verify(inbound(signed), secret));
});

test('the same hire re-serialised as plain UTF-8 JSON does not verify: only the raw bytes are signed', () => {
  const signed = greenhouse.hire({ firstName: 'Zoë', lastName: 'Åberg' });
  const reserialised = Buffer.from(JSON.stringify(JSON.parse(signed.rawBody.toString('utf8'))), 'utf8');
  assert.ok(reserialised.toString('utf8').includes('Zoë'));
  const req = { ...inbound(signed), rawBody: reserialised };
  assertRefused(verifier.verify(req, secret), 'bad_signature', secret, req);
});

test('an offer event carries its start date as MM/DD/YYYY and verifies', () => {
  const signed = greenhouse.offerCreated({ startDate: '2026-12-01' });
  assert.match(signed.rawBody.toString('utf8'), /"start_date":"12\/01\/2026"/);
  assertAccepted(verifier.verify(inbound(signed), secret));
});

test('a Signature header without the "sha256 " algorithm prefix is malformed', () => {
  const req = inbound(greenhouse.hire());
  const digest = String(req.headers['signature']).slice('sha256 '.length);
  assertRefused(verifier.verify(withHeader(req, 'signature', digest), secret), 'malformed_header', secret);
  assertRefused(verifier.verify(withHeader(req, 'signature', `sha256=${digest}`), secret), 'malformed_header', secret);
});

test('a hire without a Greenhouse-Event-ID still verifies, with no event id', () => {
  const req = withHeader(inbound(greenhouse.hire()), 'greenhouse-event-id', undefined);
  const result = verifier.verify(req, secret);
  assertAccepted(result);
  assert.equal(result.eventId, null);
});
