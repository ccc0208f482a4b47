import { HrError } from '../../errors';
import type { Db } from './connection';
import { inTransaction } from './context';

interface Migration {
  version: number;
  sql: string;
}

/** Append only: a released migration is never edited, a change is a new version. */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      CREATE TABLE events (
        source TEXT NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('accepted', 'done', 'failed')),
        error TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (source, event_id)
      ) WITHOUT ROWID;
      CREATE INDEX events_by_status ON events (status, received_at);
      CREATE INDEX events_by_received ON events (received_at);

      CREATE TABLE persons (
        guid TEXT PRIMARY KEY,
        record TEXT NOT NULL,
        consent TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        forgotten_at INTEGER
      ) WITHOUT ROWID;

      CREATE TABLE links (
        system TEXT NOT NULL,
        external_id TEXT NOT NULL,
        guid TEXT NOT NULL REFERENCES persons (guid),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (system, external_id)
      ) WITHOUT ROWID;
      CREATE INDEX links_by_guid ON links (guid);

      CREATE TABLE blocking_keys (
        key TEXT NOT NULL,
        guid TEXT NOT NULL REFERENCES persons (guid),
        PRIMARY KEY (key, guid)
      ) WITHOUT ROWID;
      CREATE INDEX blocking_keys_by_guid ON blocking_keys (guid);

      CREATE TABLE person_names (
        guid TEXT PRIMARY KEY REFERENCES persons (guid),
        first TEXT,
        last TEXT
      ) WITHOUT ROWID;
      CREATE TABLE name_counts (
        kind TEXT NOT NULL CHECK (kind IN ('first', 'last')),
        value TEXT NOT NULL,
        persons INTEGER NOT NULL,
        PRIMARY KEY (kind, value)
      ) WITHOUT ROWID;
      CREATE TABLE name_totals (
        kind TEXT PRIMARY KEY CHECK (kind IN ('first', 'last')),
        persons INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE provenance (
        guid TEXT NOT NULL REFERENCES persons (guid),
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        source TEXT NOT NULL,
        source_time INTEGER NOT NULL,
        PRIMARY KEY (guid, field)
      ) WITHOUT ROWID;

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL UNIQUE,
        operation TEXT NOT NULL,
        target TEXT NOT NULL,
        payload TEXT NOT NULL,
        person_guid TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'dead', 'discarded')),
        attempts INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        lease_until INTEGER,
        last_error TEXT,
        result TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
      CREATE INDEX outbox_by_person ON outbox (person_guid);

      CREATE TABLE reviews (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('possible_duplicate', 'compensation_variance', 'conflict')),
        person_guid TEXT,
        payload TEXT NOT NULL,
        explanation TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'approved', 'rejected')),
        decided_by TEXT,
        decided_at INTEGER,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX reviews_by_status ON reviews (status, id);
      CREATE INDEX reviews_by_person ON reviews (person_guid);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        event_id TEXT,
        source TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        person_guid TEXT,
        before_json TEXT,
        after_json TEXT,
        content_digest TEXT NOT NULL,
        erased INTEGER NOT NULL DEFAULT 0,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_by_person ON audit_log (person_guid);
      -- The hash chain detects tampering; these triggers stop the store's own code from doing it by mistake.
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_only_erasure BEFORE UPDATE ON audit_log
      WHEN NOT (NEW.erased = 1 AND NEW.before_json IS NULL AND NEW.after_json IS NULL
        AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.event_id IS OLD.event_id AND NEW.source = OLD.source
        AND NEW.actor = OLD.actor AND NEW.action = OLD.action AND NEW.person_guid IS OLD.person_guid
        AND NEW.content_digest = OLD.content_digest AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash)
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TABLE tombstones (hash TEXT PRIMARY KEY, created_at INTEGER NOT NULL) WITHOUT ROWID;

      CREATE TABLE counters (
        metric TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        labels TEXT NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (metric, bucket, labels)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE comparison_records (
        guid TEXT PRIMARY KEY REFERENCES persons (guid),
        record TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE review_subjects (
        hash TEXT NOT NULL,
        review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        PRIMARY KEY (hash, review_id)
      ) WITHOUT ROWID;
      CREATE INDEX review_subjects_by_review ON review_subjects (review_id);
    `,
  },
  {
    version: 3,
    sql: `
      -- The worker an entry belongs to; entries from before have none and stay claimable by any worker of their operation.
      ALTER TABLE outbox ADD COLUMN owner TEXT;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Brings the file to SCHEMA_VERSION, refusing one written by a newer release rather than guessing. */
export function migrate(db: Db, file: string, now: number): void {
  inTransaction(db, () => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const current = db.prepare<[], number | null>('SELECT max(version) FROM schema_version').pluck().get() ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new HrError(
        'store.schema_newer',
        `The store database ${file} has schema version ${current}, but this version of the package knows up to ${SCHEMA_VERSION}. Update the package, or use another file.`,
        { file, found: current, supported: SCHEMA_VERSION },
      );
    }
    const record = db.prepare<[number, number]>('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
    for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
      db.exec(migration.sql);
      record.run(migration.version, now);
    }
  });
}
