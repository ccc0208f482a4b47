import { checkFreshness, parseEpoch, type EpochUnit } from './freshness';
import { headerValue } from './headers';
import { computeHmac, digestMatchesAny, type DigestEncoding, type HmacAlgorithm } from './hmac';
import type { InboundRequest, Refusal, VerifyOptions, VerifyResult, WebhookVendor, WebhookVerifier } from './types';
import { accept, refuse } from './verdict';

/**
 * What a delivery carries for its signature: the digests offered, the timestamp text for timestamped
 * schemes, and any other signed values read from where the vendor puts them.
 */
export interface SignedParts {
  digests: string[];
  timestamp?: string;
  fields?: Readonly<Record<string, string>>;
}

/** One vendor's HMAC signing scheme as data plus three small functions; the checking itself is shared. */
export interface HmacScheme {
  readonly algorithm: HmacAlgorithm;
  readonly encoding: DigestEncoding;
  readonly timestampUnit?: EpochUnit;
  locate(req: InboundRequest): SignedParts | Refusal;
  /** What the vendor feeds into the HMAC, in order. */
  signedContent(req: InboundRequest, parts: SignedParts): ReadonlyArray<string | Buffer>;
  /** Turns the configured secret into the HMAC key; null when it cannot be one. Default: its UTF-8 bytes. */
  key?(secret: string): Buffer | null;
}

export interface HeaderLayout {
  signatureHeader: string;
  /** The digests in the header's text, or null when the header has another shape. */
  digests(headerText: string): string[] | null;
  timestampHeader?: string;
}

/** The common case: signature (and timestamp) in headers. */
export function fromHeaders(layout: HeaderLayout): HmacScheme['locate'] {
  return (req) => {
    const text = headerValue(req.headers, layout.signatureHeader);
    if (text === undefined) return refuse('missing_signature', `no ${layout.signatureHeader} header`);
    const digests = layout.digests(text);
    if (!digests || digests.length === 0)
      return refuse('malformed_header', `${layout.signatureHeader} header is not in the vendor's format`);
    if (!layout.timestampHeader) return { digests };
    const timestamp = headerValue(req.headers, layout.timestampHeader);
    if (timestamp === undefined) return refuse('missing_signature', `no ${layout.timestampHeader} header`);
    return { digests, timestamp };
  };
}

/** `<prefix><digest>`, e.g. Ashby's `sha256=<hex>`. */
export const prefixedDigest =
  (prefix: string) =>
  (text: string): string[] | null =>
    text.startsWith(prefix) ? [text.slice(prefix.length)] : null;

/** The checks every scheme shares, in the order that names the most useful reason. */
export function verifyHmac(
  scheme: HmacScheme,
  req: InboundRequest,
  secret: string | undefined,
  options: VerifyOptions = {},
): { ok: true; timestamp?: Date } | Refusal {
  if (!secret) return refuse('missing_secret', 'no signing secret is configured');
  const key = scheme.key ? scheme.key(secret) : Buffer.from(secret, 'utf8');
  if (!key || key.length === 0)
    return refuse('missing_secret', 'the configured signing secret is not in the expected form');

  const parts = scheme.locate(req);
  if ('ok' in parts) return parts;

  let signedAt: Date | undefined;
  if (scheme.timestampUnit) {
    const parsed = parts.timestamp === undefined ? null : parseEpoch(parts.timestamp, scheme.timestampUnit);
    if (!parsed) return refuse('malformed_header', `timestamp is not an integer number of ${scheme.timestampUnit}`);
    signedAt = parsed;
  }

  const expected = computeHmac(scheme.algorithm, key, scheme.signedContent(req, parts));
  if (!digestMatchesAny(expected, parts.digests, scheme.encoding)) {
    return refuse('bad_signature', `no offered ${scheme.algorithm} signature matches the signed content`);
  }
  if (!signedAt) return { ok: true };
  return checkFreshness(signedAt, req.receivedAt, options.toleranceMs) ?? { ok: true, timestamp: signedAt };
}

/** A verifier for a vendor whose only job besides the shared checks is naming the event id. */
export function hmacVerifier(
  vendor: WebhookVendor,
  scheme: HmacScheme,
  eventId: WebhookVerifier['eventId'],
): WebhookVerifier {
  return {
    vendor,
    eventId,
    verify(req, secret, options): VerifyResult {
      const checked = verifyHmac(scheme, req, secret, options);
      return checked.ok ? accept(eventId(req), checked.timestamp) : checked;
    },
  };
}
