import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import { redact } from '../../lib/http/redact';
import { secretPathsOf } from '../shared/dictionaryRef';

const SECRET_PATHS = secretPathsOf(defaultDictionary);

/** A copy fit for a message, the editor or a reviewer: the data dictionary's secret fields masked. */
export const maskSecrets = <T>(value: T): T => redact(value, { paths: SECRET_PATHS });
