import type { Candidate, CandidateQuery, CandidateSearch, Json, PersonNames } from '../types';
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
  private readonly beyondBlock;
  private readonly selectBlock;
  private readonly upsertComparison;
  private readonly deleteComparison;
  private readonly selectComparisons;
  private readonly selectSample;

  constructor(
    private readonly ctx: SqliteContext,
    private readonly requireLive: (guid: string) => unknown,
  ) {
    const { db } = ctx;
    this.deleteKeys = db.prepare<[string]>('DELETE FROM blocking_keys WHERE guid = ?');
    this.insertKey = db.prepare<[string, string]>('INSERT OR IGNORE INTO blocking_keys (key, guid) VALUES (?, ?)');
    // Ranked by how many keys a person shares with the query; reads only the index ranges of the keys.
    this.selectCandidates = db
      .prepare<[string, number], string>(
        `SELECT guid FROM blocking_keys WHERE key IN (SELECT value FROM json_each(?))
       GROUP BY guid ORDER BY count(*) DESC, guid LIMIT ?`,
      )
      .pluck();
    this.selectNames = db.prepare<[string], { first: string | null; last: string | null }>(
      'SELECT first, last FROM person_names WHERE guid = ?',
    );
    this.upsertNames = db.prepare<[string, string | null, string | null]>(
      'INSERT INTO person_names (guid, first, last) VALUES (?, ?, ?) ON CONFLICT (guid) DO UPDATE SET first = excluded.first, last = excluded.last',
    );
    this.deleteNames = db.prepare<[string]>('DELETE FROM person_names WHERE guid = ?');
    this.addNameCount = db.prepare<[NameKind, string, number]>(
      'INSERT INTO name_counts (kind, value, persons) VALUES (?, ?, ?) ON CONFLICT (kind, value) DO UPDATE SET persons = persons + excluded.persons',
    );
    this.dropEmptyNameCounts = db.prepare<[NameKind, string]>(
      'DELETE FROM name_counts WHERE kind = ? AND value = ? AND persons <= 0',
    );
    this.addNameTotal = db.prepare<[NameKind, number]>(
      'INSERT INTO name_totals (kind, persons) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET persons = persons + excluded.persons',
    );
    this.selectNameCount = db
      .prepare<[NameKind, string], number>('SELECT persons FROM name_counts WHERE kind = ? AND value = ?')
      .pluck();
    this.selectNameTotal = db.prepare<[NameKind], number>('SELECT persons FROM name_totals WHERE kind = ?').pluck();
    // A row past the largest block listed means the key is too common: a short index walk inside SQLite,
    // with no rows handed to JavaScript.
    this.beyondBlock = db
      .prepare<[string, number], number>('SELECT 1 FROM blocking_keys WHERE key = ? LIMIT 1 OFFSET ?')
      .pluck();
    this.selectBlock = db.prepare<[string], string>('SELECT guid FROM blocking_keys WHERE key = ?').pluck();
    this.upsertComparison = db.prepare<[string, string]>(
      'INSERT INTO comparison_records (guid, record) VALUES (?, ?) ON CONFLICT (guid) DO UPDATE SET record = excluded.record',
    );
    this.deleteComparison = db.prepare<[string]>('DELETE FROM comparison_records WHERE guid = ?');
    this.selectComparisons = db.prepare<[string], { guid: string; record: string }>(
      'SELECT guid, record FROM comparison_records WHERE guid IN (SELECT value FROM json_each(?))',
    );
    this.selectSample = db.prepare<[number], { guid: string; record: string }>(
      'SELECT guid, record FROM comparison_records ORDER BY random() LIMIT ?',
    );
  }

  sample(limit: number): Array<{ guid: string; comparisonRecord: Json }> {
    return this.selectSample
      .all(limit)
      .map((r) => ({ guid: r.guid, comparisonRecord: this.ctx.codec.decodePayload(r.record) as Json }));
  }

  putKeys(guid: string, keys: readonly string[]): void {
    inTransaction(this.ctx.db, () => {
      this.requireLive(guid);
      this.deleteKeys.run(guid);
      for (const key of new Set(keys)) this.insertKey.run(key, guid);
    });
  }

  /** Call inside a transaction, for a live person: adds to the keys they have. */
  addKeys(guid: string, keys: readonly string[]): void {
    for (const key of new Set(keys)) this.insertKey.run(key, guid);
  }

  candidates(keys: readonly string[], limit: number): string[] {
    if (keys.length === 0 || limit <= 0) return [];
    return this.selectCandidates.all(JSON.stringify([...new Set(keys)]), limit);
  }

  /**
   * Lists the blocks of the keys no larger than maxBlockSize, ranking the persons found by how many of
   * them they are in. One read transaction: a consistent view, and one lock instead of one per statement.
   */
  search(query: CandidateQuery): CandidateSearch {
    return this.ctx.db.transaction(() => this.searchInTransaction(query))();
  }

  private searchInTransaction(query: CandidateQuery): CandidateSearch {
    const strong = new Set(query.strongKeys ?? []);
    const keys = [...new Set([...query.keys, ...strong])];
    if (keys.length === 0 || query.limit <= 0) return { candidates: [], oversizedKeys: [] };
    const rank = new Map<string, { shared: number; strong: boolean }>();
    const oversizedKeys: string[] = [];
    for (const key of keys) {
      if (this.beyondBlock.get(key, query.maxBlockSize) !== undefined) {
        oversizedKeys.push(key);
        continue;
      }
      for (const guid of this.selectBlock.all(key)) {
        const r = rank.get(guid) ?? { shared: 0, strong: false };
        r.shared += 1;
        r.strong ||= strong.has(key);
        rank.set(guid, r);
      }
    }
    const chosen = [...rank]
      .sort(
        ([ga, a], [gb, b]) =>
          Number(b.strong) - Number(a.strong) || b.shared - a.shared || (ga < gb ? -1 : ga > gb ? 1 : 0),
      )
      .slice(0, query.limit);
    if (chosen.length === 0) return { candidates: [], oversizedKeys };
    const records = new Map(
      this.selectComparisons.all(JSON.stringify(chosen.map(([guid]) => guid))).map((r) => [r.guid, r.record]),
    );
    const candidates: Candidate[] = chosen.map(([guid, r]) => {
      const record = records.get(guid);
      return {
        guid,
        sharedKeys: r.shared,
        comparisonRecord: record === undefined ? null : (this.ctx.codec.decodePayload(record) as Json),
      };
    });
    return { candidates, oversizedKeys };
  }

  /** Call inside a transaction, for a live person. */
  putComparisonRecord(guid: string, record: Json | null): void {
    if (record === null) this.deleteComparison.run(guid);
    else this.upsertComparison.run(guid, this.ctx.codec.encodePayload(record));
  }

  nameFrequencies(names: ReadonlyArray<{ kind: NameKind; value: string }>): number[] {
    const totals = new Map(NAME_KINDS.map((kind) => [kind, this.selectNameTotal.get(kind) ?? 0]));
    return names.map(({ kind, value }) => {
      const total = totals.get(kind) ?? 0;
      return total > 0 ? (this.selectNameCount.get(kind, value) ?? 0) / total : 0;
    });
  }

  /** Names of persons created in this transaction: no earlier names to take back, and each count changed once. */
  addNamesOfNewPersons(entries: ReadonlyArray<{ guid: string; names: PersonNames }>): void {
    const deltas = new Map<string, { kind: NameKind; value: string; delta: number }>();
    for (const { guid, names } of entries) {
      const next = { first: names.first || null, last: names.last || null };
      if (next.first === null && next.last === null) continue;
      this.upsertNames.run(guid, next.first, next.last);
      for (const kind of NAME_KINDS) {
        const value = next[kind];
        if (value === null) continue;
        const id = `${kind}\0${value}`;
        const entry = deltas.get(id) ?? { kind, value, delta: 0 };
        entry.delta += 1;
        deltas.set(id, entry);
      }
    }
    for (const { kind, value, delta } of deltas.values()) this.changeCount(kind, value, delta);
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
