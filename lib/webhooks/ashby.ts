import { bodyString } from './body';
import { fromHeaders, hmacVerifier, prefixedDigest } from './hmacScheme';

/**
 * docs/vendors/ashby.md [official, developers.ashbyhq.com/docs/authenticating-webhooks]:
 * `Ashby-Signature: sha256=<hex>` = HMAC-SHA256(secret token, raw body). No timestamp; `webhookActionId`
 * in the body is the same across retries and across the related webhooks of one event.
 */
export const ashbyProtocol = {
  signatureHeader: 'ashby-signature',
  digestPrefix: 'sha256=',
  eventIdField: 'webhookActionId',
} as const;

export const ashby = hmacVerifier(
  'ashby',
  {
    algorithm: 'sha256',
    encoding: 'hex',
    locate: fromHeaders({
      signatureHeader: ashbyProtocol.signatureHeader,
      digests: prefixedDigest(ashbyProtocol.digestPrefix),
    }),
    signedContent: (req) => [req.rawBody],
  },
  (req, parsedBody) => bodyString(req.rawBody, parsedBody, ashbyProtocol.eventIdField),
);
