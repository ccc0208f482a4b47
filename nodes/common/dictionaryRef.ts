import type { Node, NodeAPI } from 'node-red';
import type { Dictionary } from '../../lib/dictionary/field';
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import { SecretPolicy } from '../../lib/privacy/policy';
import { HrError } from '../../lib/errors';

/** What consumer nodes see of the hr-dictionary config node. */
export interface DictionaryConfigNode extends Node {
  /** The dictionary parsed on deploy, or the `dictionary.invalid` error naming each bad field. */
  dictionary(): Dictionary;
}

/**
 * The dictionary a consumer node uses: the selected hr-dictionary's, or the default hire-to-HRIS
 * dictionary when none is selected. Throws when the selected one is missing or invalid, so the
 * consumer can refuse to start with that error.
 */
export function dictionaryFrom(RED: NodeAPI, id: string | undefined): Dictionary {
  if (!id) return defaultDictionary;
  const node = RED.nodes.getNode(id) as DictionaryConfigNode | null;
  if (!node || typeof node.dictionary !== 'function') {
    throw new HrError(
      'dictionary.not_configured',
      'The selected data dictionary is not deployed: open the node and choose or add a data dictionary.',
    );
  }
  return node.dictionary();
}

/** The secret policy of the dictionary a node is configured with (lib/privacy); throws as dictionaryFrom does. */
export const policyFrom = (RED: NodeAPI, id: string | undefined): SecretPolicy =>
  SecretPolicy.of(dictionaryFrom(RED, id));
