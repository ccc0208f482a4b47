import { createHmac } from 'node:crypto';
import { parseKey, saltedHash } from './crypto';

/** store_meta entry naming the key the identifier hashes are keyed with; absent while they are only salted. */
export const HASH_KEY_META = 'identifier_hash_key';

/** The tables that keep identifier hashes, in a column named `hash`: re-keyed together. */
export const HASHED_TABLES = ['tombstones', 'review_subjects'] as const;

/**
 * The hashes the store keeps of identifiers that name a person: a forgotten person's tombstones, and
 * the subjects of reviews (e-mail addresses, ATS ids).
 *
 * With a store key, each hash is an HMAC under a key derived from it, so someone who can read the
 * database but not the key cannot test guessed e-mail addresses against it. The per-store salt stays
 * inside (HMAC over the salted hash), which is what lets the hashes a store wrote before it had a key
 * be re-keyed in place (`rekey`) without knowing the identifiers. Without a store key they are only
 * salted, and the salt sits beside them: SECURITY.md says so.
 */
export class IdentifierHasher {
  /** Names the derived key without revealing it; stored under HASH_KEY_META once the hashes are keyed. */
  readonly keyId: string | null;
  private readonly hmacKey: Buffer | null;

  constructor(
    private readonly salt: string,
    storeKey: string | undefined,
  ) {
    this.hmacKey = storeKey
      ? createHmac('sha256', parseKey(storeKey)).update('hr-store tombstone hash key').digest()
      : null;
    this.keyId = this.hmacKey ? createHmac('sha256', this.hmacKey).update('key id').digest('hex').slice(0, 8) : null;
  }

  hash(value: string): string {
    return this.rekey(saltedHash(this.salt, value));
  }

  /** A hash written while the store had no key, as this hasher writes it now. */
  rekey(salted: string): string {
    return this.hmacKey ? createHmac('sha256', this.hmacKey).update(salted).digest('hex') : salted;
  }

  /** True when hashes written before (keyed as `storedKeyId` says) must be re-keyed before use. */
  needsRekey(storedKeyId: string | null): boolean {
    return this.keyId !== null && storedKeyId !== this.keyId;
  }
}
