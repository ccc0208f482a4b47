import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HrError } from '../../../lib/errors';
import { verifierFor, type GenericHmacConfig } from '../../../lib/webhooks';
import { genericHmacSender, type GenericSigning } from '../../../sandbox/senders';
import { inHeader, verifierContract } from './contract';
import { assertAccepted, assertRefused, inbound } from './support';

const secret = 'generic-shared-secret-e4f0';

const timestamped: GenericSigning & GenericHmacConfig = {
  signatureHeader: 'X-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
  timestampHeader: 'X-Timestamp',
  signedContent: '{timestamp}.{body}',
};

verifierContract({
  verifier: verifierFor('generic', { ...timestamped, eventIdHeader: 'X-Timestamp' }),
  secret,
  send: (at) =>
    genericHmacSender(timestamped, { secret, ...(at ? { now: () => at } : {}) }).send({ hired: 'Zoë Åberg' }),
  signature: inHeader('x-signature', 'sha256='),
  expectedEventId: (signed) => signed.headers['X-Timestamp'] ?? null,
  timestamped: true,
});

test('a body-only sha1 signature in base64 can be described and verifies', () => {
  const signing: GenericSigning = { signatureHeader: 'X-Hub-Signature', algorithm: 'sha1', encoding: 'base64' };
  const signed = genericHmacSender(signing, { secret }).send({ id: 1 });
  const result = verifierFor('generic', signing).verify(inbound(signed), secret);
  assertAccepted(result);
  assert.equal(result.eventId, null);
});

test('a sha512 signature verifies and a sha256 one under the same settings does not', () => {
  const sha512: GenericSigning = { signatureHeader: 'X-Sig', algorithm: 'sha512', encoding: 'hex' };
  const verifier = verifierFor('generic', sha512);
  assertAccepted(verifier.verify(inbound(genericHmacSender(sha512, { secret }).send({ id: 1 })), secret));
  const req = inbound(genericHmacSender({ ...sha512, algorithm: 'sha256' }, { secret }).send({ id: 1 }));
  assertRefused(verifier.verify(req, secret), 'bad_signature', secret, req);
});

const refusedConfig = (config: GenericHmacConfig, field: RegExp) =>
  assert.throws(
    () => verifierFor('generic', config),
    (err: unknown) =>
      err instanceof HrError && err.code === 'webhooks.generic_config_invalid' && field.test(err.message),
  );

test('settings that would leave the body unsigned are refused when the node starts', () => {
  refusedConfig({ signatureHeader: 'X-Sig', signedContent: '{timestamp}', timestampHeader: 'X-Ts' }, /signedContent/);
  refusedConfig({ signatureHeader: 'X-Sig', signedContent: '{body}{body}' }, /signedContent/);
});

test('a timestamp that is checked but not signed is refused, as is a signed timestamp with no header', () => {
  refusedConfig({ signatureHeader: 'X-Sig', timestampHeader: 'X-Ts' }, /timestampHeader/);
  refusedConfig({ signatureHeader: 'X-Sig', signedContent: '{timestamp}.{body}' }, /timestampHeader/);
});

test('a misspelt placeholder is refused instead of being signed literally', () => {
  refusedConfig({ signatureHeader: 'X-Sig', signedContent: '{timestmap}.{body}' }, /signedContent/);
});

test('a generic verifier without settings is refused when the node starts', () => {
  assert.throws(
    () => verifierFor('generic'),
    (err: unknown) => err instanceof HrError && err.code === 'webhooks.generic_config_missing',
  );
});
