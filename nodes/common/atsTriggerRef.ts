import type { AtsConnectionNode } from './atsConnectionRef';

/** What a running ATS trigger shows other nodes: the path its web hook is served on and its connection. */
export interface TriggerWebhook {
  readonly path: string;
  readonly connection: AtsConnectionNode;
}
