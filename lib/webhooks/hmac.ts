import { createHmac, timingSafeEqual } from 'node:crypto';

export type HmacAlgorithm = 'sha256' | 'sha1' | 'sha512';
export type DigestEncoding = 'hex' | 'base64';

/** Feeds each part in order, so a Buffer body is hashed as the exact bytes received. */
export function computeHmac(
  algorithm: HmacAlgorithm,
  key: string | Buffer,
  parts: ReadonlyArray<string | Buffer>,
): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

const encodedDigest: Record<DigestEncoding, RegExp> = {
  hex: /^(?:[0-9a-f]{2})+$/i,
  base64: /^[A-Za-z0-9+/]+={0,2}$/,
};

/** Buffer.from silently drops characters it cannot decode; a digest that is not clean text decodes to null. */
export function decodeDigest(text: string, encoding: DigestEncoding): Buffer | null {
  return encodedDigest[encoding].test(text) ? Buffer.from(text, encoding) : null;
}

/** Constant-time comparison against every offered digest (several are offered during key rotation). */
export function digestMatchesAny(expected: Buffer, offered: readonly string[], encoding: DigestEncoding): boolean {
  let matched = false;
  for (const text of offered) {
    const candidate = decodeDigest(text, encoding);
    if (candidate && candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
  }
  return matched;
}
