import type { Node, NodeAPI } from 'node-red';
import { HrError } from '../../lib/errors';
import type { AtsContext, AtsSource, AtsVendor } from '../../lib/vendors/ats';
import type { IntakeConnection } from '../../lib/vendors/ats/intake';
import type { SandboxAtsVendor } from '../../sandbox/connectionValues';
import type { RuntimeSandbox } from '../../sandbox/inRuntime';

/** A connection in sandbox mode: the built-in emulators, and the secret its web hooks are signed with. */
export interface SandboxBinding {
  readonly sandbox: RuntimeSandbox;
  readonly vendor: SandboxAtsVendor;
  readonly webhookSecret: string;
}

/** What consumer nodes see of an hr-ats-connection: never its secrets, only functions that use them. */
export interface AtsConnectionNode extends Node {
  readonly vendor: AtsVendor;
  readonly source: AtsSource;
  /** Why the connection cannot be used (e.g. generic signature settings that make no sense), or null. */
  readonly configError: HrError | null;
  /** The connection holds credentials for an API its vendor has retired (a Greenhouse Harvest v1 key). */
  readonly apiRetired: boolean;
  /** Set while the connection talks to the built-in sandbox (its address is an unset `${NAME}`), else null. */
  readonly sandbox: SandboxBinding | null;
  /** Signature check, handshake and event id, with the webhook secret closed over. */
  readonly intake: IntakeConnection;
  /** API access for thin events and the poll; the HTTP client is only built on first use. */
  atsContext(): AtsContext;
}

export function connectionFrom(RED: NodeAPI, id: string | undefined): AtsConnectionNode {
  const node = id ? (RED.nodes.getNode(id) as AtsConnectionNode | null) : null;
  if (!node || typeof node.atsContext !== 'function' || !node.intake) {
    throw new HrError('ats.not_configured', 'No ATS connection is selected: open the node and choose or add one.');
  }
  return node;
}
