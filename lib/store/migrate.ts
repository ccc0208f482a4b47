import Database from 'better-sqlite3';
import { HrError } from '../errors';
import { verifyAuditChain } from './postgres/audit';
import { PgDatabase } from './postgres/database';
import type { Queryable } from './postgres/driver';
import { migrate as migratePostgres } from './postgres/migrations';
import { storeError } from './sqlite/connection';
import { SCHEMA_VERSION as SQLITE_SCHEMA_VERSION } from './sqlite/migrations';
import { HASH_KEY_META } from './identifierHash';
import type { AuditVerdict } from './types';

/**
 * The tables both stores share, parents before children, with the columns SQLite keeps as epoch
 * milliseconds or 0/1. Everything else is copied as it is: encrypted values stay encrypted under the
 * same key, and the audit chain, GUIDs, ids and tombstone hashes (with their salt and key note in store_meta) move unchanged.
 */
const TABLES: ReadonlyArray<{
  name: string;
  times?: readonly string[];
  booleans?: readonly string[];
  identity?: boolean;
}> = [
  { name: 'persons', times: ['created_at', 'updated_at', 'forgotten_at'] },
  { name: 'links', times: ['created_at'] },
  { name: 'blocking_keys' },
  { name: 'comparison_records' },
  { name: 'person_names' },
  { name: 'name_counts' },
  { name: 'name_totals' },
  { name: 'provenance', times: ['source_time'] },
  { name: 'events', times: ['received_at', 'updated_at'] },
  { name: 'outbox', times: ['next_attempt_at', 'lease_until', 'created_at', 'updated_at'], identity: true },
  { name: 'reviews', times: ['decided_at', 'created_at'], identity: true },
  { name: 'review_subjects' },
  { name: 'audit_log', times: ['at'], booleans: ['erased'] },
  { name: 'tombstones', times: ['created_at'] },
  { name: 'counters', times: ['bucket'] },
];
const BATCH_ROWS = 200;

export interface MigrationReport {
  /** Rows copied per table. */
  rows: Record<string, number>;
  audit: AuditVerdict;
}

/**
 * Copies a SQLite store into an empty PostgreSQL database in one transaction, committed only when
 * the copied audit chain verifies. The SQLite file is only read. Stop every Node-RED instance using
 * either store first: one still running would keep writing to the old store, or hold a stale salt.
 * No key is needed: encrypted values are copied without being decrypted.
 */
export async function migrateSqliteToPostgres(options: { file: string; url: string }): Promise<MigrationReport> {
  const target = PgDatabase.create(options.url);
  try {
    const source = openSource(options.file);
    try {
      return await target.transaction((q) => copyStore(source, q, options.file, target.label));
    } finally {
      source.close();
    }
  } catch (err) {
    throw storeError(err, options.file);
  } finally {
    await target.close();
  }
}

async function copyStore(
  source: Database.Database,
  q: Queryable,
  file: string,
  database: string,
): Promise<MigrationReport> {
  await migratePostgres(q, database, new Date());
  await requireEmpty(q, database);
  // One read transaction on the file, so a write by someone else cannot be half copied.
  source.exec('BEGIN');
  try {
    const rows: Record<string, number> = {};
    for (const table of TABLES) rows[table.name] = await copyTable(source, q, table);
    await copyMeta(source, q);
    const audit = await verifyAuditChain(q);
    if (!audit.ok) {
      throw new HrError(
        'store.migrate_audit_broken',
        `The audit log copied from ${file} does not verify (${audit.reason}); nothing was written to ${database}. Run verifyAudit on the SQLite store to see whether the original is damaged.`,
        { firstBadId: audit.firstBadId },
      );
    }
    return { rows, audit };
  } finally {
    source.exec('COMMIT');
  }
}

function openSource(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new HrError(
      'store.open_failed',
      `The SQLite store ${file} cannot be opened for reading: ${err instanceof Error ? err.message : String(err)}.`,
      { file },
      { cause: err },
    );
  }
  try {
    const version = db.prepare<[], number | null>('SELECT max(version) FROM schema_version').pluck().get() ?? 0;
    if (version !== SQLITE_SCHEMA_VERSION) {
      throw new HrError(
        'store.migrate_source_version',
        `The SQLite store ${file} has schema version ${version}, but this release migrates version ${SQLITE_SCHEMA_VERSION}. Open it once with this release's SQLite store (which upgrades it), then migrate.`,
        { file, found: version, supported: SQLITE_SCHEMA_VERSION },
      );
    }
    return db;
  } catch (err) {
    db.close();
    throw storeError(err, file);
  }
}

async function requireEmpty(q: Queryable, database: string): Promise<void> {
  for (const { name } of TABLES) {
    const {
      rows: [row],
    } = await q.query<{ used: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${name}) AS used`);
    if (row?.used) {
      throw new HrError(
        'store.migrate_target_not_empty',
        `The PostgreSQL store ${database} already holds data (table ${name}); migrate only into a new, empty database.`,
        { database, table: name },
      );
    }
  }
}

async function copyTable(source: Database.Database, q: Queryable, table: (typeof TABLES)[number]): Promise<number> {
  const convert = (row: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...row };
    for (const column of table.times ?? []) out[column] = out[column] === null ? null : new Date(out[column] as number);
    for (const column of table.booleans ?? []) out[column] = out[column] === 1;
    return out;
  };
  let copied = 0;
  let batch: Array<Record<string, unknown>> = [];
  for (const row of source.prepare(`SELECT * FROM ${table.name}`).iterate() as Iterable<Record<string, unknown>>) {
    batch.push(convert(row));
    if (batch.length === BATCH_ROWS) {
      copied += await insertRows(q, table.name, batch);
      batch = [];
    }
  }
  if (batch.length > 0) copied += await insertRows(q, table.name, batch);
  if (table.identity) {
    // Ids are copied as they were; new rows must be numbered after them.
    await q.query(
      `SELECT setval(pg_get_serial_sequence('${table.name}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${table.name}`,
    );
  }
  return copied;
}

async function insertRows(q: Queryable, table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<number> {
  const columns = Object.keys(rows[0] ?? {});
  const values = rows.flatMap((row) => columns.map((column) => row[column]));
  const tuples = rows.map((_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
  const { rowCount } = await q.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
    values,
  );
  return rowCount ?? 0;
}

/**
 * Key check, tombstone salt and audit head replace whatever the new database was given when first opened.
 * Its own note that identifier hashes are keyed goes too: the copied hashes are keyed as the file's note says.
 */
async function copyMeta(source: Database.Database, q: Queryable): Promise<void> {
  await q.query('DELETE FROM store_meta WHERE key = $1', [HASH_KEY_META]);
  for (const { key, value } of source
    .prepare<[], { key: string; value: string }>('SELECT key, value FROM store_meta')
    .all()) {
    await q.query(
      'INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }
}
