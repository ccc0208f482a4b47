/**
 * The sidebar shows what the secret policy (lib/privacy) lets its viewer see, over every dictionary
 * it may be showing data of: the default dictionary, each deployed one, and each store's encrypted
 * fields. Secret fields are always masked; personal fields only to a viewer without the
 * `hr-sync.personal` permission.
 */
import type { NodeAPI } from 'node-red';
import type { Dictionary } from '../../lib/dictionary/field';
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import { SecretPolicy } from '../../lib/privacy/policy';
import type { DictionaryConfigNode } from '../../nodes/common/dictionaryRef';
import type { Deployment } from './deployment';

/** A masked copy of a value; `echoesOf` is the record whose hidden values a text may repeat. */
export type Mask = <T>(value: T, echoesOf?: unknown) => T;

function deployedDictionaries(RED: NodeAPI, ids: readonly string[]): Dictionary[] {
  return ids.flatMap((id) => {
    const node = RED.nodes.getNode(id) as DictionaryConfigNode | null;
    try {
      return node && typeof node.dictionary === 'function' ? [node.dictionary()] : [];
    } catch {
      // An invalid dictionary is reported by its own node; the others still apply.
      return [];
    }
  });
}

export function sidebarPolicy(RED: NodeAPI, deployment: Deployment): SecretPolicy {
  return SecretPolicy.of(
    [defaultDictionary, ...deployedDictionaries(RED, deployment.dictionaries)],
    deployment.stores.flatMap((s) => s.secretFields),
  );
}

/** What one viewer may see: `personal` when they hold hr-sync.personal. */
export interface Viewer {
  personal: boolean;
  mask: Mask;
  /** Whether a field's values are hidden from this viewer (a conflict's values sit under no field name). */
  hides(field: string): boolean;
}

export function viewerOf(policy: SecretPolicy, personal: boolean): Viewer {
  return {
    personal,
    mask: (value, echoesOf) => policy.mask(value, { hidePersonal: !personal, echoesOf }),
    hides: (field) => policy.isSecretField(field) || (!personal && policy.isPersonalField(field)),
  };
}
