/**
 * The sidebar masks every secret field it shows, whichever dictionary declared it: the default
 * dictionary's, each deployed dictionary's, each store's encrypted fields, and the vendor record
 * fields the writer masks in its own outputs (dead letters hold vendor-shaped records).
 */
import type { NodeAPI } from 'node-red';
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import { redact } from '../../lib/http/redact';
import { SECRET_RECORD_FIELDS } from '../../lib/writer/mask';
import { secretPathsOf, type DictionaryConfigNode } from '../../nodes/shared/dictionaryRef';
import type { Deployment } from './deployment';

export type Mask = <T>(value: T) => T;

function deployedDictionaryPaths(RED: NodeAPI, ids: readonly string[]): string[] {
  return ids.flatMap((id) => {
    const node = RED.nodes.getNode(id) as DictionaryConfigNode | null;
    try {
      return node && typeof node.dictionary === 'function' ? secretPathsOf(node.dictionary()) : [];
    } catch {
      // An invalid dictionary is reported by its own node; the other paths still apply.
      return [];
    }
  });
}

export function secretPaths(RED: NodeAPI, deployment: Deployment): string[] {
  return [...new Set([
    ...secretPathsOf(defaultDictionary),
    ...deployedDictionaryPaths(RED, deployment.dictionaries),
    ...deployment.stores.flatMap((s) => s.secretFields),
    ...SECRET_RECORD_FIELDS,
  ])];
}

export const maskWith = (paths: readonly string[]): Mask => (value) => redact(value, { paths });

/** Whether a dotted field name (a golden-record or dictionary path) is one of the secret paths. */
export function isSecretField(field: string, paths: readonly string[]): boolean {
  const segments = field.replace(/\[\]/g, '').replace(/^person\./, '').split('.');
  return paths.some((p) => {
    const tail = p.split('.');
    return tail.length <= segments.length && tail.every((seg, i) => seg === segments[segments.length - tail.length + i]);
  });
}
