import { describe, test, afterEach, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import Module from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { helper } from '../support/nodeRed';
import storeNode = require('../../nodes/hr-store/hr-store');
import type { StoreConfigNode } from '../../nodes/common/storeRef';
import { startTestPostgres, type TestPostgres } from '../support/postgres';

const storeFlow = (file: string, keyEnv = '') =>
  [{ id: 's', type: 'hr-store', file, secretFields: 'nationalId.value', keyEnv }] as never;

let userDir: string;
before(async () => {
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-store-node-'));
  // The journal is pruned every 100 ms instead of every hour.
  const settings = { userDir, hrStorePruneEveryMs: 100 };
  helper.settings(settings);
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

describe('the journal of webhook events', () => {
  const DAY = 24 * 3600 * 1000;
  /** Finished events received so many days ago, and one never finished from long ago. */
  async function fillJournal(store: Awaited<ReturnType<StoreConfigNode['acquire']>>) {
    const event = (id: string, daysAgo: number) => ({
      eventId: id,
      source: 'greenhouse',
      type: 'hire',
      receivedAt: new Date(Date.now() - daysAgo * DAY),
      payload: {},
    });
    for (const [id, days] of [
      ['d40', 40],
      ['d20', 20],
      ['d5', 5],
    ] as const) {
      await store.recordEvent(event(id, days));
      await store.markEvent('greenhouse', id, 'done');
    }
    await store.recordEvent(event('open60', 60));
    return async () => {
      const stillKnown: string[] = [];
      for (const [id, days] of [
        ['d40', 40],
        ['d20', 20],
        ['d5', 5],
        ['open60', 60],
      ] as const) {
        if (!(await store.recordEvent(event(id, days))).inserted) stillKnown.push(id);
      }
      return stillKnown;
    };
  }

  test('finished events older than the retention the user set are deleted on a schedule; younger and unfinished ones stay', async () => {
    await helper.load(storeNode, [
      { id: 's', type: 'hr-store', file: 'prune-10.db', secretFields: '', keyEnv: '', journalDays: '10' },
    ] as never);
    const store = await (helper.getNode('s') as StoreConfigNode).acquire();
    const known = await fillJournal(store);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await known(), ['d5', 'open60']);
  });

  test('by default finished events are kept 30 days, so a redelivery within them is still recognised', async () => {
    await helper.load(storeNode, [
      { id: 's', type: 'hr-store', file: 'prune-default.db', secretFields: '', keyEnv: '' },
    ] as never);
    const store = await (helper.getNode('s') as StoreConfigNode).acquire();
    const known = await fillJournal(store);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await known(), ['d20', 'd5', 'open60']);
  });

  test('a retention below a week is taken as a week', async () => {
    await helper.load(storeNode, [
      { id: 's', type: 'hr-store', file: 'prune-1.db', secretFields: '', keyEnv: '', journalDays: '1' },
    ] as never);
    const store = await (helper.getNode('s') as StoreConfigNode).acquire();
    const known = await fillJournal(store);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await known(), ['d5', 'open60']);
  });
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

/** The test helper reports every node.warn as a 'call:warn' event. */
const onWarn = (node: StoreConfigNode, listener: (text: string) => void): unknown =>
  (node as unknown as NodeJS.EventEmitter).on('call:warn', (call: { args: unknown[] }) =>
    listener(String(call.args[0])),
  );

describe('a store without a key, as a palette user deploys an imported example', () => {
  // Node-RED's runtime settings (.config.runtime.json), as the runtime hands them to nodes.
  const runtimeSettings = new Map<string, unknown>();
  before(() => {
    helper.settings({
      userDir,
      get: (name: string) => runtimeSettings.get(name),
      set: async (name: string, value: unknown) => void runtimeSettings.set(name, value),
    } as never);
  });
  after(() => helper.settings({ userDir }));

  test('a new SQLite store makes its own key, warns once naming HR_STORE_KEY, and reads its secrets after a redeploy', async () => {
    const flow = storeFlow('generated.db', 'HR_TEST_UNSET_KEY');
    await helper.load(storeNode, flow);
    const node = helper.getNode('s') as StoreConfigNode;
    const warnings: string[] = [];
    onWarn(node, (text) => warnings.push(text));
    const store = await node.acquire();
    const guid = (await store.createPerson()).guid;
    await store.savePerson(guid, { nationalId: { type: 'ssn', value: '123-45-6789' } });
    await new Promise(setImmediate); // the helper reports calls on the next tick
    assert.deepEqual(warnings, ['hr-store.warn.keyGenerated'], 'one warning (the test runtime does not translate)');
    await helper.unload();

    await helper.load(storeNode, flow);
    const again = helper.getNode('s') as StoreConfigNode;
    const later: string[] = [];
    onWarn(again, (text) => later.push(text));
    const reopened = await again.acquire();
    await new Promise(setImmediate);
    assert.deepEqual((await reopened.getPerson(guid))?.record, { nationalId: { type: 'ssn', value: '123-45-6789' } });
    assert.deepEqual(later, [], 'the key is made once, not at every deploy');
  });

  test('an existing store file is never given a new key: the error names the variable, the format and how to make a key', async () => {
    fs.copyFileSync(path.join(userDir, 'shared.db'), path.join(userDir, 'existing.db'));
    await helper.load(storeNode, storeFlow('existing.db', 'HR_TEST_UNSET_KEY'));
    await assert.rejects(
      (helper.getNode('s') as StoreConfigNode).acquire(),
      (err: { code?: string; message: string }) =>
        err.code === 'store.key_missing' &&
        /HR_TEST_UNSET_KEY/.test(err.message) &&
        /base64/.test(err.message) &&
        /openssl rand/.test(err.message),
    );
  });
});

test('data written before a redeploy is there after it', async () => {
  const flow = storeFlow('restart.db');
  await helper.load(storeNode, flow, { s: { encryptionKey: key } });
  const store = await (helper.getNode('s') as StoreConfigNode).acquire();
  const { inserted } = await store.recordEvent({
    source: 'greenhouse',
    eventId: 'e-1',
    type: 'hire',
    receivedAt: new Date(),
    payload: { a: 1 },
  });
  assert.equal(inserted, true);
  await helper.unload();
  await helper.load(storeNode, flow, { s: { encryptionKey: key } });
  const again = await (helper.getNode('s') as StoreConfigNode).acquire();
  assert.equal(
    (
      await again.recordEvent({
        source: 'greenhouse',
        eventId: 'e-1',
        type: 'hire',
        receivedAt: new Date(),
        payload: { a: 1 },
      })
    ).inserted,
    false,
  );
});

describe('HR store on PostgreSQL', () => {
  let server: TestPostgres;
  before(async () => {
    server = await startTestPostgres();
  });
  after(() => server?.close());

  const pgFlow = (ids: string[], backend: 'postgres' | 'auto') =>
    ids.map((id) => ({
      id,
      type: 'hr-store',
      backend,
      file: `${id}.db`,
      secretFields: 'nationalId.value',
      keyEnv: '',
    })) as never;
  const hire = { source: 'greenhouse', eventId: 'e-1', type: 'hire', receivedAt: new Date(), payload: { a: 1 } };
  const acquire = (id: string) => (helper.getNode(id) as StoreConfigNode).acquire();
  /** Everything the store nodes said: their errors, and the log. */
  const logged = () => JSON.stringify(helper.log().args);

  test('two store nodes with the same connection URL share one store, as two Node-RED instances do, and write no file', async () => {
    const url = await server.freshStore();
    try {
      await helper.load(storeNode, pgFlow(['a', 'b'], 'postgres'), {
        a: { encryptionKey: key, url },
        b: { encryptionKey: key, url },
      });
      assert.equal((await (await acquire('a')).recordEvent(hire)).inserted, true);
      assert.equal(
        (await (await acquire('b')).recordEvent(hire)).inserted,
        false,
        "the second node sees the first node's event",
      );
      assert.equal(fs.existsSync(path.join(userDir, 'a.db')) || fs.existsSync(path.join(userDir, 'b.db')), false);
    } finally {
      await helper.unload();
      await server.dropStore(url);
    }
  });

  test('"PostgreSQL if a URL is set" follows an environment variable: set, the database; empty, the SQLite file', async () => {
    const url = await server.freshStore();
    const envFlow = [
      { id: 'env', type: 'hr-store', backend: 'auto', file: 'auto.db', secretFields: 'nationalId.value', keyEnv: '' },
    ] as never;
    const fromEnv = { env: { encryptionKey: key, url: '${HR_TEST_STORE_URL}' } };
    try {
      process.env.HR_TEST_STORE_URL = url;
      await helper.load(storeNode, [...pgFlow(['direct'], 'postgres'), ...envFlow] as never, {
        direct: { encryptionKey: key, url },
        ...fromEnv,
      });
      await (await acquire('env')).recordEvent(hire);
      assert.equal(
        (await (await acquire('direct')).recordEvent(hire)).inserted,
        false,
        'the event went to the database',
      );
      assert.equal(fs.existsSync(path.join(userDir, 'auto.db')), false);
      await helper.unload();

      process.env.HR_TEST_STORE_URL = '';
      await helper.load(storeNode, envFlow, fromEnv);
      assert.equal((await (await acquire('env')).recordEvent(hire)).inserted, true);
      assert.ok(fs.existsSync(path.join(userDir, 'auto.db')));
    } finally {
      delete process.env.HR_TEST_STORE_URL;
      await helper.unload();
      await server.dropStore(url);
    }
  });

  test('a server that cannot be reached gives store.open_failed naming the host but never the password, and the next use tries again', async () => {
    const password = 'pw-that-must-not-leak';
    const url = `postgres://hr:${password}@127.0.0.1:${await closedPort()}/hr`;
    await helper.load(storeNode, pgFlow(['down'], 'postgres'), { down: { encryptionKey: key, url } });
    for (let attempt = 0; attempt < 2; attempt++) {
      await assert.rejects(acquire('down'), (err: Error & { code?: string }) => {
        assert.equal(err.code, 'store.open_failed');
        assert.match(err.message, /127\.0\.0\.1/);
        assert.equal(
          JSON.stringify({
            message: err.message,
            stack: err.stack,
            details: (err as { details?: unknown }).details,
          }).includes(password),
          false,
        );
        return true;
      });
    }
    assert.equal(logged().includes(password), false);
    const errorLevel = (helper.log() as unknown as { ERROR: number }).ERROR;
    assert.equal(
      helper.log().args.filter(([e]) => (e as { level?: number }).level === errorLevel).length,
      2,
      'one error logged per failed attempt',
    );
  });

  test('PostgreSQL chosen without a usable URL says what is missing, without repeating the URL', async () => {
    const cases: Array<[string, string | undefined]> = [
      ['store.url_missing', undefined],
      ['store.url_unset', '${HR_TEST_STORE_NEVER_SET}'],
      ['store.url_invalid', 'mysql://hr:secret-in-wrong-url@db/hr'],
    ];
    for (const [code, url] of cases) {
      await helper.load(storeNode, pgFlow(['s'], 'postgres'), {
        s: { encryptionKey: key, ...(url === undefined ? {} : { url }) },
      });
      await assert.rejects(
        acquire('s'),
        (err: Error & { code?: string }) => err.code === code && !err.message.includes('secret-in-wrong-url'),
      );
      assert.equal(logged().includes('secret-in-wrong-url'), false);
      await helper.unload();
    }
  });

  test('without the pg package installed, the store says to install it', async () => {
    const url = await server.freshStore();
    const restore = withoutModule('pg');
    try {
      await helper.load(storeNode, pgFlow(['s'], 'postgres'), { s: { encryptionKey: key, url } });
      await assert.rejects(
        acquire('s'),
        (err: Error & { code?: string }) => err.code === 'store.pg_missing' && /npm install pg/.test(err.message),
      );
    } finally {
      restore();
      await helper.unload();
      await server.dropStore(url);
    }
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Makes `require(name)` fail as it does when the package is not installed (also where it was loaded before); returns the undo. */
function withoutModule(name: string): () => void {
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = loader._resolveFilename;
  const file = require.resolve(name);
  const loaded = require.cache[file];
  delete require.cache[file];
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    if (request === name) throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
    return original.call(this, request, ...rest);
  };
  return () => {
    loader._resolveFilename = original;
    if (loaded) require.cache[file] = loaded;
  };
}
