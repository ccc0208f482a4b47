import type { SandboxHrisSystem } from '../../sandbox/connectionValues';
import type { RuntimeSandbox } from '../../sandbox/inRuntime';

/** An HRIS trigger whose connection talks to the built-in sandbox, and the key its change webhooks are signed with there. */
export interface HrisSandboxBinding {
  readonly sandbox: RuntimeSandbox;
  readonly system: SandboxHrisSystem;
  readonly webhookSecret: string;
}

/** What a running HRIS trigger that serves a change webhook shows other nodes: its path, and its sandbox binding (never a live secret). */
export interface HrisTriggerWebhook {
  readonly path: string;
  readonly system: string;
  readonly sandbox: HrisSandboxBinding | null;
}
