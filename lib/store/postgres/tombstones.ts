import { HrError } from '../../errors';
import { identifierOf, personIdentifiers } from '../identifiers';
import { HASHED_TABLES, type IdentifierHasher } from '../identifierHash';
import type { RememberedDeletion, TombstoneProbe } from '../types';
import type { PgAudit } from './audit';
import type { PgBlocking } from './blocking';
import type { PgContext } from './context';
import type { Queryable } from './driver';
import type { PgIdentity } from './identity';

/** Forgetting a person, and recognising them afterwards only by keyed hashes of their identifiers (lib/store/identifierHash.ts). */
export class PgTombstones {
  constructor(
    private readonly ctx: PgContext,
    private readonly hasher: IdentifierHasher,
    private readonly parts: { identity: PgIdentity; blocking: PgBlocking; audit: PgAudit },
  ) {}

  /** Call inside a transaction. Forgetting twice is a no-op, so a redelivered deletion event is harmless. */
  async forget(q: Queryable, guid: string, actor: string): Promise<void> {
    const { identity, blocking, audit } = this.parts;
    const {
      rows: [locked],
    } = await q.query<{ forgotten_at: Date | null }>('SELECT forgotten_at FROM persons WHERE guid = $1 FOR UPDATE', [
      guid,
    ]);
    if (locked?.forgotten_at || (await this.has(q, { guid }))) return;
    const person = await identity.get(q, guid);
    if (!person) throw new HrError('store.person_not_found', `No person ${guid} in the store to forget.`, { guid });
    const provenance = Object.values(await identity.getProvenance(q, guid)).map((p) => p.value);
    const { rows: keys } = await q.query<{ key: string }>('SELECT key FROM blocking_keys WHERE guid = $1', [guid]);
    const identifiers = [
      ...personIdentifiers([person.record, ...provenance]),
      ...person.links.map((link) => identifierOf(link)),
      ...keys.map(({ key }) => identifierOf({ blockingKey: key })),
      identifierOf({ guid }),
    ];
    const now = this.ctx.now();
    await q.query(
      'INSERT INTO tombstones (hash, created_at) SELECT DISTINCT unnest($1::text[]), $2::timestamptz ON CONFLICT DO NOTHING',
      [identifiers.map((identifier) => this.hasher.hash(identifier)), now],
    );
    await blocking.putKeys(q, guid, []);
    await blocking.putNames(q, guid, {});
    await blocking.putComparisonRecord(q, guid, null);
    await q.query('DELETE FROM provenance WHERE guid = $1', [guid]);
    await q.query('DELETE FROM links WHERE guid = $1', [guid]);
    await q.query(
      "UPDATE persons SET record = '{}', consent = '{}', forgotten_at = $1, updated_at = $1 WHERE guid = $2",
      [now, guid],
    );
    await q.query('DELETE FROM reviews WHERE person_guid = $1', [guid]);
    // Unsent writes for a forgotten person must never go out; their idempotency keys stay taken.
    await q.query(
      `UPDATE outbox SET payload = $1, result = NULL, lease_until = NULL, updated_at = $2,
         last_error = CASE WHEN status IN ('pending', 'dead') THEN 'person forgotten' ELSE last_error END,
         status = CASE WHEN status IN ('pending', 'dead') THEN 'discarded' ELSE status END
       WHERE person_guid = $3`,
      [this.ctx.codec.encodePayload(null), now, guid],
    );
    await audit.eraseContent(q, guid);
    await audit.append(q, { source: 'store', actor, action: 'person.forgotten', personGuid: guid });
  }

  /** The first of the probes that names a forgotten person, in one query. */
  async firstForgotten<P extends TombstoneProbe>(q: Queryable, probes: readonly P[]): Promise<P | undefined> {
    if (probes.length === 0) return undefined;
    const hashes = probes.map((probe) => this.hasher.hash(identifierOf(probe)));
    const { rows } = await q.query<{ hash: string }>('SELECT hash FROM tombstones WHERE hash = ANY($1::text[])', [
      hashes,
    ]);
    const found = new Set(rows.map((r) => r.hash));
    return probes.find((_, i) => found.has(hashes[i]!));
  }

  async has(q: Queryable, probe: TombstoneProbe): Promise<boolean> {
    const { rowCount } = await q.query('SELECT 1 FROM tombstones WHERE hash = $1', [
      this.hasher.hash(identifierOf(probe)),
    ]);
    return rowCount === 1;
  }

  /** Call inside a transaction. Tombstones identifiers of someone the store never held; audited by count only. */
  async remember(q: Queryable, deletion: RememberedDeletion): Promise<number> {
    const { rowCount } = await q.query(
      'INSERT INTO tombstones (hash, created_at) SELECT DISTINCT unnest($1::text[]), $2::timestamptz ON CONFLICT DO NOTHING',
      [deletion.probes.map((probe) => this.hasher.hash(identifierOf(probe))), this.ctx.now()],
    );
    const added = rowCount ?? 0;
    await this.parts.audit.append(q, {
      eventId: deletion.eventId ?? null,
      source: deletion.source,
      actor: deletion.actor,
      action: 'identifiers.forgotten',
      after: { identifiers: deletion.probes.length, added },
    });
    return added;
  }

  /** Call inside a transaction: re-keys the hashes written while the store had no key. */
  static async rekey(q: Queryable, hasher: IdentifierHasher): Promise<void> {
    for (const table of HASHED_TABLES) {
      const { rows } = await q.query<{ hash: string }>(`SELECT DISTINCT hash FROM ${table}`);
      if (rows.length === 0) continue;
      await q.query(
        `UPDATE ${table} SET hash = batch.new_hash FROM unnest($1::text[], $2::text[]) AS batch (old_hash, new_hash) WHERE ${table}.hash = batch.old_hash`,
        [rows.map((r) => r.hash), rows.map((r) => hasher.rekey(r.hash))],
      );
    }
  }
}
