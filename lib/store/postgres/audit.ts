import {
  nextLink,
  verifyChainInPages,
  type ChainedEntry,
  type StoredAuditLink,
  withoutDigest,
  fromJsonText,
} from '../auditChain';
import type { AuditEntry, AuditVerdict, NewAuditEntry } from '../types';
import type { PgContext } from './context';
import type { Queryable } from './driver';
import { getMeta, setMeta } from './meta';

interface AuditRow {
  id: number;
  at: Date;
  event_id: string | null;
  source: string;
  actor: string;
  action: string;
  person_guid: string | null;
  before_json: string | null;
  after_json: string | null;
  content_digest: string;
  erased: boolean;
  prev_hash: string;
  hash: string;
}

type Head = { id: number; hash: string } | null;
const HEAD = 'audit_head';

/** The append-only, hash-chained audit log, one chain for every instance sharing the database. */
export class PgAudit {
  constructor(private readonly ctx: PgContext) {}

  /**
   * Call inside a transaction. Locking the head row makes appends from all instances take turns, each
   * chaining to the head recorded at the last append (not to the last row present, so removing the
   * newest entries cannot be covered up by appending after them).
   */
  async append(q: Queryable, input: NewAuditEntry): Promise<AuditEntry> {
    const head = JSON.parse((await getMeta(q, HEAD, true)) ?? 'null') as Head;
    const { entry, prevHash, hash, beforeJson, afterJson, appended } = nextLink(head, input, this.ctx.now(), (v) =>
      this.ctx.codec.mask(v),
    );
    await q.query(
      `INSERT INTO audit_log (id, at, event_id, source, actor, action, person_guid, before_json, after_json, content_digest, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        entry.id,
        entry.at,
        entry.eventId,
        entry.source,
        entry.actor,
        entry.action,
        entry.personGuid,
        beforeJson,
        afterJson,
        entry.contentDigest,
        prevHash,
        hash,
      ],
    );
    await setMeta(q, HEAD, JSON.stringify({ id: entry.id, hash }));
    return appended;
  }

  async entries(
    q: Queryable,
    options: { personGuid?: string; afterId?: number; limit?: number },
  ): Promise<AuditEntry[]> {
    const afterId = options.afterId ?? 0;
    const limit = options.limit ?? 100;
    const { rows } = options.personGuid
      ? await q.query<AuditRow>('SELECT * FROM audit_log WHERE person_guid = $1 AND id > $2 ORDER BY id LIMIT $3', [
          options.personGuid,
          afterId,
          limit,
        ])
      : await q.query<AuditRow>('SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit]);
    return rows.map((row) => ({
      ...withoutDigest(toChained(row)),
      before: fromJsonText(row.before_json),
      after: fromJsonText(row.after_json),
      erased: row.erased,
    }));
  }

  /** Drops a forgotten person's before/after; the chain keeps their digest. */
  async eraseContent(q: Queryable, personGuid: string): Promise<void> {
    await q.query(
      'UPDATE audit_log SET before_json = NULL, after_json = NULL, erased = true WHERE person_guid = $1 AND NOT erased',
      [personGuid],
    );
  }
}

/**
 * Recomputes the chain, a page of rows at a time. Needs no key (before/after are masked, never
 * encrypted); call it in a repeatable-read transaction, so every page and the head come from one
 * snapshot and entries appended meanwhile cannot make them disagree.
 */
export function verifyAuditChain(q: Queryable): Promise<AuditVerdict> {
  return verifyChainInPages({
    head: async () => JSON.parse((await getMeta(q, HEAD)) ?? 'null') as Head,
    page: async (afterId, upToId, limit) =>
      (
        await q.query<AuditRow>('SELECT * FROM audit_log WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3', [
          afterId,
          upToId,
          limit,
        ])
      ).rows.map(toLink),
    lastId: async () => (await q.query<{ id: number | null }>('SELECT max(id) AS id FROM audit_log')).rows[0]?.id ?? 0,
  });
}

function toLink(row: AuditRow): StoredAuditLink {
  return {
    entry: toChained(row),
    prevHash: row.prev_hash,
    hash: row.hash,
    content: row.erased ? null : { before: fromJsonText(row.before_json), after: fromJsonText(row.after_json) },
  };
}

function toChained(row: AuditRow): ChainedEntry {
  return {
    id: row.id,
    at: row.at,
    eventId: row.event_id,
    source: row.source,
    actor: row.actor,
    action: row.action,
    personGuid: row.person_guid,
    contentDigest: row.content_digest,
  };
}
