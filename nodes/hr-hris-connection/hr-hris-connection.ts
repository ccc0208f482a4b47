import type { NodeAPI, NodeDef } from 'node-red';
import type { HttpClient } from '../../lib/http';
import { buildChannels, type Channels, type HrisConnectionNode } from './channels';
import { registerConnectionTest, rememberDeployed } from '../shared/connectionTest';
import { CREDENTIALS, type ConnectionCredentials } from './settings';
import { testHrisConnection } from './testConnection';

export = (RED: NodeAPI) => {
  function HrHrisConnection(this: HrisConnectionNode, def: NodeDef) {
    RED.nodes.createNode(this, def);
    rememberDeployed(this, def);
    const credentials: ConnectionCredentials = this.credentials ?? {};
    const clients: HttpClient[] = [];
    let built: Channels | null = null;

    this.channels = () => (built ??= buildChannels(def, credentials, clients));

    this.on('close', () => {
      for (const client of clients.splice(0)) client.close();
      built = null;
    });
  }

  registerConnectionTest(RED, 'hr-hris-connection', testHrisConnection);

  RED.nodes.registerType<HrisConnectionNode, NodeDef, object, ConnectionCredentials>('hr-hris-connection', HrHrisConnection, { credentials: CREDENTIALS });
};
