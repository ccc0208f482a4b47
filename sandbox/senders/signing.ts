import { createHmac } from 'node:crypto';

/**
 * Senders sign with node:crypto directly rather than through lib/webhooks, so a mistake in the
 * verifier's idea of a scheme cannot be mirrored by the emulated vendor and pass unnoticed.
 */
export function hmacDigest(
  algorithm: 'sha256' | 'sha1' | 'sha512',
  key: string | Buffer,
  content: string | Buffer,
  encoding: 'hex' | 'base64' = 'hex',
): string {
  return createHmac(algorithm, key).update(content).digest(encoding);
}

export interface SenderOptions {
  secret: string;
  /** The vendor's clock; set it in the past to produce a replayed delivery. */
  now?: () => Date;
}

export const clockOf = (options: SenderOptions): (() => Date) => options.now ?? (() => new Date());

export const jsonBody = (payload: unknown): Buffer => Buffer.from(JSON.stringify(payload), 'utf8');
