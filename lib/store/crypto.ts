import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { HrError } from '../errors';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** enc:<format version>:<key id>:<base64 of iv | tag | ciphertext> */
const TOKEN = /^enc:v1:([0-9a-f]{8}):([A-Za-z0-9+/]+={0,2})$/;

/** Accepts a 32-byte key as 64 hex characters or as base64. */
export function parseKey(raw: string): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/]+={0,2}$/.test(text)
      ? Buffer.from(text, 'base64')
      : Buffer.alloc(0);
  if (key.length !== 32) {
    throw new HrError(
      'store.key_invalid',
      'The store encryption key must be 32 bytes, written as 64 hex characters or as base64 (e.g. `openssl rand -base64 32`).',
    );
  }
  return key;
}

/** Encrypts JSON values with AES-256-GCM into self-describing tokens. */
export class SecretBox {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    // The id names the key without revealing it, so a value written under another key is reported as such.
    this.keyId = sha256Hex(Buffer.concat([Buffer.from('hr-store key id\0'), key])).slice(0, 8);
  }

  static isToken(value: unknown): value is string {
    return typeof value === 'string' && TOKEN.test(value);
  }

  encrypt(value: unknown): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return `enc:${VERSION}:${this.keyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(token: string): unknown {
    const match = TOKEN.exec(token);
    if (!match) throw new HrError('store.corrupt', 'An encrypted value in the store is malformed.');
    const [, keyId, data] = match;
    if (keyId !== this.keyId) {
      throw new HrError(
        'store.key_invalid',
        `A value in the store was encrypted with key ${keyId}, but the configured key is ${this.keyId}. Configure the key the store was written with.`,
      );
    }
    const raw = Buffer.from(data ?? '', 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
      return JSON.parse(text);
    } catch (err) {
      throw new HrError(
        'store.corrupt',
        'An encrypted value in the store failed its integrity check: it was altered or truncated.',
        undefined,
        { cause: err },
      );
    }
  }
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Salted per store, so tombstone hashes match no precomputed table and no other installation's. */
export function saltedHash(salt: string, value: string): string {
  return sha256Hex(`${salt}\0${value}`);
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The key of the keyed hashes identity resolution compares instead of plain identifiers (national ids):
 * derived from the encryption key when one is configured, else from the store's own secret salt, so
 * the hashes match no other installation's and no precomputed table.
 */
export function matchingKeyOf(key: string | undefined, salt: string): Buffer {
  return createHmac('sha256', key ? parseKey(key) : Buffer.from(salt, 'hex'))
    .update('hr-store matching key')
    .digest();
}
