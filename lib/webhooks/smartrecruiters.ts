import { headerValue } from './headers';
import { fromHeaders, hmacVerifier } from './hmacScheme';
import type { HandshakeReply, InboundRequest, WebhookVerifier } from './types';

/**
 * docs/vendors/smartrecruiters.md [official, developers.smartrecruiters.com/reference/subscriptionsgeneratesecretkey-1]:
 * `smartrecruiters-signature: v1=<hex>[;v1=<hex>…]` (one per non-expired key during rotation) and
 * `smartrecruiters-timestamp: <seconds>`; v1 = HMAC-SHA256 over these parts joined by ".", a missing
 * header counting as "". [unconfirmed] whether `link` is the whole `Link` header as sent
 * (`<url>; rel=self`, assumed here) or only its URL; and that the secret is used as its UTF-8 bytes.
 * Activation handshake (sr-webhooks-client README): echo `X-Hook-Secret` with a 200.
 */
export const smartRecruitersProtocol = {
  signatureHeader: 'smartrecruiters-signature',
  timestampHeader: 'smartrecruiters-timestamp',
  signatureVersion: 'v1=',
  signatureSeparator: ';',
  signedHeaders: ['event-id', 'event-name', 'event-version', 'link'],
  eventIdHeader: 'event-id',
  handshakeHeader: 'x-hook-secret',
  handshakeReplyHeader: 'X-Hook-Secret',
} as const;

const p = smartRecruitersProtocol;

const v1Digests = (text: string): string[] =>
  text
    .split(p.signatureSeparator)
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith(p.signatureVersion))
    .map((entry) => entry.slice(p.signatureVersion.length));

/** A handshake is answered and never treated as an event; it carries nothing that could reach a flow. */
function handshake(req: InboundRequest): HandshakeReply | null {
  const secret = headerValue(req.headers, p.handshakeHeader);
  return secret === undefined ? null : { status: 200, headers: { [p.handshakeReplyHeader]: secret } };
}

export const smartrecruiters: WebhookVerifier = {
  ...hmacVerifier(
    'smartrecruiters',
    {
      algorithm: 'sha256',
      encoding: 'hex',
      timestampUnit: 'seconds',
      locate: fromHeaders({
        signatureHeader: p.signatureHeader,
        timestampHeader: p.timestampHeader,
        digests: v1Digests,
      }),
      signedContent: (req, parts) => [
        `${parts.timestamp}.`,
        req.rawBody,
        ...p.signedHeaders.map((name) => `.${headerValue(req.headers, name) ?? ''}`),
      ],
    },
    (req) => headerValue(req.headers, p.eventIdHeader) ?? null,
  ),
  handshake,
};
