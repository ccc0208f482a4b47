import type { PersonNames } from '../types';
import type { Queryable } from './driver';
import { lockLivePerson } from './persons';

type NameKind = 'first' | 'last';
const NAME_KINDS: readonly NameKind[] = ['first', 'last'];

/**
 * The lookup side of the identity graph: blocking keys (an index from key to persons) and name
 * counts, which give the matcher name frequencies without scanning persons.
 */
export class PgBlocking {
  /** Call inside a transaction. */
  async putKeys(q: Queryable, guid: string, keys: readonly string[]): Promise<void> {
    await lockLivePerson(q, guid);
    await q.query('DELETE FROM blocking_keys WHERE guid = $1', [guid]);
    if (keys.length > 0) {
      await q.query('INSERT INTO blocking_keys (key, guid) SELECT DISTINCT unnest($1::text[]), $2::text ON CONFLICT DO NOTHING', [keys, guid]);
    }
  }

  /** Ranked by how many keys a person shares with the query; reads only the index ranges of the keys. */
  async candidates(q: Queryable, keys: readonly string[], limit: number): Promise<string[]> {
    if (keys.length === 0 || limit <= 0) return [];
    const { rows } = await q.query<{ guid: string }>(
      'SELECT guid FROM blocking_keys WHERE key = ANY($1::text[]) GROUP BY guid ORDER BY count(*) DESC, guid LIMIT $2',
      [[...new Set(keys)], limit],
    );
    return rows.map((row) => row.guid);
  }

  /** Call inside a transaction. */
  async putNames(q: Queryable, guid: string, names: PersonNames): Promise<void> {
    await lockLivePerson(q, guid);
    const { rows: [stored] } = await q.query<{ first: string | null; last: string | null }>('SELECT first, last FROM person_names WHERE guid = $1', [guid]);
    const old = stored ?? { first: null, last: null };
    const next = { first: names.first || null, last: names.last || null };
    const changes: Array<{ kind: NameKind; value: string; delta: number }> = [];
    for (const kind of NAME_KINDS) {
      if (old[kind] === next[kind]) continue;
      if (old[kind] !== null) changes.push({ kind, value: old[kind], delta: -1 });
      if (next[kind] !== null) changes.push({ kind, value: next[kind], delta: +1 });
    }
    if (next.first === null && next.last === null) await q.query('DELETE FROM person_names WHERE guid = $1', [guid]);
    else {
      await q.query(
        'INSERT INTO person_names (guid, first, last) VALUES ($1, $2, $3) ON CONFLICT (guid) DO UPDATE SET first = excluded.first, last = excluded.last',
        [guid, next.first, next.last],
      );
    }
    await this.changeCounts(q, changes);
  }

  async nameFrequency(q: Queryable, kind: NameKind, value: string): Promise<number> {
    const { rows: [row] } = await q.query<{ persons: number | null; total: number | null }>(
      `SELECT (SELECT persons FROM name_counts WHERE kind = $1 AND value = $2) AS persons,
              (SELECT persons FROM name_totals WHERE kind = $1) AS total`,
      [kind, value],
    );
    const total = row?.total ?? 0;
    return total > 0 ? (row?.persons ?? 0) / total : 0;
  }

  /**
   * Every transaction locks the count rows it changes in one order (kind, then value) and the totals
   * last, so two renames crossing each other's names cannot deadlock.
   */
  private async changeCounts(q: Queryable, changes: Array<{ kind: NameKind; value: string; delta: number }>): Promise<void> {
    const order = (c: { kind: string; value: string }) => `${c.kind}\0${c.value}`;
    const sorted = [...changes].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    for (const { kind, value, delta } of sorted) {
      await q.query(
        'INSERT INTO name_counts (kind, value, persons) VALUES ($1, $2, $3) ON CONFLICT (kind, value) DO UPDATE SET persons = name_counts.persons + excluded.persons',
        [kind, value, delta],
      );
      if (delta < 0) await q.query('DELETE FROM name_counts WHERE kind = $1 AND value = $2 AND persons <= 0', [kind, value]);
    }
    for (const kind of NAME_KINDS) {
      const ofKind = changes.filter((c) => c.kind === kind);
      if (ofKind.length === 0) continue;
      const delta = ofKind.reduce((sum, c) => sum + c.delta, 0);
      await q.query(
        'INSERT INTO name_totals (kind, persons) VALUES ($1, $2) ON CONFLICT (kind) DO UPDATE SET persons = name_totals.persons + excluded.persons',
        [kind, delta],
      );
    }
  }
}
