import { checkFreshness } from '../../webhooks/freshness';
import { headerValue } from '../../webhooks/headers';
import { verifyHmac, type HmacScheme } from '../../webhooks/hmacScheme';
import type { InboundRequest, VerifyOptions, VerifyResult } from '../../webhooks/types';
import { accept, refuse } from '../../webhooks/verdict';

/**
 * BambooHR's webhook signature (docs/vendors/bamboohr.md, "Changes from BambooHR"): `X-BambooHR-Signature`
 * = hex HMAC-SHA256 with the webhook's private key over the raw body followed by the
 * `X-BambooHR-Timestamp` header's text. BambooHR sends no event id, so none is named here.
 */
export const bambooWebhookHeaders = { signature: 'x-bamboohr-signature', timestamp: 'x-bamboohr-timestamp' } as const;

const scheme: HmacScheme = {
  algorithm: 'sha256',
  encoding: 'hex',
  locate: (req) => {
    const signature = headerValue(req.headers, bambooWebhookHeaders.signature);
    if (signature === undefined) return refuse('missing_signature', `no ${bambooWebhookHeaders.signature} header`);
    const timestamp = headerValue(req.headers, bambooWebhookHeaders.timestamp);
    if (timestamp === undefined) return refuse('missing_signature', `no ${bambooWebhookHeaders.timestamp} header`);
    return { digests: [signature.trim()], timestamp };
  },
  signedContent: (req, parts) => [req.rawBody, parts.timestamp ?? ''],
};

/**
 * The timestamp's form is not stated by BambooHR; examples show both Unix seconds and ISO 8601, so
 * both are read, and anything else is refused rather than let through unchecked for freshness.
 */
export function readBambooTimestamp(text: string): Date | null {
  const date = /^\d{1,12}$/.test(text)
    ? new Date(Number(text) * 1000)
    : /^\d{4}-\d{2}-\d{2}T/.test(text)
      ? new Date(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
      : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

export function verifyBambooWebhook(
  req: InboundRequest,
  secret: string | undefined,
  options: VerifyOptions = {},
): VerifyResult {
  const checked = verifyHmac(scheme, req, secret, options);
  if (!checked.ok) return checked;
  const signedAt = readBambooTimestamp(headerValue(req.headers, bambooWebhookHeaders.timestamp)!);
  if (!signedAt)
    return refuse('malformed_header', `${bambooWebhookHeaders.timestamp} is neither Unix seconds nor an ISO 8601 time`);
  return checkFreshness(signedAt, req.receivedAt, options.toleranceMs) ?? accept(null, signedAt);
}
