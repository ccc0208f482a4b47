import type { Db } from './connection';

/** Single values the store keeps: key check, tombstone salt, audit head, poll cursors. */
export class SqliteMeta {
  private readonly select;
  private readonly upsert;
  private readonly remove;

  constructor(db: Db) {
    this.select = db.prepare<[string], string>('SELECT value FROM store_meta WHERE key = ?').pluck();
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.remove = db.prepare<[string]>('DELETE FROM store_meta WHERE key = ?');
  }

  get(key: string): string | null {
    return this.select.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.upsert.run(key, value);
  }

  delete(key: string): void {
    this.remove.run(key);
  }
}
