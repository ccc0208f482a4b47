import type { SecretCodec } from '../secretCodec';
import type { CandidateQuery, CandidateSearch, Json, PersonNames } from '../types';
import type { Queryable } from './driver';
import { lockLivePerson } from './persons';

type NameKind = 'first' | 'last';
const NAME_KINDS: readonly NameKind[] = ['first', 'last'];

/**
 * The lookup side of the identity graph: blocking keys (an index from key to persons) and name
 * counts, which give the matcher name frequencies without scanning persons.
 */
export class PgBlocking {
  constructor(private readonly codec: SecretCodec) {}

  /** Call inside a transaction. With keepOtherKeys, adds to the person's keys instead of replacing them. */
  async putKeys(q: Queryable, guid: string, keys: readonly string[], keepOtherKeys = false): Promise<void> {
    await lockLivePerson(q, guid);
    if (!keepOtherKeys) await q.query('DELETE FROM blocking_keys WHERE guid = $1', [guid]);
    if (keys.length > 0) {
      await q.query(
        'INSERT INTO blocking_keys (key, guid) SELECT DISTINCT unnest($1::text[]), $2::text ON CONFLICT DO NOTHING',
        [keys, guid],
      );
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

  /**
   * One statement: each key's block is counted up to one past maxBlockSize (a very common key costs a
   * short index walk), and only the blocks no larger are listed and ranked.
   */
  async search(q: Queryable, query: CandidateQuery): Promise<CandidateSearch> {
    const strong = [...new Set(query.strongKeys ?? [])];
    const keys = [...new Set([...query.keys, ...strong])];
    if (keys.length === 0 || query.limit <= 0) return { candidates: [], oversizedKeys: [] };
    const {
      rows: [row],
    } = await q.query<{
      oversized: string[];
      candidates: Array<{ guid: string; shared: number; record: string | null }>;
    }>(
      `WITH sized AS (
         SELECT a.key, (SELECT count(*) FROM (SELECT 1 FROM blocking_keys b WHERE b.key = a.key LIMIT $3) listed) AS n
         FROM (SELECT DISTINCT unnest($1::text[]) COLLATE "C" AS key) a
       ),
       ranked AS (
         SELECT b.guid, count(*) AS shared, bool_or(b.key = ANY($2::text[])) AS strong
         FROM sized s JOIN blocking_keys b ON b.key = s.key WHERE s.n < $3
         GROUP BY b.guid ORDER BY strong DESC, shared DESC, b.guid LIMIT $4
       )
       SELECT (SELECT coalesce(array_agg(key ORDER BY key), '{}') FROM sized WHERE n >= $3) AS oversized,
              (SELECT coalesce(json_agg(json_build_object('guid', r.guid, 'shared', r.shared, 'record', c.record)
                 ORDER BY r.strong DESC, r.shared DESC, r.guid), '[]')
               FROM ranked r LEFT JOIN comparison_records c ON c.guid = r.guid) AS candidates`,
      [keys, strong, query.maxBlockSize + 1, query.limit],
    );
    return {
      oversizedKeys: row?.oversized ?? [],
      candidates: (row?.candidates ?? []).map((c) => ({
        guid: c.guid,
        sharedKeys: Number(c.shared),
        comparisonRecord: c.record === null ? null : (this.codec.decodePayload(c.record) as Json),
      })),
    };
  }

  async sample(q: Queryable, limit: number): Promise<Array<{ guid: string; comparisonRecord: Json }>> {
    const { rows } = await q.query<{ guid: string; record: string }>(
      'SELECT guid, record FROM comparison_records ORDER BY random() LIMIT $1',
      [limit],
    );
    return rows.map((r) => ({ guid: r.guid, comparisonRecord: this.codec.decodePayload(r.record) as Json }));
  }

  /** Call inside a transaction, for a live person. */
  async putComparisonRecord(q: Queryable, guid: string, record: Json | null): Promise<void> {
    if (record === null) await q.query('DELETE FROM comparison_records WHERE guid = $1', [guid]);
    else {
      await q.query(
        'INSERT INTO comparison_records (guid, record) VALUES ($1, $2) ON CONFLICT (guid) DO UPDATE SET record = excluded.record',
        [guid, this.codec.encodePayload(record)],
      );
    }
  }

  async nameFrequencies(q: Queryable, names: ReadonlyArray<{ kind: NameKind; value: string }>): Promise<number[]> {
    if (names.length === 0) return [];
    const { rows } = await q.query<{ persons: number; total: number }>(
      `SELECT coalesce(c.persons, 0) AS persons, coalesce(t.persons, 0) AS total
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS n (kind, value, i)
       LEFT JOIN name_counts c ON c.kind = n.kind AND c.value = n.value
       LEFT JOIN name_totals t ON t.kind = n.kind
       ORDER BY n.i`,
      [names.map((n) => n.kind), names.map((n) => n.value)],
    );
    return rows.map((r) => (r.total > 0 ? r.persons / r.total : 0));
  }

  /**
   * Call inside a transaction, for persons created in it: keys, names, counts and comparison records in
   * a few statements for the whole batch.
   */
  async addNewPersons(
    q: Queryable,
    persons: ReadonlyArray<{ guid: string; keys: readonly string[]; names: PersonNames; comparisonRecord?: Json }>,
  ): Promise<void> {
    const keyRows = persons.flatMap((p) => [...new Set(p.keys)].map((key) => [key, p.guid] as const));
    if (keyRows.length > 0) {
      await q.query(
        'INSERT INTO blocking_keys (key, guid) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
        [keyRows.map((r) => r[0]), keyRows.map((r) => r[1])],
      );
    }
    const withRecord = persons.filter((p) => p.comparisonRecord !== undefined && p.comparisonRecord !== null);
    if (withRecord.length > 0) {
      await q.query('INSERT INTO comparison_records (guid, record) SELECT * FROM unnest($1::text[], $2::text[])', [
        withRecord.map((p) => p.guid),
        withRecord.map((p) => this.codec.encodePayload(p.comparisonRecord)),
      ]);
    }
    const named = persons
      .map((p) => ({ guid: p.guid, first: p.names.first || null, last: p.names.last || null }))
      .filter((n) => n.first !== null || n.last !== null);
    if (named.length === 0) return;
    await q.query(
      'INSERT INTO person_names (guid, first, last) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])',
      [named.map((n) => n.guid), named.map((n) => n.first), named.map((n) => n.last)],
    );
    const deltas = new Map<string, { kind: NameKind; value: string; delta: number }>();
    for (const n of named) {
      for (const kind of NAME_KINDS) {
        const value = n[kind];
        if (value === null) continue;
        const id = `${kind}\0${value}`;
        deltas.set(id, { kind, value, delta: (deltas.get(id)?.delta ?? 0) + 1 });
      }
    }
    await this.addCounts(q, [...deltas.values()]);
  }

  /** Call inside a transaction. */
  async putNames(q: Queryable, guid: string, names: PersonNames): Promise<void> {
    await lockLivePerson(q, guid);
    const {
      rows: [stored],
    } = await q.query<{ first: string | null; last: string | null }>(
      'SELECT first, last FROM person_names WHERE guid = $1',
      [guid],
    );
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
    const {
      rows: [row],
    } = await q.query<{ persons: number | null; total: number | null }>(
      `SELECT (SELECT persons FROM name_counts WHERE kind = $1 AND value = $2) AS persons,
              (SELECT persons FROM name_totals WHERE kind = $1) AS total`,
      [kind, value],
    );
    const total = row?.total ?? 0;
    return total > 0 ? (row?.persons ?? 0) / total : 0;
  }

  /**
   * Positive deltas, one per (kind, value), in one statement per table. Rows are locked in the same
   * order as changeCounts locks them (the ordinality keeps the sorted order), and the totals last.
   */
  private async addCounts(
    q: Queryable,
    changes: Array<{ kind: NameKind; value: string; delta: number }>,
  ): Promise<void> {
    const order = (c: { kind: string; value: string }) => `${c.kind}\0${c.value}`;
    const sorted = [...changes].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    await q.query(
      `INSERT INTO name_counts (kind, value, persons)
       SELECT kind, value, delta FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS c (kind, value, delta, i) ORDER BY i
       ON CONFLICT (kind, value) DO UPDATE SET persons = name_counts.persons + excluded.persons`,
      [sorted.map((c) => c.kind), sorted.map((c) => c.value), sorted.map((c) => c.delta)],
    );
    for (const kind of NAME_KINDS) {
      const delta = sorted.filter((c) => c.kind === kind).reduce((sum, c) => sum + c.delta, 0);
      if (delta === 0) continue;
      await q.query(
        'INSERT INTO name_totals (kind, persons) VALUES ($1, $2) ON CONFLICT (kind) DO UPDATE SET persons = name_totals.persons + excluded.persons',
        [kind, delta],
      );
    }
  }

  /**
   * Every transaction locks the count rows it changes in one order (kind, then value) and the totals
   * last, so two renames crossing each other's names cannot deadlock.
   */
  private async changeCounts(
    q: Queryable,
    changes: Array<{ kind: NameKind; value: string; delta: number }>,
  ): Promise<void> {
    const order = (c: { kind: string; value: string }) => `${c.kind}\0${c.value}`;
    const sorted = [...changes].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    for (const { kind, value, delta } of sorted) {
      await q.query(
        'INSERT INTO name_counts (kind, value, persons) VALUES ($1, $2, $3) ON CONFLICT (kind, value) DO UPDATE SET persons = name_counts.persons + excluded.persons',
        [kind, value, delta],
      );
      if (delta < 0)
        await q.query('DELETE FROM name_counts WHERE kind = $1 AND value = $2 AND persons <= 0', [kind, value]);
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
