import { test, afterEach, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { helper } from '../support/nodeRed';
import storeNode = require('../../nodes/hr-store/hr-store');
import type { StoreConfigNode } from '../../nodes/shared/storeRef';

const storeFlow = (file: string, keyEnv = '') => [{ id: 's', type: 'hr-store', file, secretFields: 'nationalId.value', keyEnv }] as never;

let userDir: string;
before(async () => {
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-store-node-'));
  helper.settings({ userDir });
  await helper.startServer();
});
after(async () => {
  helper.settings({});
  await helper.stopServer();
  fs.rmSync(userDir, { recursive: true, force: true });
});
afterEach(() => helper.unload());

const key = crypto.randomBytes(32).toString('hex');

test('the store opens once in the Node-RED user directory and is shared by every consumer', async () => {
  await helper.load(storeNode, storeFlow('shared.db'), { s: { encryptionKey: key } });
  const node = helper.getNode('s') as StoreConfigNode;
  const [a, b] = await Promise.all([node.acquire(), node.acquire()]);
  assert.equal(a, b);
  const guid = (await a.createPerson()).guid;
  assert.ok(fs.existsSync(path.join(userDir, 'shared.db')));
  assert.ok(await b.getPerson(guid));
});

test('the key can come from an environment variable instead of the credential', async () => {
  process.env.HR_TEST_STORE_KEY = key;
  try {
    await helper.load(storeNode, storeFlow('env.db', 'HR_TEST_STORE_KEY'));
    await assert.doesNotReject((helper.getNode('s') as StoreConfigNode).acquire());
  } finally {
    delete process.env.HR_TEST_STORE_KEY;
  }
});

test('secret fields without a key give a clear store.key_missing error, and a later acquire tries again', async () => {
  await helper.load(storeNode, storeFlow('nokey.db', 'HR_TEST_UNSET_KEY'));
  const node = helper.getNode('s') as StoreConfigNode;
  await assert.rejects(node.acquire(), (err: { code?: string }) => err.code === 'store.key_missing');
  await assert.rejects(node.acquire(), (err: { code?: string }) => err.code === 'store.key_missing');
});

test('data written before a redeploy is there after it', async () => {
  const flow = storeFlow('restart.db');
  await helper.load(storeNode, flow, { s: { encryptionKey: key } });
  const store = await (helper.getNode('s') as StoreConfigNode).acquire();
  const { inserted } = await store.recordEvent({ source: 'greenhouse', eventId: 'e-1', type: 'hire', receivedAt: new Date(), payload: { a: 1 } });
  assert.equal(inserted, true);
  await helper.unload();
  await helper.load(storeNode, flow, { s: { encryptionKey: key } });
  const again = await (helper.getNode('s') as StoreConfigNode).acquire();
  assert.equal((await again.recordEvent({ source: 'greenhouse', eventId: 'e-1', type: 'hire', receivedAt: new Date(), payload: { a: 1 } })).inserted, false);
});
