import type { Node, NodeAPI } from 'node-red';
import type { Dictionary } from '../../lib/dictionary/field';
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import { secretFields } from '../../lib/dictionary/sensitivity';
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
    throw new HrError('dictionary.not_configured', 'The selected data dictionary is not deployed: open the node and choose or add a data dictionary.');
  }
  return node.dictionary();
}

/**
 * The secret fields as paths for lib/http/redact. redact() matches a path wherever it ends in a value
 * and sees through lists, so `person.emails[].address` becomes `emails.address` and the leading
 * `person.` goes: the path then covers a canonical hire and a stored golden record alike.
 */
export function secretPathsOf(dictionary: Dictionary): string[] {
  const paths = secretFields(dictionary).map((field) => field.name.replace(/\[\]/g, '').replace(/^person\./, ''));
  return [...new Set(paths)];
}
