import { z } from 'zod';
import { bodyString, parseJsonBody } from './body';
import { hmacVerifier, type SignedParts } from './hmacScheme';
import type { InboundRequest, Refusal } from './types';
import { refuse } from './verdict';

/**
 * docs/vendors/lever.md, "Webhook signature" [3rd-party, consistent — no official text]: the signature
 * lives in the JSON body, `signature` = hex HMAC-SHA256(signatureToken of the event type, token +
 * triggeredAt) with no separator; the body itself is not signed. `triggeredAt` is ms since the epoch.
 * The per-delivery `token` is the key the delivery is journalled under, so a replayed token is refused
 * (lib/vendors/ats/intake.ts). Change the field names here if Lever documents otherwise.
 */
export const leverProtocol = {
  signatureField: 'signature',
  timestampField: 'triggeredAt',
  tokenField: 'token',
} as const;

const p = leverProtocol;

const SignatureFields = z.object({
  [p.tokenField]: z.string().min(1),
  [p.timestampField]: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
  [p.signatureField]: z.string().min(1),
});

/** Lever is the one scheme that must read the body before checking it: that is where its signature is. */
function locate(req: InboundRequest): SignedParts | Refusal {
  const body = parseJsonBody(req.rawBody);
  if (body === undefined)
    return refuse('malformed_header', 'the body is not JSON, so its signature fields cannot be read');
  if (typeof body !== 'object' || body === null || !(p.signatureField in body)) {
    return refuse('missing_signature', `no "${p.signatureField}" field in the body`);
  }
  const fields = SignatureFields.safeParse(body);
  if (!fields.success) {
    return refuse(
      'malformed_header',
      `body fields "${p.tokenField}", "${p.timestampField}", "${p.signatureField}" are not in Lever's format`,
    );
  }
  return {
    digests: [String(fields.data[p.signatureField])],
    timestamp: String(fields.data[p.timestampField]),
    fields: { token: String(fields.data[p.tokenField]) },
  };
}

export const lever = hmacVerifier(
  'lever',
  {
    algorithm: 'sha256',
    encoding: 'hex',
    timestampUnit: 'milliseconds',
    locate,
    signedContent: (_req, parts) => [`${parts.fields?.token ?? ''}${parts.timestamp}`],
  },
  (req, parsedBody) => bodyString(req.rawBody, parsedBody, p.tokenField),
);
