/** Loads a store, an ATS connection and a trigger under the test helper, and posts signed deliveries to it. */
import type { Node, NodeAPI } from 'node-red';
import supertest from 'supertest';
import { helper, collect } from '../../support/nodeRed';
import storeNode = require('../../../nodes/hr-store/hr-store');
import connectionNode = require('../../../nodes/hr-ats-connection/hr-ats-connection');
import triggerNode = require('../../../nodes/hr-ats-trigger/hr-ats-trigger');
import type { StoreConfigNode } from '../../../nodes/common/storeRef';
import type { SignedDelivery } from '../../../sandbox/senders';

let RED: NodeAPI;
/** What the node said through RED._, with the values it filled in: the helper's RED._ answers the key alone. */
let said: Array<{ key: string; params?: Record<string, unknown> }> = [];
const capture = (red: NodeAPI) => {
  RED = red;
  red._ = ((key: string, params?: Record<string, unknown>) => (said.push({ key, params }), key)) as NodeAPI['_'];
  return triggerNode(red);
};

export interface TriggerOptions {
  vendor: string;
  secret: string;
  /** The store file, relative to the helper's userDir: one per test, so journals do not mix. */
  file: string;
  connection?: Record<string, unknown>;
  trigger?: Record<string, unknown>;
  apiKey?: string;
  /** Other API credentials of the connection, e.g. Greenhouse's OAuth client id and secret. */
  credentials?: Record<string, string>;
}

export type Spied = Node & {
  warn: { lastCall: { args: unknown[] } | null; callCount: number };
  status: { lastCall: { args: [{ text: string }] } };
};

export async function loadTrigger(options: TriggerOptions) {
  const flow = [
    { id: 'store', type: 'hr-store', file: options.file, secretFields: '', keyEnv: '' },
    {
      id: 'conn',
      type: 'hr-ats-connection',
      vendor: options.vendor,
      defaultCountry: 'US',
      timeZone: 'UTC',
      ...options.connection,
    },
    {
      id: 'trigger',
      type: 'hr-ats-trigger',
      connection: 'conn',
      store: 'store',
      path: '',
      maxBodyKb: 1024,
      pollMinutes: 0,
      graceSeconds: 0,
      ...options.trigger,
      wires: [['out'], ['notices']],
    },
    { id: 'out', type: 'helper' },
    { id: 'notices', type: 'helper' },
    { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
  said = [];
  const credentials = {
    conn: {
      webhookSecret: options.secret,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...options.credentials,
    },
  };
  await helper.load([storeNode, connectionNode, capture] as never, flow as never, credentials);
  const out = helper.getNode('out');
  const path = String(options.trigger?.path || `/hr/${options.vendor}`);
  return {
    out,
    emitted: collect(out),
    notices: collect(helper.getNode('notices')),
    caught: helper.getNode('caught'),
    trigger: helper.getNode('trigger') as Spied,
    /** The values of every message the node built with this key, oldest first. */
    said: (key: string) => said.filter((s) => s.key === key).map((s) => s.params ?? {}),
    store: () => (helper.getNode('store') as StoreConfigNode).acquire(),
    // A string, because superagent would JSON-encode a Buffer; the bytes are UTF-8 either way.
    post: (signed: SignedDelivery) =>
      supertest(RED.httpNode).post(path).set(signed.headers).send(signed.rawBody.toString('utf8')),
  };
}
