import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HrError } from '../../../lib/errors';
import { verifierFor, webhookVendors, type WebhookVendor } from '../../../lib/webhooks';

test('every listed vendor has a verifier that answers to its name', () => {
  for (const vendor of webhookVendors.filter((v): v is Exclude<WebhookVendor, 'generic'> => v !== 'generic')) {
    assert.equal(verifierFor(vendor).vendor, vendor);
  }
  assert.equal(verifierFor('generic', { signatureHeader: 'x-sig' }).vendor, 'generic');
});

test('only SmartRecruiters has a subscription handshake', () => {
  const withHandshake = webhookVendors.filter((v) => v !== 'generic' && verifierFor(v).handshake);
  assert.deepEqual(withHandshake, ['smartrecruiters']);
});

test('an unknown vendor from a hand-edited flow is a clear error, not a crash later', () => {
  assert.throws(
    () => verifierFor('bamboohr' as WebhookVendor),
    (err: unknown) =>
      err instanceof HrError && err.code === 'webhooks.vendor_unknown' && err.message.includes('bamboohr'),
  );
});
