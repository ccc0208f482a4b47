import { bodyString } from './body';
import { fromHeaders, hmacVerifier } from './hmacScheme';

/**
 * docs/vendors/checkr.md: `X-Checkr-Signature` = hex HMAC-SHA256 of the raw body. The key is the secret API
 * key for direct customers [3rd-party, consistent] or the OAuth client secret for partner apps [official];
 * the user configures whichever applies. No timestamp; the event `id` in the body is the idempotency key (docs/vendors/checkr.md).
 */
export const checkrProtocol = {
  signatureHeader: 'x-checkr-signature',
  eventIdField: 'id',
} as const;

export const checkr = hmacVerifier(
  'checkr',
  {
    algorithm: 'sha256',
    encoding: 'hex',
    locate: fromHeaders({ signatureHeader: checkrProtocol.signatureHeader, digests: (text) => [text] }),
    signedContent: (req) => [req.rawBody],
  },
  (req, parsedBody) => bodyString(req.rawBody, parsedBody, checkrProtocol.eventIdField),
);
