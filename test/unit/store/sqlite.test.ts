import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type HrStore, type StoreOptions } from '../../../lib/store';
import { AUDIT_PAGE_ROWS } from '../../../lib/store/auditChain';
import { SCHEMA_VERSION } from '../../../lib/store/sqlite/migrations';
import { withBusyRetry } from '../../../lib/store/sqlite/connection';
import { saltedHash } from '../../../lib/store/crypto';
import { TEST_KEY, manualClock, rejectsWith, runStoreContract } from './contract';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-store-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

let files = 0;
const newFile = () => path.join(dir, `store-${++files}.db`);
const removeFiles = (file: string) => {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
};

runStoreContract('SQLite store', async (options) => {
  const file = newFile();
  const store = await openStore({ file, ...options });
  return {
    store,
    dispose: async () => {
      await store.close();
      removeFiles(file);
    },
  };
});

/** Opens a store on a file the test owns, closing it afterwards. */
async function withFile(fn: (file: string) => Promise<void>): Promise<void> {
  const file = newFile();
  try {
    await fn(file);
  } finally {
    removeFiles(file);
  }
}

/** A second connection to the file, as someone with shell access to the server would have. */
function rawSql<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

async function using<T>(options: StoreOptions, fn: (store: HrStore) => Promise<T>): Promise<T> {
  const store = await openStore(options);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe('SQLite store: restart', () => {
  test('identities, events, outbox, reviews and the audit log survive a restart', () =>
    withFile(async (file) => {
      const time = manualClock();
      const options = { file, clock: time.clock, secretFields: ['dateOfBirth'], key: TEST_KEY };
      const guid = await using(options, async (store) => {
        const person = await store.createPerson({
          record: { name: 'Ana Silva', dateOfBirth: '1990-05-17' },
          links: [{ system: 'greenhouse', externalId: 'c-1' }],
          blockingKeys: ['ln:silva'],
          names: { first: 'ana', last: 'silva' },
        });
        await store.recordEvent({
          eventId: 'evt-1',
          source: 'greenhouse',
          type: 'hire',
          receivedAt: time.now(),
          payload: { id: 1 },
        });
        await store.enqueue({
          idempotencyKey: 'hire:c-1',
          operation: 'createEmployee',
          target: 'bamboohr',
          payload: { first: 'Ana' },
          personGuid: person.guid,
        });
        await store.addReview({
          kind: 'compensation_variance',
          personGuid: person.guid,
          payload: { offer: 103000, record: 10300 },
          explanation: 'variance 90 %',
        });
        await store.audit({ source: 'greenhouse', actor: 'system', action: 'person.created', personGuid: person.guid });
        return person.guid;
      });

      await using(options, async (store) => {
        assert.equal(await store.findByExternalId('greenhouse', 'c-1'), guid);
        assert.deepEqual((await store.getPerson(guid))?.record, { name: 'Ana Silva', dateOfBirth: '1990-05-17' });
        assert.deepEqual(await store.candidatesForKeys(['ln:silva'], 5), [guid]);
        assert.equal(await store.nameFrequency('last', 'silva'), 1);
        assert.deepEqual(
          (await store.pendingEvents()).map((e) => e.eventId),
          ['evt-1'],
        );
        assert.equal(
          (
            await store.recordEvent({
              eventId: 'evt-1',
              source: 'greenhouse',
              type: 'hire',
              receivedAt: time.now(),
              payload: {},
            })
          ).inserted,
          false,
        );
        assert.equal(
          (
            await store.enqueue({
              idempotencyKey: 'hire:c-1',
              operation: 'createEmployee',
              target: 'bamboohr',
              payload: {},
            })
          ).inserted,
          false,
        );
        assert.deepEqual(
          (await store.claimDue(time.now(), 10)).map((e) => e.payload),
          [{ first: 'Ana' }],
        );
        assert.equal((await store.listReviews('open')).length, 1);
        assert.deepEqual(await store.verifyAudit(), { ok: true });
        await store.audit({ source: 'editor', actor: 'maria', action: 'note' });
        assert.deepEqual(await store.verifyAudit(), { ok: true }, 'the chain continues across restarts');
      });
    }));

  test('a write claimed by a worker that crashed is claimed again once its lease runs out', () =>
    withFile(async (file) => {
      const time = manualClock();
      await using({ file, clock: time.clock }, async (store) => {
        await store.enqueue({ idempotencyKey: 'k1', operation: 'createEmployee', target: 'bamboohr', payload: {} });
        assert.equal((await store.claimDue(time.now(), 10, 60_000)).length, 1);
      });
      await using({ file, clock: time.clock }, async (store) => {
        assert.deepEqual(await store.claimDue(time.now(), 10, 60_000), [], 'the lease still holds after the restart');
        time.advance(60_000);
        assert.deepEqual(
          (await store.claimDue(time.now(), 10, 60_000)).map((e) => e.idempotencyKey),
          ['k1'],
        );
      });
    }));

  test('a forgotten person is still recognised after a restart', () =>
    withFile(async (file) => {
      const guid = await using({ file }, async (store) => {
        const person = await store.createPerson({
          record: { email: 'ana@example.com' },
          links: [{ system: 'lever', externalId: 'L-9' }],
        });
        await store.forget(person.guid, 'dpo');
        return person.guid;
      });
      await using({ file }, async (store) => {
        assert.equal(await store.isTombstoned({ system: 'lever', externalId: 'L-9' }), true);
        assert.equal(await store.isTombstoned({ email: 'ANA@example.com' }), true);
        assert.equal(await store.isTombstoned({ guid }), true);
      });
    }));

  test('a poll cursor survives a restart without touching the store’s own values of the same name', () =>
    withFile(async (file) => {
      await using({ file }, async (store) => {
        await store.forget((await store.createPerson({ record: { email: 'ana@example.com' } })).guid, 'dpo');
        await store.setNodeState('ashby:conn', 'sync-token-1');
        await store.setNodeState('tombstone_salt', 'x');
        await store.setNodeState('tombstone_salt', null);
      });
      await using({ file }, async (store) => {
        assert.equal(await store.getNodeState('ashby:conn'), 'sync-token-1');
        assert.equal(
          await store.isTombstoned({ email: 'ana@example.com' }),
          true,
          'the salt is the one the tombstone was hashed with',
        );
      });
    }));
});

describe('SQLite store: tombstone hashes', () => {
  /** What someone who can read the file, but not the key, can compute for a guessed address. */
  const guessFromFile = (file: string) =>
    rawSql(file, (db) => {
      const salt = db.prepare<[], string>("SELECT value FROM store_meta WHERE key = 'tombstone_salt'").pluck().get()!;
      const hashes = db
        .prepare<[], string>('SELECT hash FROM tombstones UNION ALL SELECT hash FROM review_subjects')
        .pluck()
        .all();
      return ['email:ana@example.com', 'review-subject:email:cy@example.com'].map((id) =>
        hashes.includes(saltedHash(salt, id)),
      );
    });

  test('with a store key the salt beside the hashes reveals neither who was forgotten nor whom a review is about', () =>
    withFile(async (file) => {
      await using({ file, key: TEST_KEY }, async (store) => {
        await store.forget((await store.createPerson({ record: { email: 'ana@example.com' } })).guid, 'dpo');
        await store.addReview({
          kind: 'possible_duplicate',
          payload: {},
          explanation: 'x',
          subjectKeys: ['email:cy@example.com'],
        });
        assert.equal(await store.isTombstoned({ email: 'ana@example.com' }), true);
      });
      assert.deepEqual(guessFromFile(file), [false, false]);
    }));

  test('tombstones and review subjects written before the store had a key are re-keyed when it gets one, and still recognised', () =>
    withFile(async (file) => {
      await using({ file }, async (store) => {
        await store.forget(
          (
            await store.createPerson({
              record: { email: 'ana@example.com' },
              links: [{ system: 'lever', externalId: 'L-9' }],
            })
          ).guid,
          'dpo',
        );
        await store.rememberDeletion({
          probes: [{ system: 'greenhouse', externalId: 'c-404' }],
          source: 'greenhouse',
          actor: 'hr-forget',
        });
        await store.addReview({
          kind: 'possible_duplicate',
          payload: {},
          explanation: 'x',
          subjectKeys: ['email:cy@example.com'],
        });
      });
      assert.deepEqual(guessFromFile(file), [true, true], 'without a key the hashes are only salted');
      for (let open = 0; open < 2; open += 1) {
        await using({ file, key: TEST_KEY }, async (store) => {
          for (const probe of [
            { email: 'ana@example.com' },
            { system: 'lever', externalId: 'L-9' },
            { system: 'greenhouse', externalId: 'c-404' },
          ]) {
            assert.equal(
              await store.isTombstoned(probe),
              true,
              `${JSON.stringify(probe)} after opening ${open + 1} time(s) with the key`,
            );
          }
          assert.ok(
            await store.findOpenReview('possible_duplicate', ['email:cy@example.com']),
            'the review is found by its subject',
          );
        });
        assert.deepEqual(guessFromFile(file), [false, false]);
      }
    }));
});

describe('SQLite store: one person, one GUID', () => {
  test('messages for one person arriving together, each with different known keys, resolve to one GUID', () =>
    withFile(async (file) => {
      await using({ file }, async (store) => {
        const messages = [
          ['ext:greenhouse:c-1', 'email:ana@example.com'],
          ['email:ana@example.com', 'phone:+351912345678'],
          ['phone:+351912345678', 'ext:greenhouse:c-1'],
        ];
        const keysOf = new Map<string, string[]>();
        const resolve = (keys: string[]) =>
          store.resolveIdentity(keys, async () => {
            const [existing] = await store.candidatesForKeys(keys, 1);
            const guid = existing ?? (await store.createPerson()).guid;
            await new Promise((r) => setTimeout(r, 5));
            const merged = [...new Set([...(keysOf.get(guid) ?? []), ...keys])];
            keysOf.set(guid, merged);
            await store.putBlockingKeys(guid, merged);
            return guid;
          });
        const guids = await Promise.all([...messages, ...messages].map(resolve));
        assert.equal(new Set(guids).size, 1);
      });
    }));
});

describe('SQLite store: audit tampering', () => {
  async function auditedStore(file: string): Promise<void> {
    await using({ file }, async (store) => {
      for (const action of ['a', 'b', 'c', 'd'])
        await store.audit({ source: 'test', actor: 'system', action, after: { action } });
    });
  }
  const verify = (file: string) => using({ file }, (store) => store.verifyAudit());
  const dropTriggers = (db: Database.Database) =>
    db.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_only_erasure;');

  test('the store refuses to change or delete audit entries itself', () =>
    withFile(async (file) => {
      await auditedStore(file);
      rawSql(file, (db) => {
        assert.throws(() => db.prepare('DELETE FROM audit_log WHERE id = 2').run(), /append-only/);
        assert.throws(() => db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 2").run(), /append-only/);
      });
      assert.deepEqual(await verify(file), { ok: true });
    }));

  test('an entry edited with raw SQL is found', () =>
    withFile(async (file) => {
      await auditedStore(file);
      rawSql(file, (db) => {
        dropTriggers(db);
        db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 2").run();
      });
      const verdict = await verify(file);
      assert.equal(verdict.ok, false);
      assert.equal(!verdict.ok && verdict.firstBadId, 2);
    }));

  test('an edited before/after is found', () =>
    withFile(async (file) => {
      await auditedStore(file);
      rawSql(file, (db) => {
        dropTriggers(db);
        db.prepare(`UPDATE audit_log SET after_json = '{"action":"z"}' WHERE id = 3`).run();
      });
      assert.deepEqual(await verify(file), {
        ok: false,
        firstBadId: 3,
        reason: 'the before/after of audit entry 3 was changed',
      });
    }));

  test('a deleted entry is found', () =>
    withFile(async (file) => {
      await auditedStore(file);
      rawSql(file, (db) => {
        dropTriggers(db);
        db.prepare('DELETE FROM audit_log WHERE id = 2').run();
      });
      const verdict = await verify(file);
      assert.equal(!verdict.ok && verdict.firstBadId, 3);
    }));

  test('deleting the newest entries is found, even after more are appended', () =>
    withFile(async (file) => {
      await auditedStore(file);
      rawSql(file, (db) => {
        dropTriggers(db);
        db.prepare('DELETE FROM audit_log WHERE id >= 3').run();
      });
      const verdict = await verify(file);
      assert.equal(!verdict.ok && verdict.firstBadId, 3);
      await using({ file }, (store) => store.audit({ source: 'test', actor: 'system', action: 'e' }));
      assert.equal((await verify(file)).ok, false);
    }));

  test('reordered entries are found', () =>
    withFile(async (file) => {
      await auditedStore(file);
      rawSql(file, (db) => {
        dropTriggers(db);
        db.exec(
          'UPDATE audit_log SET id = -2 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = -2;',
        );
      });
      const verdict = await verify(file);
      assert.equal(!verdict.ok && verdict.firstBadId, 2);
    }));

  test('a log longer than a page is verified page by page: whole, it verifies; one entry edited on a later page is found', () =>
    withFile(async (file) => {
      const total = 2 * AUDIT_PAGE_ROWS + 50;
      await using({ file }, async (store) => {
        for (let i = 1; i <= total; i++)
          await store.audit({ source: 'test', actor: 'system', action: `a${i}`, after: { i } });
      });
      assert.deepEqual(await verify(file), { ok: true });
      const edited = 2 * AUDIT_PAGE_ROWS + 7;
      rawSql(file, (db) => {
        dropTriggers(db);
        db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = ?").run(edited);
      });
      const verdict = await verify(file);
      assert.equal(!verdict.ok && verdict.firstBadId, edited);
    }));

  test('entries appended while a long log is being verified do not fail it', () =>
    withFile(async (file) => {
      await using({ file }, async (store) => {
        for (let i = 0; i < 2 * AUDIT_PAGE_ROWS; i++)
          await store.audit({ source: 'test', actor: 'system', action: `a${i}` });
        const appends = Array.from({ length: 20 }, (_, i) =>
          store.audit({ source: 'test', actor: 'system', action: `during${i}` }),
        );
        const [verdict] = await Promise.all([store.verifyAudit(), ...appends]);
        assert.deepEqual(verdict, { ok: true });
      });
    }));

  test('an entry added past the last one the store wrote is found', () =>
    withFile(async (file) => {
      await auditedStore(file);
      rawSql(file, (db) =>
        db
          .prepare(
            `INSERT INTO audit_log (id, at, event_id, source, actor, action, person_guid, before_json, after_json, content_digest, erased, prev_hash, hash)
      SELECT 5, at, event_id, source, actor, 'forged', person_guid, before_json, after_json, content_digest, erased, hash, hash FROM audit_log WHERE id = 4`,
          )
          .run(),
      );
      const verdict = await verify(file);
      assert.equal(!verdict.ok && verdict.firstBadId, 5);
    }));
});

describe('SQLite store: secret fields at rest', () => {
  const secrets = ['123-45-6789', '1990-05-17', 'PT50000201231234567890154'];
  const options = (file: string) => ({
    file,
    secretFields: ['nationalId.value', 'dateOfBirth', 'bank.iban'],
    key: TEST_KEY,
  });

  function fileBytes(file: string): Buffer {
    return Buffer.concat(
      ['', '-wal', '-shm'].filter((s) => fs.existsSync(file + s)).map((s) => fs.readFileSync(file + s)),
    );
  }

  test('no secret value appears in the database or its WAL, while open or after closing', () =>
    withFile(async (file) => {
      const [ssn, dob, iban] = secrets;
      const store = await openStore(options(file));
      try {
        const record = {
          name: 'Ana Silva',
          nationalId: { type: 'ssn', value: ssn },
          dateOfBirth: dob,
          bank: [{ iban }],
        };
        const { guid } = await store.createPerson({
          record,
          provenance: { 'nationalId.value': { value: ssn ?? '', source: 'bamboohr', sourceTime: new Date() } },
          comparisonRecord: { v: 1, d: dob ?? '' },
        });
        await store.setProvenance(guid, 'bank', {
          value: [{ iban: iban ?? '' }],
          source: 'bamboohr',
          sourceTime: new Date(),
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
          payload: { ats: dob, hris: '1990-05-18' },
          explanation: 'date of birth differs',
        });
        await store.audit({
          source: 'greenhouse',
          actor: 'system',
          action: 'person.created',
          personGuid: guid,
          after: record,
        });
        assert.ok(fs.existsSync(`${file}-wal`), 'the WAL holds the writes');
        const open = fileBytes(file);
        assert.ok(open.includes('Ana Silva'), 'plain fields are readable, so the scan itself works');
        for (const secret of secrets) assert.equal(open.includes(secret ?? ''), false, `${secret} in the open files`);
        assert.deepEqual((await store.getPerson(guid))?.record, record);
        assert.equal((await store.getProvenance(guid))['nationalId.value']?.value, ssn);
        assert.deepEqual((await store.claimDue(new Date(), 1))[0]?.payload, { ssn, dob, iban });
      } finally {
        await store.close();
      }
      for (const secret of secrets)
        assert.equal(fileBytes(file).includes(secret ?? ''), false, `${secret} in the closed files`);
    }));

  test('a wrong key is refused at open with a clear error', () =>
    withFile(async (file) => {
      await using(options(file), async () => undefined);
      const other = Buffer.alloc(32, 9).toString('hex');
      await assert.rejects(
        openStore({ ...options(file), key: other }),
        (err: unknown) => rejectsWith('store.key_invalid')(err) && String(err).includes(file),
      );
    }));

  test('an encrypted store opened without its key is refused, even with no secret fields configured', () =>
    withFile(async (file) => {
      await using(options(file), async () => undefined);
      await assert.rejects(openStore({ file, secretFields: ['dateOfBirth'] }), rejectsWith('store.key_missing'));
      await assert.rejects(openStore({ file }), rejectsWith('store.key_missing'));
    }));

  test('a key that is not 32 bytes is refused', () =>
    withFile(async (file) => {
      await assert.rejects(openStore({ ...options(file), key: 'c2hvcnQ=' }), rejectsWith('store.key_invalid'));
    }));
});

describe('SQLite store: upgrades', () => {
  test('an outbox entry from before owners were recorded gets none, and any writer of its operation claims it', () =>
    withFile(async (file) => {
      await using({ file }, (store) =>
        store
          .enqueue({ idempotencyKey: 'old', operation: 'create', target: 'bamboohr', payload: {} })
          .then(() => undefined),
      );
      // Back to the file an earlier release wrote: no owner column, schema version 2.
      rawSql(file, (db) =>
        db.exec('ALTER TABLE outbox DROP COLUMN owner; DELETE FROM schema_version WHERE version > 2;'),
      );
      await using({ file }, async (store) => {
        assert.deepEqual(
          (await store.claimDue(new Date(), 10, 60_000, { operations: ['create'], owner: 'writer-a' })).map((e) => [
            e.idempotencyKey,
            e.owner,
          ]),
          [['old', null]],
        );
      });
    }));
});

describe('SQLite store: files it cannot use', () => {
  test('a database from a newer release is refused, naming both versions', () =>
    withFile(async (file) => {
      await using({ file }, async () => undefined);
      rawSql(file, (db) =>
        db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, 0)').run(SCHEMA_VERSION + 98),
      );
      await assert.rejects(
        openStore({ file }),
        (err: unknown) =>
          rejectsWith('store.schema_newer')(err) &&
          String(err).includes(`version ${SCHEMA_VERSION + 98}`) &&
          String(err).includes(`up to ${SCHEMA_VERSION}`),
      );
    }));

  test('a file that is not a store database is reported as corrupt, with its path', () =>
    withFile(async (file) => {
      fs.writeFileSync(file, 'this is a spreadsheet, not a database '.repeat(200));
      await assert.rejects(
        openStore({ file }),
        (err: unknown) => rejectsWith('store.corrupt')(err) && String(err).includes(file),
      );
    }));

  test('a file in a folder that does not exist cannot be opened, and says where', async () => {
    const file = path.join(dir, 'missing-folder', 'store.db');
    await assert.rejects(
      openStore({ file }),
      (err: unknown) => rejectsWith('store.open_failed')(err) && String(err).includes(file),
    );
  });

  test('a database locked by another connection is retried, then reported busy', () =>
    withFile(async (file) => {
      await using({ file, busyTimeoutMs: 5, busyRetries: 2 }, async (store) => {
        const other = new Database(file);
        try {
          other.exec('BEGIN IMMEDIATE');
          await assert.rejects(
            store.enqueue({ idempotencyKey: 'k', operation: 'x', target: 'y', payload: {} }),
            rejectsWith('store.busy'),
          );
          other.exec('COMMIT');
          assert.equal(
            (await store.enqueue({ idempotencyKey: 'k', operation: 'x', target: 'y', payload: {} })).inserted,
            true,
          );
        } finally {
          other.close();
        }
      });
    }));

  test('a lock released while the store waits lets the write through', () =>
    withFile(async (file) => {
      await using({ file, busyTimeoutMs: 5, busyRetries: 8 }, async (store) => {
        const other = new Database(file);
        try {
          other.exec('BEGIN IMMEDIATE');
          setTimeout(() => other.exec('COMMIT'), 30);
          assert.equal(
            (await store.recordEvent({ eventId: 'e', source: 's', type: 't', receivedAt: new Date(), payload: {} }))
              .inserted,
            true,
          );
        } finally {
          other.close();
        }
      });
    }));

  test('a full disk is reported as such', () =>
    withFile(async (file) => {
      await using({ file }, async () => undefined);
      await rawSql(file, async (db) => {
        db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
        const fill = db.prepare('INSERT INTO tombstones (hash, created_at) VALUES (?, 0)');
        await assert.rejects(
          withBusyRetry(
            () => {
              for (let i = 0; i < 10_000; i++) fill.run(`h${i}`.padEnd(64, 'x'));
            },
            file,
            0,
          ),
          (err: unknown) => rejectsWith('store.disk_full')(err) && String(err).includes(file),
        );
      });
    }));
});

describe('SQLite store: scale', () => {
  test('candidate lookup reads only the index ranges of its keys among a million persons', () =>
    withFile(async (file) => {
      await using({ file }, async () => undefined);
      rawSql(file, (db) => {
        db.pragma('foreign_keys = OFF');
        const insert = db.prepare('INSERT INTO blocking_keys (key, guid) VALUES (?, ?)');
        db.transaction(() => {
          for (let i = 0; i < 1_000_000; i++)
            insert.run(`ln:${String(Math.floor(i / 20)).padStart(6, '0')}`, `p${String(i).padStart(7, '0')}`);
        })();
      });
      await using({ file }, async (store) => {
        const started = process.hrtime.bigint();
        const found = await store.candidatesForKeys(['ln:004711', 'ln:049999', 'fn:nobody'], 50);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        assert.equal(found.length, 40);
        // An index search takes well under a millisecond here; a scan of the million rows takes hundreds.
        assert.ok(ms < 50, `lookup took ${ms} ms`);
      });
    }));
});
