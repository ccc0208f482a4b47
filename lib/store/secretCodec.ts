import { HrError } from '../errors';
import { SecretBox, parseKey } from './crypto';
import { mapSecretPaths, mapStrings } from './secretPaths';

import { MASK } from '../mask';

export { MASK };
const KEY_CHECK = 'hr-store key check';

/**
 * How values are written to and read from the store's text columns:
 * - records whose shape the store knows (golden record, provenance) have their secret paths encrypted;
 * - open payloads (events, outbox, reviews) are encrypted whole when a key is configured, because a
 *   secret's path inside a vendor payload is unknowable here;
 * - audit before/after get their secret paths masked, never encrypted, so the log stays readable.
 */
export class SecretCodec {
  constructor(
    private readonly box: SecretBox | null,
    private readonly secretPaths: readonly string[],
  ) {}

  encodeRecord(record: unknown): string {
    const box = this.box;
    return JSON.stringify(box ? mapSecretPaths(record, this.secretPaths, (v) => box.encrypt(v)) : record);
  }

  /** A provenance value is the record value at `field`, so it is secret where that path is. */
  encodeField(field: string, value: unknown): string {
    const box = this.box;
    if (!box) return JSON.stringify(value);
    const wrapped = mapSecretPaths({ [field]: value }, this.secretPaths, (v) => box.encrypt(v)) as Record<
      string,
      unknown
    >;
    return JSON.stringify(wrapped[field]);
  }

  encodePayload(value: unknown): string {
    return this.box ? this.box.encrypt(value ?? null) : JSON.stringify(value ?? null);
  }

  /** Decrypts any token, wherever it sits, so values stay readable after secretFields changes. */
  decode(text: string): unknown {
    if (SecretBox.isToken(text)) return this.open(text);
    return mapStrings(JSON.parse(text), (s) => (SecretBox.isToken(s) ? this.open(s) : s));
  }

  /** Reads what encodePayload wrote, without looking for tokens inside it. */
  decodePayload(text: string): unknown {
    return SecretBox.isToken(text) ? this.open(text) : JSON.parse(text);
  }

  mask(value: unknown): unknown {
    return mapSecretPaths(value, this.secretPaths, () => MASK);
  }

  private open(token: string): unknown {
    if (!this.box)
      throw new HrError('store.key_missing', 'The store holds encrypted values but no encryption key is configured.');
    return this.box.decrypt(token);
  }
}

/**
 * Builds the codec and checks the key against the check value stored when the store was first
 * given a key, so a wrong key fails at open instead of on the first secret read.
 * Returns the check value to store when there was none.
 */
export function prepareCodec(
  options: { secretFields?: string[]; key?: string; file: string },
  storedCheck: string | null,
): { codec: SecretCodec; newCheck: string | null } {
  const secretFields = options.secretFields ?? [];
  if (!options.key) {
    if (secretFields.length > 0) {
      throw new HrError(
        'store.key_missing',
        `The store ${options.file} encrypts the secret fields ${secretFields.join(', ')}, but no encryption key was given. Set the key in the store's credentials or its environment variable.`,
        { file: options.file },
      );
    }
    if (storedCheck) {
      throw new HrError(
        'store.key_missing',
        `The store ${options.file} holds encrypted values, but no encryption key was given. Configure the key it was written with.`,
        { file: options.file },
      );
    }
    return { codec: new SecretCodec(null, secretFields), newCheck: null };
  }
  const box = new SecretBox(parseKey(options.key));
  if (!storedCheck) return { codec: new SecretCodec(box, secretFields), newCheck: box.encrypt(KEY_CHECK) };
  let matches: boolean;
  try {
    matches = box.decrypt(storedCheck) === KEY_CHECK;
  } catch {
    matches = false;
  }
  if (!matches) {
    throw new HrError(
      'store.key_invalid',
      `The encryption key does not match the key the store ${options.file} was written with. Configure the original key; a new key cannot read the existing secret fields.`,
      { file: options.file },
    );
  }
  return { codec: new SecretCodec(box, secretFields), newCheck: null };
}
