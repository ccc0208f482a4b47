import { headerValue } from './headers';
import { decodeDigest } from './hmac';
import { fromHeaders, hmacVerifier } from './hmacScheme';
import type { InboundRequest } from './types';
import { refuse } from './verdict';

/**
 * docs/vendors/standard-webhooks.md [official, standard-webhooks spec v1.0.0 and its JS library]: signature entries
 * `v1,<base64>` separated by spaces (other versions, e.g. ed25519 `v1a`, are skipped), signed content
 * `${webhook-id}.${webhook-timestamp}.${body}`, key = base64 after an optional `whsec_` prefix,
 * timestamps in seconds within ±5 minutes. An id may not contain "." (spec): otherwise a signature over
 * `a.1.2.x` would also vouch for id `a.1`, timestamp 2, body `x`.
 */
export const standardWebhooksProtocol = {
  idHeader: 'webhook-id',
  timestampHeader: 'webhook-timestamp',
  signatureHeader: 'webhook-signature',
  signatureVersion: 'v1,',
  secretPrefix: 'whsec_',
} as const;

const p = standardWebhooksProtocol;

const v1Digests = (text: string): string[] =>
  text
    .split(' ')
    .filter((entry) => entry.startsWith(p.signatureVersion))
    .map((entry) => entry.slice(p.signatureVersion.length));

const eventId = (req: InboundRequest) => headerValue(req.headers, p.idHeader) ?? null;

const locateSignature = fromHeaders({
  signatureHeader: p.signatureHeader,
  timestampHeader: p.timestampHeader,
  digests: v1Digests,
});

function locate(req: InboundRequest) {
  const id = eventId(req);
  if (id === null) return refuse('missing_signature', `no ${p.idHeader} header`);
  if (id.includes('.')) return refuse('malformed_header', `${p.idHeader} contains "."`);
  return locateSignature(req);
}

export const standardWebhooks = hmacVerifier(
  'standard-webhooks',
  {
    algorithm: 'sha256',
    encoding: 'base64',
    timestampUnit: 'seconds',
    locate,
    signedContent: (req, parts) => [`${eventId(req)}.${parts.timestamp}.`, req.rawBody],
    key: (secret) =>
      decodeDigest(secret.startsWith(p.secretPrefix) ? secret.slice(p.secretPrefix.length) : secret, 'base64'),
  },
  eventId,
);
