import { z } from 'zod';
import { HrError } from '../errors';
import { describeIssues } from '../zodIssues';
import { headerValue } from './headers';
import { fromHeaders, hmacVerifier, prefixedDigest, type HmacScheme } from './hmacScheme';
import type { WebhookVerifier } from './types';

const TOKEN = /(\{body\}|\{timestamp\})/;

/**
 * A sender we have no module for, described by the user. The template names what is signed:
 * `{body}` (the raw bytes, exactly once) and `{timestamp}` (the timestamp header's text).
 */
export const genericHmacConfig = z
  .object({
    signatureHeader: z
      .string()
      .min(1)
      .transform((name) => name.toLowerCase()),
    algorithm: z.enum(['sha256', 'sha1', 'sha512']).default('sha256'),
    encoding: z.enum(['hex', 'base64']).default('hex'),
    prefix: z.string().default(''),
    timestampHeader: z
      .string()
      .min(1)
      .transform((name) => name.toLowerCase())
      .optional(),
    timestampUnit: z.enum(['seconds', 'milliseconds']).default('seconds'),
    signedContent: z.string().default('{body}'),
    eventIdHeader: z
      .string()
      .min(1)
      .transform((name) => name.toLowerCase())
      .optional(),
  })
  .refine((c) => c.signedContent.split('{body}').length === 2, {
    path: ['signedContent'],
    message: 'must contain {body} exactly once, or the body would go unsigned',
  })
  .refine((c) => !/\{(?!body\}|timestamp\})[^}]*\}/.test(c.signedContent), {
    path: ['signedContent'],
    message: 'only {body} and {timestamp} can be filled in',
  })
  // A timestamp outside the signed content could be rewritten by anyone, so checking it would prove nothing.
  .refine((c) => c.signedContent.includes('{timestamp}') === (c.timestampHeader !== undefined), {
    path: ['timestampHeader'],
    message: 'a timestamp header and {timestamp} in the signed content go together',
  });

export type GenericHmacConfig = z.input<typeof genericHmacConfig>;

/** Builds the verifier once per node (on deploy); a bad description is refused here, not per request. */
export function genericHmac(input: GenericHmacConfig): WebhookVerifier {
  const parsed = genericHmacConfig.safeParse(input);
  if (!parsed.success) {
    throw new HrError(
      'webhooks.generic_config_invalid',
      `The signature settings are not usable: ${describeIssues(parsed.error)}`,
    );
  }
  const config = parsed.data;
  const template = config.signedContent.split(TOKEN).filter((segment) => segment !== '');
  const scheme: HmacScheme = {
    algorithm: config.algorithm,
    encoding: config.encoding,
    ...(config.timestampHeader ? { timestampUnit: config.timestampUnit } : {}),
    locate: fromHeaders({
      signatureHeader: config.signatureHeader,
      digests: prefixedDigest(config.prefix),
      ...(config.timestampHeader ? { timestampHeader: config.timestampHeader } : {}),
    }),
    signedContent: (req, parts) =>
      template.map((segment) =>
        segment === '{body}' ? req.rawBody : segment === '{timestamp}' ? (parts.timestamp ?? '') : segment,
      ),
  };
  const eventIdHeader = config.eventIdHeader;
  return hmacVerifier('generic', scheme, (req) =>
    eventIdHeader ? (headerValue(req.headers, eventIdHeader) ?? null) : null,
  );
}
