import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  nextLink,
  type AuditLogReader,
  type ChainedEntry,
  type StoredAuditLink,
  withoutDigest,
  fromJsonText,
} from '../auditChain';
import type { AuditEntry, NewAuditEntry } from '../types';
import { inTransaction, toDate, type SqliteContext } from './context';
import type { SqliteMeta } from './meta';

interface AuditRow {
  id: number;
  at: number;
  event_id: string | null;
  source: string;
  actor: string;
  action: string;
  person_guid: string | null;
  before_json: string | null;
  after_json: string | null;
  content_digest: string;
  erased: number;
  prev_hash: string;
  hash: string;
}

const HEAD = 'audit_head';

/** The append-only, hash-chained audit log. */
export class SqliteAudit {
  private readonly insert;
  private readonly selectRange;
  private readonly selectLastId;
  private readonly selectPage;
  private readonly selectPersonPage;
  private readonly erase;

  constructor(
    private readonly ctx: SqliteContext,
    private readonly meta: SqliteMeta,
  ) {
    const { db } = ctx;
    this.insert = db.prepare<
      [
        number,
        number,
        string | null,
        string,
        string,
        string,
        string | null,
        string | null,
        string | null,
        string,
        string,
        string,
      ]
    >(
      `INSERT INTO audit_log (id, at, event_id, source, actor, action, person_guid, before_json, after_json, content_digest, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectRange = db.prepare<[number, number, number], AuditRow>(
      'SELECT * FROM audit_log WHERE id > ? AND id <= ? ORDER BY id LIMIT ?',
    );
    this.selectLastId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM audit_log');
    this.selectPage = db.prepare<[number, number], AuditRow>(
      'SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?',
    );
    this.selectPersonPage = db.prepare<[string, number, number], AuditRow>(
      'SELECT * FROM audit_log WHERE person_guid = ? AND id > ? ORDER BY id LIMIT ?',
    );
    this.erase = db.prepare<[string]>(
      'UPDATE audit_log SET before_json = NULL, after_json = NULL, erased = 1 WHERE person_guid = ? AND erased = 0',
    );
  }

  /**
   * Chains to the head recorded at the last append, not to the last row present, so removing the
   * newest entries cannot be covered up by appending after them.
   */
  append(input: NewAuditEntry): AuditEntry {
    return inTransaction(this.ctx.db, () => {
      const head = this.head();
      const { entry, prevHash, hash, beforeJson, afterJson, appended } = nextLink(
        head,
        input,
        new Date(this.ctx.now()),
        (v) => this.ctx.codec.mask(v),
      );
      this.insert.run(
        entry.id,
        entry.at.getTime(),
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
      );
      this.meta.set(HEAD, JSON.stringify({ id: entry.id, hash }));
      return appended;
    });
  }

  entries(options: { personGuid?: string; afterId?: number; limit?: number }): AuditEntry[] {
    const afterId = options.afterId ?? 0;
    const limit = options.limit ?? 100;
    const rows = options.personGuid
      ? this.selectPersonPage.all(options.personGuid, afterId, limit)
      : this.selectPage.all(afterId, limit);
    return rows.map((row) => ({
      ...withoutDigest(toChained(row)),
      before: fromJsonText(row.before_json),
      after: fromJsonText(row.after_json),
      erased: row.erased === 1,
    }));
  }

  /**
   * The log as verifyChainInPages reads it, each read through `run` (the store's closed check, busy
   * retries and error mapping). Between pages the event loop serves other work: verifying a long log
   * must not stall the flows.
   */
  reader(run: <T>(read: () => T) => Promise<T>): AuditLogReader {
    return {
      head: () => run(() => this.head()),
      page: async (afterId, upToId, limit) => {
        await nextTurn();
        return run(() => this.selectRange.all(afterId, upToId, limit).map(toLink));
      },
      lastId: () => run(() => this.selectLastId.get()?.id ?? 0),
    };
  }

  /** Drops a forgotten person's before/after; the chain keeps their digest. */
  eraseContent(personGuid: string): void {
    this.erase.run(personGuid);
  }

  private head(): { id: number; hash: string } | null {
    const text = this.meta.get(HEAD);
    return text ? (JSON.parse(text) as { id: number; hash: string }) : null;
  }
}

function toLink(row: AuditRow): StoredAuditLink {
  return {
    entry: toChained(row),
    prevHash: row.prev_hash,
    hash: row.hash,
    content: row.erased === 1 ? null : { before: fromJsonText(row.before_json), after: fromJsonText(row.after_json) },
  };
}

function toChained(row: AuditRow): ChainedEntry {
  return {
    id: row.id,
    at: toDate(row.at),
    eventId: row.event_id,
    source: row.source,
    actor: row.actor,
    action: row.action,
    personGuid: row.person_guid,
    contentDigest: row.content_digest,
  };
}
