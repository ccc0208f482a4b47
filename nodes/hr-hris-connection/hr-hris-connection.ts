import type { NodeAPI, NodeDef } from 'node-red';
import type { HttpClient } from '../../lib/http';
import { buildChannels, type Channels, type HrisConnectionNode } from './channels';
import { CREDENTIALS, type ConnectionCredentials } from './settings';

export = (RED: NodeAPI) => {
  function HrHrisConnection(this: HrisConnectionNode, def: NodeDef) {
    RED.nodes.createNode(this, def);
    const credentials: ConnectionCredentials = this.credentials ?? {};
    const clients: HttpClient[] = [];
    let built: Channels | null = null;

    this.channels = () => (built ??= buildChannels(def, credentials, clients));

    this.on('close', () => {
      for (const client of clients.splice(0)) client.close();
      built = null;
    });
  }

  RED.nodes.registerType<HrisConnectionNode, NodeDef, object, ConnectionCredentials>('hr-hris-connection', HrHrisConnection, { credentials: CREDENTIALS });
};
