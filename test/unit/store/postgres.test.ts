import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore, type HrStore, type StoreOptions } from '../../../lib/store';
import { AUDIT_PAGE_ROWS } from '../../../lib/store/auditChain';
import { migrateSqliteToPostgres } from '../../../lib/store/migrate';
import { loadPg } from '../../../lib/store/postgres/driver';
import { saltedHash } from '../../../lib/store/crypto';
import { SCHEMA_VERSION } from '../../../lib/store/postgres/migrations';
import { TEST_KEY, manualClock, rejectsWith, runStoreContract } from './contract';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';

let server: TestPostgres;
before(async () => {
  server = await startTestPostgres();
});
after(() => server.close());

type PgOptions = Omit<StoreOptions, 'file' | 'url'>;
/** `file` is required by StoreOptions and ignored once a URL is given. */
const openPg = (url: string, options: PgOptions = {}) => openStore({ file: '', url, ...options });

runStoreContract('PostgreSQL store', async (options) => {
  const url = await server.freshStore();
  const store = await openPg(url, options);
  return {
    store,
    dispose: async () => {
      await store.close();
      await server.dropStore(url);
    },
  };
});

/** Two instances, as two Node-RED processes would have them: separate stores and pools on one database. */
async function withInstances(
  fn: (a: HrStore, b: HrStore, url: string) => Promise<void>,
  options: PgOptions = {},
): Promise<void> {
  const url = await server.freshStore();
  const [a, b] = await Promise.all([openPg(url, options), openPg(url, options)]);
  try {
    await fn(a, b, url);
  } finally {
    await Promise.all([a.close(), b.close()]);
    await server.dropStore(url);
  }
}

describe('PostgreSQL store: several instances on one database', () => {
  test('messages for one person reaching both instances at once, each with different known keys, resolve to one GUID', () =>
    withInstances(async (a, b) => {
      const people = ['ana', 'bea', 'carla', 'dora'];
      const keysOf = new Map<string, string[]>();
      const resolve = (store: HrStore, keys: string[]) =>
        store.resolveIdentity(keys, async () => {
          const [existing] = await store.candidatesForKeys(keys, 1);
          // Gives the other instance every chance to decide "new" as well, were it not kept out.
          await sleep(5);
          const guid = existing ?? (await store.createPerson()).guid;
          const merged = [...new Set([...(keysOf.get(guid) ?? []), ...keys])];
          keysOf.set(guid, merged);
          await store.putBlockingKeys(guid, merged);
          return guid;
        });
      const messages = people.flatMap((p) => [
        [`ext:greenhouse:${p}`, `email:${p}@example.com`],
        [`email:${p}@example.com`, `phone:${p}`],
        [`phone:${p}`, `ext:greenhouse:${p}`],
      ]);
      const results = await Promise.all(messages.flatMap((keys) => [resolve(a, keys), resolve(b, keys)]));
      const guidsPerPerson = people.map(
        (p) => new Set(results.filter((_, i) => messages[Math.floor(i / 2)]?.[0]?.includes(p))),
      );
      assert.deepEqual(
        guidsPerPerson.map((guids) => guids.size),
        [1, 1, 1, 1],
      );
      assert.equal(new Set(results).size, people.length);
    }));

  test('each due write is claimed by exactly one of the instances', () =>
    withInstances(async (a, b) => {
      const ids: number[] = [];
      for (let i = 0; i < 60; i++)
        ids.push(
          (
            await a.enqueue({
              idempotencyKey: `k${i}`,
              operation: 'createEmployee',
              target: 'bamboohr',
              payload: { i },
            })
          ).entry.id,
        );
      const claimed: number[] = [];
      const worker = async (store: HrStore) => {
        for (;;) {
          const batch = await store.claimDue(new Date(Date.now() + 1000), 3, 60_000);
          if (batch.length === 0) return;
          claimed.push(...batch.map((e) => e.id));
        }
      };
      await Promise.all([a, b, a, b, a, b].map(worker));
      assert.equal(claimed.length, ids.length, 'no entry claimed twice');
      assert.deepEqual(
        [...claimed].sort((x, y) => x - y),
        ids,
      );
    }));

  test('the same event and the same write arriving at both instances are taken once', () =>
    withInstances(async (a, b) => {
      const event = { eventId: 'evt-1', source: 'greenhouse', type: 'hire', receivedAt: new Date(), payload: {} };
      const recorded = await Promise.all([a, b, a, b].map((s) => s.recordEvent(event)));
      assert.equal(recorded.filter((r) => r.inserted).length, 1);
      const write = {
        idempotencyKey: 'hire:greenhouse:1',
        operation: 'createEmployee',
        target: 'bamboohr',
        payload: {},
      };
      const enqueued = await Promise.all([a, b, a, b].map((s) => s.enqueue(write)));
      assert.equal(enqueued.filter((r) => r.inserted).length, 1);
      assert.equal(new Set(enqueued.map((r) => r.entry.id)).size, 1);
    }));

  test('audit entries appended by both instances at once form one chain that verifies', () =>
    withInstances(async (a, b) => {
      const appends = Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).audit({ source: 'test', actor: 'system', action: `a${i}`, after: { i } }),
      );
      const entries = await Promise.all(appends);
      assert.deepEqual(
        entries.map((e) => e.id).sort((x, y) => x - y),
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      assert.deepEqual(await a.verifyAudit(), { ok: true });
      assert.deepEqual(await b.verifyAudit(), { ok: true });
    }));

  test('instances opening a new database together share one tombstone salt', () =>
    withInstances(async (a, b) => {
      const { guid } = await a.createPerson({ record: { email: 'ana@example.com' } });
      await a.forget(guid, 'dpo');
      assert.equal(await b.isTombstoned({ email: 'ana@example.com' }), true);
    }));

  test('more resolutions of different persons at once than there are connections all finish', () =>
    withInstances(async (a) => {
      const guids = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          a.resolveIdentity([`email:p${i}@example.com`], async () => {
            const { guid } = await a.createPerson({ blockingKeys: [`email:p${i}@example.com`] });
            await a.putNames(guid, { first: `p${i}` });
            return guid;
          }),
        ),
      );
      assert.equal(new Set(guids).size, 40);
    }));
});

describe('PostgreSQL store: tombstone hashes', () => {
  /** What someone who can read the database, but not the key, can compute for a guessed address. */
  async function guessFromDatabase(url: string): Promise<boolean[]> {
    const [salt] = await server.rawSql<{ value: string }>(
      url,
      "SELECT value FROM store_meta WHERE key = 'tombstone_salt'",
    );
    const hashes = (
      await server.rawSql<{ hash: string }>(
        url,
        'SELECT hash FROM tombstones UNION ALL SELECT hash FROM review_subjects',
      )
    ).map((r) => r.hash);
    return ['email:ana@example.com', 'review-subject:email:cy@example.com'].map((id) =>
      hashes.includes(saltedHash(salt!.value, id)),
    );
  }

  test('tombstones and review subjects written before the store had a key are re-keyed when it gets one, and still recognised', async () => {
    const url = await server.freshStore();
    try {
      const plain = await openPg(url);
      await plain.forget(
        (
          await plain.createPerson({
            record: { email: 'ana@example.com' },
            links: [{ system: 'lever', externalId: 'L-9' }],
          })
        ).guid,
        'dpo',
      );
      await plain.rememberDeletion({
        probes: [{ system: 'greenhouse', externalId: 'c-404' }],
        source: 'greenhouse',
        actor: 'hr-forget',
      });
      await plain.addReview({
        kind: 'possible_duplicate',
        payload: {},
        explanation: 'x',
        subjectKeys: ['email:cy@example.com'],
      });
      await plain.close();
      assert.deepEqual(await guessFromDatabase(url), [true, true], 'without a key the hashes are only salted');
      for (let open = 0; open < 2; open += 1) {
        const keyed = await openPg(url, { key: TEST_KEY });
        for (const probe of [
          { email: 'ana@example.com' },
          { system: 'lever', externalId: 'L-9' },
          { system: 'greenhouse', externalId: 'c-404' },
        ]) {
          assert.equal(
            await keyed.isTombstoned(probe),
            true,
            `${JSON.stringify(probe)} after opening ${open + 1} time(s) with the key`,
          );
        }
        assert.ok(
          await keyed.findOpenReview('possible_duplicate', ['email:cy@example.com']),
          'the review is found by its subject',
        );
        await keyed.forget((await keyed.createPerson({ record: { email: `bo${open}@example.com` } })).guid, 'dpo');
        await keyed.close();
        assert.deepEqual(await guessFromDatabase(url), [false, false]);
      }
    } finally {
      await server.dropStore(url);
    }
  });
});

describe('PostgreSQL store: data at rest', () => {
  test('no secret value appears in any table', async () => {
    const url = await server.freshStore();
    const [ssn, dob, iban] = ['123-45-6789', '1990-05-17', 'PT50000201231234567890154'];
    const store = await openPg(url, { secretFields: ['nationalId.value', 'dateOfBirth', 'bank.iban'], key: TEST_KEY });
    try {
      const record = { name: 'Ana Silva', nationalId: { type: 'ssn', value: ssn }, dateOfBirth: dob, bank: [{ iban }] };
      const { guid } = await store.createPerson({
        record,
        provenance: { dateOfBirth: { value: dob, source: 'bamboohr', sourceTime: new Date() } },
      });
      await store.recordEvent({
        eventId: 'e1',
        source: 'greenhouse',
        type: 'hire',
        receivedAt: new Date(),
        payload: { candidate: { ssn, dob } },
      });
      await store.enqueue({
        idempotencyKey: 'k',
        operation: 'createEmployee',
        target: 'bamboohr',
        payload: { ssn, dob, iban },
        personGuid: guid,
      });
      await store.addReview({
        kind: 'conflict',
        personGuid: guid,
        payload: { ats: dob },
        explanation: 'date of birth differs',
      });
      await store.audit({
        source: 'greenhouse',
        actor: 'system',
        action: 'person.created',
        personGuid: guid,
        after: record,
      });
      const tables = await server.rawSql<{ tablename: string }>(
        url,
        'SELECT tablename FROM pg_tables WHERE schemaname = current_schema()',
      );
      const dump = (
        await Promise.all(
          tables.map(({ tablename }) => server.rawSql<{ t: string }>(url, `SELECT t::text FROM ${tablename} t`)),
        )
      )
        .flat()
        .map((row) => row.t)
        .join('\n');
      assert.ok(dump.includes('Ana Silva'), 'plain fields are readable, so the scan itself works');
      for (const secret of [ssn, dob, iban]) assert.equal(dump.includes(secret), false, `${secret} in the database`);
      assert.deepEqual((await store.getPerson(guid))?.record, record);
    } finally {
      await store.close();
      await server.dropStore(url);
    }
  });
});

describe('PostgreSQL store: audit tampering', () => {
  async function audited(fn: (url: string, store: HrStore) => Promise<void>): Promise<void> {
    const url = await server.freshStore();
    const store = await openPg(url);
    try {
      for (const action of ['a', 'b', 'c', 'd'])
        await store.audit({ source: 'test', actor: 'system', action, after: { action } });
      await fn(url, store);
    } finally {
      await store.close();
      await server.dropStore(url);
    }
  }
  const withoutGuard = (sql: string) =>
    `ALTER TABLE audit_log DISABLE TRIGGER USER; ${sql}; ALTER TABLE audit_log ENABLE TRIGGER USER`;

  test('the database refuses to change, delete or truncate audit entries', () =>
    audited(async (url, store) => {
      await assert.rejects(server.rawSql(url, 'DELETE FROM audit_log WHERE id = 2'), /append-only/);
      await assert.rejects(server.rawSql(url, "UPDATE audit_log SET actor = 'mallory' WHERE id = 2"), /append-only/);
      await assert.rejects(server.rawSql(url, 'TRUNCATE audit_log'), /append-only/);
      assert.deepEqual(await store.verifyAudit(), { ok: true });
    }));

  test('an entry edited past the guard is found', () =>
    audited(async (url, store) => {
      await server.rawSql(url, withoutGuard("UPDATE audit_log SET actor = 'mallory' WHERE id = 2"));
      const verdict = await store.verifyAudit();
      assert.equal(!verdict.ok && verdict.firstBadId, 2);
    }));

  test('deleting the newest entries is found', () =>
    audited(async (url, store) => {
      await server.rawSql(url, withoutGuard('DELETE FROM audit_log WHERE id >= 3'));
      const verdict = await store.verifyAudit();
      assert.equal(!verdict.ok && verdict.firstBadId, 3);
    }));

  test('a log longer than a page is verified page by page: whole, it verifies; one entry edited on a later page is found', () =>
    audited(async (url, store) => {
      const total = 2 * AUDIT_PAGE_ROWS + 50;
      // Two instances appending at once, as they would in production.
      const other = await openPg(url);
      try {
        await Promise.all(
          [store, other].map(async (s, n) => {
            for (let i = n; i < total; i += 2)
              await s.audit({ source: 'test', actor: 'system', action: `a${i}`, after: { i } });
          }),
        );
        assert.deepEqual(await other.verifyAudit(), { ok: true });
      } finally {
        await other.close();
      }
      const edited = 2 * AUDIT_PAGE_ROWS + 7;
      await server.rawSql(url, withoutGuard(`UPDATE audit_log SET actor = 'mallory' WHERE id = ${edited}`));
      const verdict = await store.verifyAudit();
      assert.equal(!verdict.ok && verdict.firstBadId, edited);
    }));

  test('an entry added past the last one the store wrote is found', () =>
    audited(async (url, store) => {
      await server.rawSql(
        url,
        `INSERT INTO audit_log (id, at, event_id, source, actor, action, person_guid, before_json, after_json, content_digest, erased, prev_hash, hash)
      SELECT 5, at, event_id, source, actor, 'forged', person_guid, before_json, after_json, content_digest, erased, hash, hash FROM audit_log WHERE id = 4`,
      );
      const verdict = await store.verifyAudit();
      assert.equal(!verdict.ok && verdict.firstBadId, 5);
    }));
});

describe('PostgreSQL store: upgrades', () => {
  test('an outbox entry from before owners were recorded gets none, and any writer of its operation claims it', async () => {
    const url = await server.freshStore();
    try {
      const before = await openPg(url);
      await before.enqueue({ idempotencyKey: 'old', operation: 'create', target: 'bamboohr', payload: {} });
      await before.close();
      // Back to the database an earlier release wrote: no owner column, schema version 2.
      await server.rawSql(url, 'ALTER TABLE outbox DROP COLUMN owner');
      await server.rawSql(url, 'DELETE FROM schema_version WHERE version > 2');
      const store = await openPg(url);
      try {
        assert.deepEqual(
          (await store.claimDue(new Date(), 10, 60_000, { operations: ['create'], owner: 'writer-a' })).map((e) => [
            e.idempotencyKey,
            e.owner,
          ]),
          [['old', null]],
        );
      } finally {
        await store.close();
      }
    } finally {
      await server.dropStore(url);
    }
  });
});

describe('PostgreSQL store: databases it cannot use', () => {
  test('a database from a newer release is refused, naming both versions', async () => {
    const url = await server.freshStore();
    try {
      await (await openPg(url)).close();
      await server.rawSql(url, 'INSERT INTO schema_version (version, applied_at) VALUES ($1, now())', [
        SCHEMA_VERSION + 98,
      ]);
      await assert.rejects(
        openPg(url),
        (err: unknown) =>
          rejectsWith('store.schema_newer')(err) &&
          String(err).includes(`version ${SCHEMA_VERSION + 98}`) &&
          String(err).includes(`up to ${SCHEMA_VERSION}`),
      );
    } finally {
      await server.dropStore(url);
    }
  });

  test('a wrong key is refused at open', async () => {
    const url = await server.freshStore();
    try {
      await (await openPg(url, { secretFields: ['dateOfBirth'], key: TEST_KEY })).close();
      await assert.rejects(
        openPg(url, { secretFields: ['dateOfBirth'], key: Buffer.alloc(32, 9).toString('hex') }),
        rejectsWith('store.key_invalid'),
      );
    } finally {
      await server.dropStore(url);
    }
  });

  test('a server that does not answer fails the open with the address but never the password', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await assert.rejects(
      openPg(`postgres://hr:s3cret-pw@127.0.0.1:${closedPort}/hr`),
      (err: unknown) =>
        rejectsWith('store.open_failed')(err) &&
        String(err).includes(`127.0.0.1:${closedPort}`) &&
        !String(err).includes('s3cret-pw'),
    );
  });

  test('without the pg package the store says to install it', () => {
    const missing = () => {
      throw Object.assign(new Error("Cannot find module 'pg'"), { code: 'MODULE_NOT_FOUND' });
    };
    assert.throws(
      () => loadPg(missing),
      (err: unknown) => rejectsWith('store.pg_missing')(err) && String(err).includes('npm install pg'),
    );
  });
});

describe('PostgreSQL store: moving a SQLite store', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-store-migrate-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const options = { secretFields: ['dateOfBirth'], key: TEST_KEY };

  /** A SQLite store with something in every table, including a forgotten person and writes in every state. */
  async function filledSqliteStore(file: string, time: ReturnType<typeof manualClock>): Promise<{ guid: string }> {
    const store = await openStore({ file, clock: time.clock, ...options });
    try {
      const ana = await store.createPerson({
        record: { name: 'Ana Silva', dateOfBirth: '1990-05-17', email: 'ana@example.com' },
        links: [
          { system: 'greenhouse', externalId: 'c-1' },
          { system: 'bamboohr', externalId: '42' },
        ],
        blockingKeys: ['ln:silva', 'fn:ana'],
        names: { first: 'ana', last: 'silva' },
        provenance: { dateOfBirth: { value: '1990-05-17', source: 'greenhouse', sourceTime: time.now() } },
        consent: { backgroundCheck: true },
      });
      const bea = await store.createPerson({
        record: { email: 'bea@example.com' },
        links: [{ system: 'lever', externalId: 'L-9' }],
        names: { first: 'bea', last: 'silva' },
      });
      await store.recordEvent({
        eventId: 'evt-1',
        source: 'greenhouse',
        type: 'hire',
        receivedAt: time.now(),
        payload: { id: 1 },
      });
      await store.recordEvent({
        eventId: 'evt-2',
        source: 'greenhouse',
        type: 'hire',
        receivedAt: time.now(),
        payload: { id: 2 },
      });
      await store.markEvent('greenhouse', 'evt-2', 'done');
      const pending = (
        await store.enqueue({
          idempotencyKey: 'pending',
          operation: 'createEmployee',
          target: 'bamboohr',
          payload: { first: 'Ana' },
          personGuid: ana.guid,
        })
      ).entry;
      const done = (
        await store.enqueue({ idempotencyKey: 'done', operation: 'createEmployee', target: 'bamboohr', payload: {} })
      ).entry;
      const dead = (
        await store.enqueue({ idempotencyKey: 'dead', operation: 'createEmployee', target: 'bamboohr', payload: {} })
      ).entry;
      await store.claimDue(time.now(), 1, 60_000);
      await store.complete(done.id, { employeeId: 'E-1' });
      await store.deadLetter(dead.id, 'HTTP 400');
      assert.ok(pending.id < done.id);
      const review = await store.addReview({
        kind: 'possible_duplicate',
        personGuid: ana.guid,
        payload: { score: 0.9 },
        explanation: 'names 0.9',
      });
      await store.addReview({ kind: 'compensation_variance', payload: { offer: 1 }, explanation: 'pay' });
      await store.decideReview(review.id, 'approved', 'maria@hr');
      await store.audit({
        source: 'greenhouse',
        actor: 'system',
        action: 'person.created',
        personGuid: ana.guid,
        after: { dateOfBirth: '1990-05-17' },
      });
      await store.forget(bea.guid, 'dpo');
      await store.count('hires', { source: 'greenhouse' }, 3);
      await store.setNodeState('ashby:conn', 'sync-token-1');
      return { guid: ana.guid };
    } finally {
      await store.close();
    }
  }

  /** What a user of the store sees, read through the interface only. */
  async function view(store: HrStore, guid: string, time: ReturnType<typeof manualClock>) {
    return {
      person: await store.getPerson(guid),
      provenance: await store.getProvenance(guid),
      byLink: await store.findByExternalId('bamboohr', '42'),
      candidates: await store.candidatesForKeys(['ln:silva'], 10),
      frequency: await store.nameFrequency('last', 'silva'),
      pendingEvents: await store.pendingEvents(),
      writes: await Promise.all(['pending', 'done', 'dead'].map((k) => store.getByIdempotencyKey(k))),
      openReviews: await store.listReviews('open'),
      decidedReviews: await store.listReviews('approved'),
      audit: await store.auditEntries(),
      tombstoned: await Promise.all(
        [{ email: 'bea@example.com' }, { system: 'lever', externalId: 'L-9' }].map((p) => store.isTombstoned(p)),
      ),
      hires: await store.sumCounters('hires', time.now(), { source: 'greenhouse' }),
      pollCursor: await store.getNodeState('ashby:conn'),
    };
  }

  test('every table moves over, and the store reads, verifies and continues as before', async () => {
    const file = path.join(dir, 'move.db');
    const time = manualClock();
    const { guid } = await filledSqliteStore(file, time);
    const sqlite = await openStore({ file, clock: time.clock, ...options });
    const before = await view(sqlite, guid, time);
    await sqlite.close();

    const url = await server.freshStore();
    try {
      const report = await migrateSqliteToPostgres({ file, url });
      assert.deepEqual(report.audit, { ok: true });
      assert.equal(report.rows.audit_log, before.audit.length);

      const pg = await openPg(url, { clock: time.clock, ...options });
      try {
        assert.deepEqual(await view(pg, guid, time), before);
        assert.deepEqual(before.tombstoned, [true, true]);
        assert.equal(before.pollCursor, 'sync-token-1', 'the poll cursor moves with the store');
        assert.deepEqual(await pg.verifyAudit(), { ok: true });
        time.advance(60_001);
        assert.deepEqual(
          (await pg.claimDue(time.now(), 10)).map((e) => e.idempotencyKey),
          ['pending'],
          'the lease taken before the move still counts',
        );
        const next = await pg.enqueue({
          idempotencyKey: 'after-move',
          operation: 'createEmployee',
          target: 'bamboohr',
          payload: {},
        });
        assert.ok(
          next.entry.id > Math.max(...before.writes.map((w) => w?.id ?? 0)),
          'new writes are numbered after the moved ones',
        );
        await pg.audit({ source: 'test', actor: 'system', action: 'after.move' });
        assert.deepEqual(await pg.verifyAudit(), { ok: true });
        await assert.rejects(
          pg.createPerson({ links: [{ system: 'greenhouse', externalId: 'c-1' }] }),
          rejectsWith('store.link_conflict'),
        );
      } finally {
        await pg.close();
      }
    } finally {
      await server.dropStore(url);
    }
  });

  test('a database that already holds data is not migrated into', async () => {
    const file = path.join(dir, 'twice.db');
    await filledSqliteStore(file, manualClock());
    const url = await server.freshStore();
    try {
      await migrateSqliteToPostgres({ file, url });
      await assert.rejects(migrateSqliteToPostgres({ file, url }), rejectsWith('store.migrate_target_not_empty'));
    } finally {
      await server.dropStore(url);
    }
  });
});
