import Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { HrError } from '../../errors';

export type Db = Database.Database;

/** Opens the file with the settings every connection needs; a bad file fails here, not on first use. */
export function openDatabase(file: string, busyTimeoutMs: number): Db {
  let db: Db;
  try {
    db = new Database(file, { timeout: busyTimeoutMs });
  } catch (err) {
    throw new HrError(
      'store.open_failed',
      `The store database ${file} cannot be opened: ${messageOf(err)}. Check that the folder exists and Node-RED may write to it.`,
      { file },
      { cause: err },
    );
  }
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before the trigger answers the ATS, so an accepted hire survives a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db.close();
    throw storeError(err, file);
  }
}

/**
 * Runs a synchronous database call, retrying asynchronously while the file is locked: SQLite's own
 * busy wait blocks the event loop, so it is kept short and the longer waiting happens here.
 */
export async function withBusyRetry<T>(fn: () => T, file: string, retries: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (err) {
      if (!isBusy(err)) throw storeError(err, file);
      if (attempt >= retries) {
        throw new HrError(
          'store.busy',
          `The store database ${file} stayed locked by another connection after ${retries} retries. Check that no other program holds it open in a long transaction.`,
          { file },
          { cause: err },
        );
      }
      await sleep(Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

function isBusy(err: unknown): boolean {
  const code = sqliteCode(err);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** Maps a SQLite failure to the store error a person can act on; HrErrors pass through. */
export function storeError(err: unknown, file: string): HrError {
  if (err instanceof HrError) return err;
  const code = sqliteCode(err);
  const details = { file, sqliteCode: code };
  if (code === 'SQLITE_FULL') {
    return new HrError(
      'store.disk_full',
      `The disk holding the store database ${file} is full; nothing more can be written until space is freed.`,
      details,
      { cause: err },
    );
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new HrError(
      'store.corrupt',
      `The store database ${file} is damaged or is not a store database (${messageOf(err)}). Restore it from a backup or point the store at another file.`,
      details,
      { cause: err },
    );
  }
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_PERM' ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR')
  ) {
    return new HrError(
      'store.open_failed',
      `The store database ${file} cannot be read or written (${messageOf(err)}). Check the file's permissions and the disk.`,
      details,
      { cause: err },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new HrError('store.busy', `The store database ${file} is locked by another connection.`, details, {
      cause: err,
    });
  }
  return new HrError('store.failed', `The store database ${file} failed: ${messageOf(err)}`, details, { cause: err });
}

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
