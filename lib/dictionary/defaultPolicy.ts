import { SecretPolicy } from '../privacy/policy';
import { defaultDictionary } from './defaultDictionary';

/** The policy of the default hire-to-HRIS dictionary, for a node configured with no dictionary of its own. */
export const defaultPolicy = SecretPolicy.of(defaultDictionary);
