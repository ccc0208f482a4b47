import type { NodeAPI, NodeDef } from 'node-red';
import { toHrError } from '../../lib/errors';
import type { HttpClient } from '../../lib/http';
import { buildChannels, type Channels, type HrisConnectionNode } from './channels';
import { registerConnectionTest, rememberDeployed } from '../common/connectionTest';
import { runtimeSandbox } from '../common/runtimeSandbox';
import { logSandbox } from '../common/sandboxMode';
import { withSandbox, type SandboxedConnection } from './sandbox';
import { CREDENTIALS, type ConnectionCredentials } from './settings';
import { testHrisConnection } from './testConnection';

export = (RED: NodeAPI) => {
  function HrHrisConnection(this: HrisConnectionNode, def: NodeDef) {
    RED.nodes.createNode(this, def);
    rememberDeployed(this, def);
    const credentials: ConnectionCredentials = this.credentials ?? {};
    const clients: HttpClient[] = [];
    let built: Channels | null = null;
    let resolved: SandboxedConnection | null = null;
    let failure: Error | null = null;
    try {
      resolved = withSandbox(def as unknown as Record<string, unknown>, credentials, () => runtimeSandbox(RED));
      if (resolved.parts.length > 0) logSandbox(RED, this, resolved.parts.join(', '), resolved.address ?? '');
    } catch (err) {
      failure = toHrError(err);
    }
    this.sandboxParts = resolved?.parts ?? [];

    this.channels = () => {
      if (!resolved) throw failure;
      return (built ??= buildChannels(resolved.def, resolved.credentials, clients));
    };

    this.on('close', () => {
      for (const client of clients.splice(0)) client.close();
      built = null;
    });
  }

  registerConnectionTest(RED, 'hr-hris-connection', testHrisConnection);

  RED.nodes.registerType<HrisConnectionNode, NodeDef, object, ConnectionCredentials>(
    'hr-hris-connection',
    HrHrisConnection,
    { credentials: CREDENTIALS },
  );
};
