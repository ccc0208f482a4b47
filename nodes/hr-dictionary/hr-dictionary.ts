import type { NodeAPI, Node, NodeDef } from 'node-red';
import type { Dictionary } from '../../lib/dictionary/field';
import { dictionaryFromJson } from '../../lib/dictionary/jsonDictionary';
import { toHrError, type HrError } from '../../lib/errors';
import type { DictionaryConfigNode } from '../common/dictionaryRef';
import { registerDictionaryRoutes } from './routes';

interface DictionaryDef extends NodeDef {
  /** The dictionary as edited in the table: `{ version, fields }` (a JSON string is accepted too). */
  dictionary: unknown;
}

export = (RED: NodeAPI) => {
  function HrDictionary(this: Node, def: DictionaryDef) {
    RED.nodes.createNode(this, def);
    const self = this as DictionaryConfigNode;
    // Parsed once on deploy; every consumer gets the same result, or the same error naming the field.
    let parsed: Dictionary | HrError;
    try {
      parsed = dictionaryFromJson(def.dictionary ?? {});
    } catch (err) {
      parsed = toHrError(err, 'dictionary.invalid');
    }
    self.dictionary = () => {
      if (parsed instanceof Error) throw parsed;
      return parsed;
    };
  }

  RED.nodes.registerType('hr-dictionary', HrDictionary);
  registerDictionaryRoutes(RED);
};
