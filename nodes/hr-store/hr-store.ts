import path from 'node:path';
import type { NodeAPI, Node, NodeDef } from 'node-red';
import { openStore, type HrStore } from '../../lib/store';
import { toHrError } from '../../lib/errors';
import type { StoreConfigNode } from '../shared/storeRef';

/** Encrypted unless the user says otherwise: national ids, birth dates and bank details. */
const DEFAULT_SECRET_FIELDS = ['nationalId.value', 'dateOfBirth', 'bankAccount.number', 'bankAccount.routing'];

interface StoreDef extends NodeDef {
  file: string;
  secretFields: string;
  keyEnv: string;
}

interface StoreCredentials {
  encryptionKey?: string;
}

export = (RED: NodeAPI) => {
  function HrStoreNode(this: Node, def: StoreDef) {
    RED.nodes.createNode(this, def);
    const self = this as StoreConfigNode;
    const credentials = (this.credentials ?? {}) as StoreCredentials;
    const userDir = String((RED.settings as { userDir?: string }).userDir ?? process.cwd());
    const file = path.resolve(userDir, def.file || 'hr-integration.db');
    const secretFields = (def.secretFields ?? DEFAULT_SECRET_FIELDS.join(','))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    // The key comes from the credential store or an environment variable, never from the flow.
    const key = credentials.encryptionKey || (def.keyEnv ? process.env[def.keyEnv] : undefined) || undefined;
    let opening: Promise<HrStore> | null = null;

    self.acquire = () => {
      opening ??= openStore({ file, secretFields, key }).catch((err: unknown) => {
        opening = null;
        throw toHrError(err, 'store.open_failed');
      });
      return opening;
    };

    this.on('close', (_removed: boolean, done: () => void) => {
      const pending = opening;
      opening = null;
      if (!pending) return done();
      pending.then((store) => store.close()).catch(() => undefined).finally(done);
    });
  }

  RED.nodes.registerType('hr-store', HrStoreNode, {
    credentials: { encryptionKey: { type: 'password' } },
  });
};
