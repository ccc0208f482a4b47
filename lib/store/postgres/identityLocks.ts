import { createHash } from 'node:crypto';

/**
 * The advisory lock id of each key: 64 bits of its SHA-256, the same in every instance. Distinct keys
 * sharing an id only serialise a little more than needed; they never let two resolutions of one person overlap.
 */
export function identityLockIds(keys: readonly string[]): bigint[] {
  return [...new Set(keys)].map((key) =>
    createHash('sha256').update(`hr-store identity\0${key}`).digest().readBigInt64BE(0),
  );
}
