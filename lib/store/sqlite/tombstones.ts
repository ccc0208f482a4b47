import { HrError } from '../../errors';
import { identifierOf, personIdentifiers } from '../identifiers';
import { HASHED_TABLES, type IdentifierHasher } from '../identifierHash';
import type { RememberedDeletion, TombstoneProbe } from '../types';
import type { SqliteAudit } from './audit';
import type { SqliteBlocking } from './blocking';
import type { Db } from './connection';
import { inTransaction, type SqliteContext } from './context';
import type { SqliteIdentity } from './identity';

/** Forgetting a person, and recognising them afterwards only by keyed hashes of their identifiers (lib/store/identifierHash.ts). */
export class SqliteTombstones {
  private readonly insert;
  private readonly exists;
  private readonly selectKeys;
  private readonly deleteProvenance;
  private readonly deleteLinks;
  private readonly markForgotten;
  private readonly deleteReviews;
  private readonly eraseOutbox;

  constructor(
    private readonly ctx: SqliteContext,
    private readonly hasher: IdentifierHasher,
    private readonly parts: { identity: SqliteIdentity; blocking: SqliteBlocking; audit: SqliteAudit },
  ) {
    const { db } = ctx;
    this.insert = db.prepare<[string, number]>('INSERT OR IGNORE INTO tombstones (hash, created_at) VALUES (?, ?)');
    this.exists = db.prepare<[string], number>('SELECT 1 FROM tombstones WHERE hash = ?').pluck();
    this.selectKeys = db.prepare<[string], string>('SELECT key FROM blocking_keys WHERE guid = ?').pluck();
    this.deleteProvenance = db.prepare<[string]>('DELETE FROM provenance WHERE guid = ?');
    this.deleteLinks = db.prepare<[string]>('DELETE FROM links WHERE guid = ?');
    this.markForgotten = db.prepare<[number, number, string]>(
      "UPDATE persons SET record = '{}', consent = '{}', forgotten_at = ?, updated_at = ? WHERE guid = ?",
    );
    this.deleteReviews = db.prepare<[string]>('DELETE FROM reviews WHERE person_guid = ?');
    // Unsent writes for a forgotten person must never go out; their idempotency keys stay taken.
    this.eraseOutbox = db.prepare<{ payload: string; now: number; guid: string }>(
      `UPDATE outbox SET payload = @payload, result = NULL, lease_until = NULL, updated_at = @now,
         last_error = CASE WHEN status IN ('pending', 'dead') THEN 'person forgotten' ELSE last_error END,
         status = CASE WHEN status IN ('pending', 'dead') THEN 'discarded' ELSE status END
       WHERE person_guid = @guid`,
    );
  }

  /** Forgetting twice is a no-op, so a redelivered deletion event is harmless. */
  forget(guid: string, actor: string): void {
    const parts = this.parts;
    inTransaction(this.ctx.db, () => {
      if (this.has({ guid })) return;
      const person = parts.identity.get(guid);
      if (!person) throw new HrError('store.person_not_found', `No person ${guid} in the store to forget.`, { guid });
      const provenance = Object.values(parts.identity.getProvenance(guid)).map((p) => p.value);
      const identifiers = [
        ...personIdentifiers([person.record, ...provenance]),
        ...person.links.map((link) => identifierOf(link)),
        ...this.selectKeys.all(guid).map((blockingKey) => identifierOf({ blockingKey })),
        identifierOf({ guid }),
      ];
      const now = this.ctx.now();
      for (const identifier of identifiers) this.insert.run(this.hasher.hash(identifier), now);
      parts.blocking.putKeys(guid, []);
      parts.blocking.putNames(guid, {});
      parts.blocking.putComparisonRecord(guid, null);
      this.deleteProvenance.run(guid);
      this.deleteLinks.run(guid);
      this.markForgotten.run(now, now, guid);
      this.deleteReviews.run(guid);
      this.eraseOutbox.run({ payload: this.ctx.codec.encodePayload(null), now, guid });
      parts.audit.eraseContent(guid);
      parts.audit.append({ source: 'store', actor, action: 'person.forgotten', personGuid: guid });
    });
  }

  has(probe: TombstoneProbe): boolean {
    return this.exists.get(this.hasher.hash(identifierOf(probe))) !== undefined;
  }

  /** Tombstones identifiers of someone the store never held; audited by count only. */
  remember(deletion: RememberedDeletion): number {
    return inTransaction(this.ctx.db, () => {
      const now = this.ctx.now();
      let added = 0;
      for (const probe of deletion.probes) added += this.insert.run(this.hasher.hash(identifierOf(probe)), now).changes;
      this.parts.audit.append({
        eventId: deletion.eventId ?? null,
        source: deletion.source,
        actor: deletion.actor,
        action: 'identifiers.forgotten',
        after: { identifiers: deletion.probes.length, added },
      });
      return added;
    });
  }

  /** Re-keys, in the caller's transaction, the hashes written while the store had no key. */
  static rekey(db: Db, hasher: IdentifierHasher): void {
    for (const table of HASHED_TABLES) {
      const update = db.prepare<[string, string]>(`UPDATE ${table} SET hash = ? WHERE hash = ?`);
      for (const hash of db.prepare<[], string>(`SELECT DISTINCT hash FROM ${table}`).pluck().all())
        update.run(hasher.rekey(hash), hash);
    }
  }
}
