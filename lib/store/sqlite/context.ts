import type { SecretCodec } from '../secretCodec';
import type { Db } from './connection';

/** What every SQLite store module shares. */
export interface SqliteContext {
  db: Db;
  codec: SecretCodec;
  file: string;
  /** Current time in epoch milliseconds, from the store's clock. */
  now: () => number;
}

/**
 * Runs fn in a write transaction taken up front: a deferred transaction that reads and then
 * writes can fail with SQLITE_BUSY_SNAPSHOT under WAL when another connection wrote in between.
 * Nested calls become savepoints.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

export const toDate = (ms: number): Date => new Date(ms);
export const toDateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
