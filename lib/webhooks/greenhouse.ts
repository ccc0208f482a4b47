import { headerValue } from './headers';
import { fromHeaders, hmacVerifier, prefixedDigest } from './hmacScheme';

/**
 * docs/vendors/greenhouse.md [official, grnhse/greenhouse-api-docs webhooks/_introduction.md]:
 * `Signature: sha256 <hex>` (algorithm, a space, the digest) = HMAC-SHA256(secret, entire raw body).
 * Greenhouse escapes Unicode (`\u00e9`, `\u003c`) before signing, so only the bytes as received verify.
 * `Greenhouse-Event-ID` is "a unique id associated with this delivery".
 */
export const greenhouseProtocol = {
  signatureHeader: 'signature',
  digestPrefix: 'sha256 ',
  eventIdHeader: 'greenhouse-event-id',
} as const;

export const greenhouse = hmacVerifier(
  'greenhouse',
  {
    algorithm: 'sha256',
    encoding: 'hex',
    locate: fromHeaders({
      signatureHeader: greenhouseProtocol.signatureHeader,
      digests: prefixedDigest(greenhouseProtocol.digestPrefix),
    }),
    signedContent: (req) => [req.rawBody],
  },
  (req) => headerValue(req.headers, greenhouseProtocol.eventIdHeader) ?? null,
);
