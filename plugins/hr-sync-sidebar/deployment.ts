/**
 * What the sidebar looks at, found in the running flows: every hr-store config node, and per store the
 * dedupe nodes, HRIS writers and health monitors that use it. Read from the deployed definitions, so a
 * node that failed to start still shows up (its endpoints then say it is not running).
 */
import type { NodeAPI, NodeDef } from 'node-red';
import type { StoreConfigNode } from '../../nodes/common/storeRef';

export interface StoreSite {
  id: string;
  name: string;
  node: StoreConfigNode;
  /** The store's own secretFields setting: golden-record paths encrypted at rest. */
  secretFields: string[];
  /** Every config node that opens this same database (flows often each bring their own); decisions go through any. */
  ids: string[];
  /** The names of the flows (tabs) whose nodes use the store. */
  flows: string[];
  dedupe: string[];
  writers: string[];
  monitors: NodeDef[];
}

export interface Deployment {
  stores: StoreSite[];
  /** Ids of the deployed data dictionaries, whose secret fields the sidebar masks as well. */
  dictionaries: string[];
}

type Def = NodeDef & { store?: unknown; secretFields?: unknown; file?: unknown; backend?: unknown; label?: unknown };

/** One SQLite file is one store, whichever config nodes open it; a PostgreSQL store's address is a credential, so each node stands alone. */
const databaseOf = (def: Def): string =>
  def.backend !== 'postgres' && typeof def.file === 'string' && def.file ? `sqlite:${def.file}` : `node:${def.id}`;

const CONSUMERS = { 'hr-dedupe': 'dedupe', 'hr-hris-writer': 'writers' } as const;

export function findDeployment(RED: NodeAPI): Deployment {
  const defs: Def[] = [];
  RED.nodes.eachNode((def) => defs.push(def as Def));
  const byDatabase = new Map<string, StoreSite>();
  /** Each store config node's id to the one site of its database. */
  const stores = new Map<string, StoreSite>();
  for (const def of defs) {
    if (def.type !== 'hr-store') continue;
    const node = RED.nodes.getNode(def.id) as StoreConfigNode | null;
    if (!node || typeof node.acquire !== 'function') continue;
    const secretFields =
      typeof def.secretFields === 'string'
        ? def.secretFields
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
    const known = byDatabase.get(databaseOf(def));
    if (known) {
      known.ids.push(def.id);
      // What any of its config nodes calls secret is masked in the one entry.
      for (const f of secretFields) if (!known.secretFields.includes(f)) known.secretFields.push(f);
      stores.set(def.id, known);
      continue;
    }
    const name = def.name || (typeof def.file === 'string' && def.file) || def.id;
    const site: StoreSite = {
      id: def.id,
      name,
      node,
      secretFields,
      ids: [def.id],
      flows: [],
      dedupe: [],
      writers: [],
      monitors: [],
    };
    byDatabase.set(databaseOf(def), site);
    stores.set(def.id, site);
  }
  const tabs = new Map(
    defs.filter((d) => d.type === 'tab').map((d) => [d.id, typeof d.label === 'string' && d.label ? d.label : d.id]),
  );
  for (const def of defs) {
    const site = typeof def.store === 'string' ? stores.get(def.store) : undefined;
    if (!site) continue;
    const flow = def.z ? tabs.get(def.z) : undefined;
    if (flow && !site.flows.includes(flow)) site.flows.push(flow);
    if (def.type === 'hr-health') site.monitors.push(def);
    else if (def.type in CONSUMERS) site[CONSUMERS[def.type as keyof typeof CONSUMERS]].push(def.id);
  }
  return {
    stores: [...byDatabase.values()].sort((a, b) => a.name.localeCompare(b.name)),
    dictionaries: defs.filter((d) => d.type === 'hr-dictionary').map((d) => d.id),
  };
}
