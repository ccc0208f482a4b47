/**
 * What the sidebar looks at, found in the running flows: every hr-store config node, and per store the
 * dedupe nodes, HRIS writers and health monitors that use it. Read from the deployed definitions, so a
 * node that failed to start still shows up (its endpoints then say it is not running).
 */
import type { NodeAPI, NodeDef } from 'node-red';
import type { StoreConfigNode } from '../../nodes/shared/storeRef';

export interface StoreSite {
  id: string;
  name: string;
  node: StoreConfigNode;
  /** The store's own secretFields setting: golden-record paths encrypted at rest. */
  secretFields: string[];
  dedupe: string[];
  writers: string[];
  monitors: NodeDef[];
}

export interface Deployment {
  stores: StoreSite[];
  /** Ids of the deployed data dictionaries, whose secret fields the sidebar masks as well. */
  dictionaries: string[];
}

type Def = NodeDef & { store?: unknown; secretFields?: unknown; file?: unknown };

const CONSUMERS = { 'hr-dedupe': 'dedupe', 'hr-hris-writer': 'writers' } as const;

export function findDeployment(RED: NodeAPI): Deployment {
  const defs: Def[] = [];
  RED.nodes.eachNode((def) => defs.push(def as Def));
  const stores = new Map<string, StoreSite>();
  for (const def of defs) {
    if (def.type !== 'hr-store') continue;
    const node = RED.nodes.getNode(def.id) as StoreConfigNode | null;
    if (!node || typeof node.acquire !== 'function') continue;
    const secretFields = typeof def.secretFields === 'string' ? def.secretFields.split(',').map((s) => s.trim()).filter(Boolean) : [];
    const name = def.name || (typeof def.file === 'string' && def.file) || def.id;
    stores.set(def.id, { id: def.id, name, node, secretFields, dedupe: [], writers: [], monitors: [] });
  }
  for (const def of defs) {
    const site = typeof def.store === 'string' ? stores.get(def.store) : undefined;
    if (!site) continue;
    if (def.type === 'hr-health') site.monitors.push(def);
    else if (def.type in CONSUMERS) site[CONSUMERS[def.type as keyof typeof CONSUMERS]].push(def.id);
  }
  return {
    stores: [...stores.values()].sort((a, b) => a.name.localeCompare(b.name)),
    dictionaries: defs.filter((d) => d.type === 'hr-dictionary').map((d) => d.id),
  };
}
