import type { SignedDelivery } from './delivery';
import { clockOf, hmacDigest, jsonBody, type SenderOptions } from './signing';

/** How some system without a module of its own signs; mirrors the generic verifier's settings. */
export interface GenericSigning {
  signatureHeader: string;
  algorithm: 'sha256' | 'sha1' | 'sha512';
  encoding: 'hex' | 'base64';
  prefix?: string;
  timestampHeader?: string;
  /** `{timestamp}` and `{body}` are filled in; default `{body}`. */
  signedContent?: string;
}

export function genericHmacSender(signing: GenericSigning, options: SenderOptions) {
  const now = clockOf(options);
  return {
    send: (payload: unknown): SignedDelivery => {
      const rawBody = jsonBody(payload);
      const timestamp = String(Math.floor(now().getTime() / 1000));
      const [before = '', after = ''] = (signing.signedContent ?? '{body}')
        .replaceAll('{timestamp}', timestamp)
        .split('{body}');
      const content = Buffer.concat([Buffer.from(before), rawBody, Buffer.from(after)]);
      const digest = hmacDigest(signing.algorithm, options.secret, content, signing.encoding);
      return {
        rawBody,
        headers: {
          'Content-Type': 'application/json',
          [signing.signatureHeader]: `${signing.prefix ?? ''}${digest}`,
          ...(signing.timestampHeader ? { [signing.timestampHeader]: timestamp } : {}),
        },
      };
    },
  };
}
