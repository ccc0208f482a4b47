import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SignedDelivery } from '../../../sandbox/senders';
import type { InboundRequest, WebhookVerifier } from '../../../lib/webhooks';
import { assertAccepted, assertRefused, inbound, minutes, shifted, withHeader, withOneByteChanged } from './support';

/** Where a vendor puts its signature, so the shared cases can forge, truncate or drop it. */
export interface SignaturePlace {
  set(req: InboundRequest, digestText: string): InboundRequest;
  remove(req: InboundRequest): InboundRequest;
  /** A digest of the right length for the scheme that is not the right one. */
  wrongDigest: string;
}

export const inHeader = (name: string, prefix = '', wrongDigest = '0'.repeat(64)): SignaturePlace => ({
  set: (req, digestText) => withHeader(req, name, `${prefix}${digestText}`),
  remove: (req) => withHeader(req, name, undefined),
  wrongDigest,
});

export interface VerifierCase {
  verifier: WebhookVerifier;
  secret: string;
  /** A valid secret of the same kind that is not the one the sender uses; default: `${secret}-rotated`. */
  otherSecret?: string;
  /** A representative event, signed by the emulated vendor with its clock at `at`. */
  send(at?: Date): SignedDelivery;
  signature: SignaturePlace;
  expectedEventId(signed: SignedDelivery): string | null;
  /** Changes one byte the signature covers; default: one in the middle of the body. */
  tamper?(req: InboundRequest): InboundRequest;
  timestamped: boolean;
}

/** The behaviour every verifier owes the trigger node, whatever the vendor. */
export function verifierContract(c: VerifierCase): void {
  const name = c.verifier.vendor;
  const now = new Date();

  test(`${name}: a correctly signed event verifies and names its event id`, () => {
    const signed = c.send(now);
    const result = c.verifier.verify(inbound(signed, now), c.secret);
    assertAccepted(result);
    assert.equal(result.eventId, c.expectedEventId(signed));
  });

  test(`${name}: one changed byte is refused as a bad signature`, () => {
    const req = (c.tamper ?? withOneByteChanged)(inbound(c.send(now), now));
    assertRefused(c.verifier.verify(req, c.secret), 'bad_signature', c.secret, req);
  });

  test(`${name}: a delivery signed with another secret is refused`, () => {
    const req = inbound(c.send(now), now);
    assertRefused(c.verifier.verify(req, c.otherSecret ?? `${c.secret}-rotated`), 'bad_signature', c.secret, req);
  });

  test(`${name}: a signature of the right length but the wrong value is refused`, () => {
    const req = c.signature.set(inbound(c.send(now), now), c.signature.wrongDigest);
    assertRefused(c.verifier.verify(req, c.secret), 'bad_signature', c.secret, req);
  });

  test(`${name}: a signature of another length is refused without throwing`, () => {
    for (const digest of ['abcd', 'ab'.repeat(100), 'not-a-digest!']) {
      const req = c.signature.set(inbound(c.send(now), now), digest);
      assertRefused(c.verifier.verify(req, c.secret), 'bad_signature', c.secret, req);
    }
  });

  test(`${name}: a delivery without its signature is refused as missing`, () => {
    const req = c.signature.remove(inbound(c.send(now), now));
    assertRefused(c.verifier.verify(req, c.secret), 'missing_signature', c.secret, req);
  });

  test(`${name}: without a configured secret nothing verifies`, () => {
    const req = inbound(c.send(now), now);
    assertRefused(c.verifier.verify(req, undefined), 'missing_secret', c.secret, req);
    assertRefused(c.verifier.verify(req, ''), 'missing_secret', c.secret, req);
  });

  if (!c.timestamped) return;

  test(`${name}: a replay signed more than five minutes ago is refused as stale`, () => {
    const req = inbound(c.send(shifted(now, -minutes(6))), now);
    assertRefused(c.verifier.verify(req, c.secret), 'stale_timestamp', c.secret, req);
  });

  test(`${name}: a timestamp more than five minutes in the future is refused as stale`, () => {
    const req = inbound(c.send(shifted(now, minutes(6))), now);
    assertRefused(c.verifier.verify(req, c.secret), 'stale_timestamp', c.secret, req);
  });

  test(`${name}: a delivery a few minutes old is accepted, and the tolerance is configurable`, () => {
    const req = inbound(c.send(shifted(now, -minutes(4))), now);
    assertAccepted(c.verifier.verify(req, c.secret));
    assertRefused(c.verifier.verify(req, c.secret, { toleranceMs: minutes(1) }), 'stale_timestamp', c.secret, req);
  });
}
