import { HrError } from '../../errors';
import type { CompleteOptions, NewOutboxEntry, OutboxEntry, OutboxScope, OutboxStatus } from '../types';
import { inTransaction, toDate, toDateOrNull, type SqliteContext } from './context';

interface OutboxRow {
  id: number;
  idempotency_key: string;
  operation: string;
  target: string;
  payload: string;
  person_guid: string | null;
  owner: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_error: string | null;
  result: string | null;
  created_at: number;
  updated_at: number;
}

interface ScopeParams {
  operations: string | null;
  owner: string | null;
}

/** An entry in the scope named by @operations (a JSON array) and @owner; entries of no owner belong to every owner. */
const IN_SCOPE = `(@operations IS NULL OR operation IN (SELECT value FROM json_each(@operations)))
  AND (@owner IS NULL OR owner IS NULL OR owner = @owner)`;

const scopeParams = (scope: OutboxScope = {}): ScopeParams => ({
  operations: scope.operations ? JSON.stringify(scope.operations) : null,
  owner: scope.owner ?? null,
});

/** Pending writes to the HRIS, with leases so a crashed worker's claim is picked up again. */
export class SqliteOutbox {
  private readonly insert;
  private readonly selectById;
  private readonly selectByKey;
  private readonly claim;
  private readonly markDone;
  private readonly erasePayload;
  private readonly markRetry;
  private readonly markDead;
  private readonly selectDead;
  private readonly revive;
  private readonly discard;
  private readonly countByStatus;

  constructor(private readonly ctx: SqliteContext) {
    const { db } = ctx;
    this.insert = db.prepare<[string, string, string, string, string | null, string | null, number, number, number]>(
      `INSERT INTO outbox (idempotency_key, operation, target, payload, person_guid, owner, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
    );
    this.selectById = db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
    this.selectByKey = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE idempotency_key = ?');
    this.claim = db.prepare<ScopeParams & { now: number; leaseUntil: number; limit: number }, OutboxRow>(
      `UPDATE outbox SET lease_until = @leaseUntil, updated_at = @now, attempts = attempts + (CASE WHEN lease_until IS NULL THEN 0 ELSE 1 END) WHERE id IN (
         SELECT id FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
           AND ${IN_SCOPE}
         ORDER BY next_attempt_at, id LIMIT @limit)
       RETURNING *`,
    );
    this.markDone = db.prepare<[string, number, number]>(
      "UPDATE outbox SET status = 'done', result = ?, lease_until = NULL, updated_at = ? WHERE id = ? AND status <> 'done'",
    );
    this.erasePayload = db.prepare<[string, number]>('UPDATE outbox SET payload = ? WHERE id = ?');
    this.markRetry = db.prepare<[number, string, number, number]>(
      "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'pending'",
    );
    this.markDead = db.prepare<[string, number, number]>(
      "UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ?, lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'pending'",
    );
    this.selectDead = db.prepare<ScopeParams & { limit: number }, OutboxRow>(
      `SELECT * FROM outbox WHERE status = 'dead' AND ${IN_SCOPE} ORDER BY updated_at, id LIMIT @limit`,
    );
    this.revive = db.prepare<[number, number, number]>(
      "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'dead'",
    );
    this.discard = db.prepare<[number, number]>(
      "UPDATE outbox SET status = 'discarded', updated_at = ? WHERE id = ? AND status = 'dead'",
    );
    this.countByStatus = db.prepare<ScopeParams, { status: OutboxStatus; n: number }>(
      `SELECT status, COUNT(*) AS n FROM outbox WHERE ${IN_SCOPE} GROUP BY status`,
    );
  }

  enqueue(entry: NewOutboxEntry): { entry: OutboxEntry; inserted: boolean } {
    return inTransaction(this.ctx.db, () => {
      const now = this.ctx.now();
      const { changes } = this.insert.run(
        entry.idempotencyKey,
        entry.operation,
        entry.target,
        this.ctx.codec.encodePayload(entry.payload),
        entry.personGuid ?? null,
        entry.owner ?? null,
        now,
        now,
        now,
      );
      return { entry: this.toEntry(this.selectByKey.get(entry.idempotencyKey) as OutboxRow), inserted: changes === 1 };
    });
  }

  claimDue(now: Date, limit: number, leaseMs: number, scope?: OutboxScope): OutboxEntry[] {
    if (limit <= 0) return [];
    const rows = inTransaction(this.ctx.db, () =>
      this.claim.all({ now: now.getTime(), leaseUntil: now.getTime() + leaseMs, limit, ...scopeParams(scope) }),
    );
    return rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.id - b.id).map((row) => this.toEntry(row));
  }

  complete(id: number, result: unknown, options: CompleteOptions = {}): void {
    inTransaction(this.ctx.db, () => {
      this.require(id);
      this.markDone.run(this.ctx.codec.encodePayload(result), this.ctx.now(), id);
      if (options.erasePayload) this.erasePayload.run(this.ctx.codec.encodePayload(null), id);
    });
  }

  reschedule(id: number, nextAttemptAt: Date, error: string): void {
    this.transition(
      id,
      'pending',
      () => this.markRetry.run(nextAttemptAt.getTime(), error, this.ctx.now(), id).changes,
    );
  }

  deadLetter(id: number, error: string): void {
    this.transition(id, 'pending', () => this.markDead.run(error, this.ctx.now(), id).changes);
  }

  listDead(limit: number, scope?: OutboxScope): OutboxEntry[] {
    return this.selectDead.all({ limit, ...scopeParams(scope) }).map((row) => this.toEntry(row));
  }

  retryDead(id: number): void {
    const now = this.ctx.now();
    this.transition(id, 'dead', () => this.revive.run(now, now, id).changes);
  }

  discardDead(id: number): void {
    this.transition(id, 'dead', () => this.discard.run(this.ctx.now(), id).changes);
  }

  count(scope?: OutboxScope): Record<OutboxStatus, number> {
    const counts: Record<OutboxStatus, number> = { pending: 0, done: 0, dead: 0, discarded: 0 };
    for (const row of this.countByStatus.all(scopeParams(scope))) counts[row.status] = row.n;
    return counts;
  }

  getByKey(idempotencyKey: string): OutboxEntry | null {
    const row = this.selectByKey.get(idempotencyKey);
    return row ? this.toEntry(row) : null;
  }

  private transition(id: number, from: OutboxStatus, apply: () => number): void {
    inTransaction(this.ctx.db, () => {
      const row = this.require(id);
      if (apply() === 0) {
        throw new HrError(
          'store.outbox_state',
          `Outbox entry ${id} is ${row.status}; this change needs it to be ${from}.`,
          { id, status: row.status },
        );
      }
    });
  }

  private require(id: number): OutboxRow {
    const row = this.selectById.get(id);
    if (!row) throw new HrError('store.outbox_not_found', `No outbox entry ${id}.`, { id });
    return row;
  }

  private toEntry(row: OutboxRow): OutboxEntry {
    return {
      id: row.id,
      idempotencyKey: row.idempotency_key,
      operation: row.operation,
      target: row.target,
      payload: this.ctx.codec.decode(row.payload),
      personGuid: row.person_guid,
      owner: row.owner,
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: toDate(row.next_attempt_at),
      leaseUntil: toDateOrNull(row.lease_until),
      lastError: row.last_error,
      result: row.result === null ? null : this.ctx.codec.decode(row.result),
      createdAt: toDate(row.created_at),
      updatedAt: toDate(row.updated_at),
    };
  }
}
