import type { PersonNames } from '../types';
import { inTransaction, type SqliteContext } from './context';

type NameKind = 'first' | 'last';
const NAME_KINDS: readonly NameKind[] = ['first', 'last'];

/**
 * The lookup side of the identity graph: blocking keys (an index from key to persons) and name
 * counts, which give the matcher name frequencies without scanning persons.
 */
export class SqliteBlocking {
  private readonly deleteKeys;
  private readonly insertKey;
  private readonly selectCandidates;
  private readonly selectNames;
  private readonly upsertNames;
  private readonly deleteNames;
  private readonly addNameCount;
  private readonly dropEmptyNameCounts;
  private readonly addNameTotal;
  private readonly selectNameCount;
  private readonly selectNameTotal;

  constructor(private readonly ctx: SqliteContext, private readonly requireLive: (guid: string) => unknown) {
    const { db } = ctx;
    this.deleteKeys = db.prepare<[string]>('DELETE FROM blocking_keys WHERE guid = ?');
    this.insertKey = db.prepare<[string, string]>('INSERT OR IGNORE INTO blocking_keys (key, guid) VALUES (?, ?)');
    // Ranked by how many keys a person shares with the query; reads only the index ranges of the keys.
    this.selectCandidates = db.prepare<[string, number], string>(
      `SELECT guid FROM blocking_keys WHERE key IN (SELECT value FROM json_each(?))
       GROUP BY guid ORDER BY count(*) DESC, guid LIMIT ?`,
    ).pluck();
    this.selectNames = db.prepare<[string], { first: string | null; last: string | null }>('SELECT first, last FROM person_names WHERE guid = ?');
    this.upsertNames = db.prepare<[string, string | null, string | null]>(
      'INSERT INTO person_names (guid, first, last) VALUES (?, ?, ?) ON CONFLICT (guid) DO UPDATE SET first = excluded.first, last = excluded.last',
    );
    this.deleteNames = db.prepare<[string]>('DELETE FROM person_names WHERE guid = ?');
    this.addNameCount = db.prepare<[NameKind, string, number]>(
      'INSERT INTO name_counts (kind, value, persons) VALUES (?, ?, ?) ON CONFLICT (kind, value) DO UPDATE SET persons = persons + excluded.persons',
    );
    this.dropEmptyNameCounts = db.prepare<[NameKind, string]>('DELETE FROM name_counts WHERE kind = ? AND value = ? AND persons <= 0');
    this.addNameTotal = db.prepare<[NameKind, number]>(
      'INSERT INTO name_totals (kind, persons) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET persons = persons + excluded.persons',
    );
    this.selectNameCount = db.prepare<[NameKind, string], number>('SELECT persons FROM name_counts WHERE kind = ? AND value = ?').pluck();
    this.selectNameTotal = db.prepare<[NameKind], number>('SELECT persons FROM name_totals WHERE kind = ?').pluck();
  }

  putKeys(guid: string, keys: readonly string[]): void {
    inTransaction(this.ctx.db, () => {
      this.requireLive(guid);
      this.deleteKeys.run(guid);
      for (const key of new Set(keys)) this.insertKey.run(key, guid);
    });
  }

  candidates(keys: readonly string[], limit: number): string[] {
    if (keys.length === 0 || limit <= 0) return [];
    return this.selectCandidates.all(JSON.stringify([...new Set(keys)]), limit);
  }

  putNames(guid: string, names: PersonNames): void {
    inTransaction(this.ctx.db, () => {
      this.requireLive(guid);
      const old = this.selectNames.get(guid) ?? { first: null, last: null };
      const next = { first: names.first || null, last: names.last || null };
      for (const kind of NAME_KINDS) {
        if (old[kind] === next[kind]) continue;
        if (old[kind] !== null) this.changeCount(kind, old[kind], -1);
        if (next[kind] !== null) this.changeCount(kind, next[kind], +1);
      }
      if (next.first === null && next.last === null) this.deleteNames.run(guid);
      else this.upsertNames.run(guid, next.first, next.last);
    });
  }

  nameFrequency(kind: NameKind, value: string): number {
    const total = this.selectNameTotal.get(kind) ?? 0;
    return total > 0 ? (this.selectNameCount.get(kind, value) ?? 0) / total : 0;
  }

  private changeCount(kind: NameKind, value: string, delta: number): void {
    this.addNameCount.run(kind, value, delta);
    if (delta < 0) this.dropEmptyNameCounts.run(kind, value);
    this.addNameTotal.run(kind, delta);
  }
}
