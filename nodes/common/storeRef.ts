import type { Node, NodeAPI } from 'node-red';
import type { HrStore } from '../../lib/store';
import { HrError } from '../../lib/errors';

/** What consumer nodes see of the hr-store config node. */
export interface StoreConfigNode extends Node {
  /** Opens the store on first use and shares it with every node that references this config node. */
  acquire(): Promise<HrStore>;
}

/** The store config node a consumer references, or an error that says the reference is missing. */
export function storeFrom(RED: NodeAPI, id: string | undefined): StoreConfigNode {
  const node = id ? (RED.nodes.getNode(id) as StoreConfigNode | null) : null;
  if (!node || typeof node.acquire !== 'function') {
    throw new HrError('store.not_configured', 'No HR store is selected: open the node and choose or add an HR store.');
  }
  return node;
}
