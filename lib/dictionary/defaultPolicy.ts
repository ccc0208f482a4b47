import { SecretPolicy } from '../privacy/policy';
import { defaultDictionary } from './defaultDictionary';
import { recordPath } from './field';

/** The policy of the default hire-to-HRIS dictionary, for a node configured with no dictionary of its own. */
export const defaultPolicy = SecretPolicy.of(defaultDictionary);

/**
 * A policy's secret fields as the store's golden record holds them (`nationalId`, `dateOfBirth`), for
 * the store to encrypt at rest; a part is left out when its whole is listed, since the whole is encrypted.
 */
export function storedSecretPaths(policy: SecretPolicy): string[] {
  const paths = [...new Set(policy.secretFields.map((name) => recordPath(name.replace(/\[\]/g, ''))))];
  return paths.filter((path) => !paths.some((whole) => path.startsWith(`${whole}.`))).sort();
}
