import { fromHeaders, hmacVerifier } from './hmacScheme';

/**
 * docs/vendors/workable.md [official, workable.readme.io/reference/webhooks]: `X-Workable-Signature` =
 * HMAC-SHA256 of the payload, keyed with the account token or the OAuth app secret.
 * [unconfirmed] encoding: the docs do not say; hex is assumed (§0.1, §11). Change `encoding` here if not.
 * The body is an envelope whose `id` names the event and whose `data` is the candidate at send time
 * (docs/vendors/workable.md "Webhooks"); lib/vendors/workable/source.ts reads it.
 */
export const workableProtocol = {
  signatureHeader: 'x-workable-signature',
  encoding: 'hex',
} as const;

export const workable = hmacVerifier(
  'workable',
  {
    algorithm: 'sha256',
    encoding: workableProtocol.encoding,
    locate: fromHeaders({ signatureHeader: workableProtocol.signatureHeader, digests: (text) => [text] }),
    signedContent: (req) => [req.rawBody],
  },
  () => null,
);
