import { HrError } from '../../errors';
import type { CompleteOptions, NewOutboxEntry, OutboxEntry, OutboxScope, OutboxStatus } from '../types';
import type { PgContext } from './context';
import type { Queryable } from './driver';

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
  next_attempt_at: Date;
  lease_until: Date | null;
  last_error: string | null;
  result: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * The condition for an entry in the scope, its operations and owner taken from parameters $first and
 * $first + 1; entries of no owner belong to every owner.
 */
const inScope = (first: number) => `($${first}::text[] IS NULL OR operation = ANY($${first}::text[]))
  AND ($${first + 1}::text IS NULL OR owner IS NULL OR owner = $${first + 1}::text)`;

const scopeValues = (scope: OutboxScope = {}) => [scope.operations ? [...scope.operations] : null, scope.owner ?? null];

/**
 * Pending writes to the HRIS, shared by every instance: an entry is claimed by one instance only,
 * and its lease lets another pick it up when the claimer crashed.
 */
export class PgOutbox {
  constructor(private readonly ctx: PgContext) {}

  /** The unique idempotency key decides between instances enqueueing the same write. */
  async enqueue(q: Queryable, entry: NewOutboxEntry): Promise<{ entry: OutboxEntry; inserted: boolean }> {
    const now = this.ctx.now();
    const {
      rows: [inserted],
    } = await q.query<OutboxRow>(
      `INSERT INTO outbox (idempotency_key, operation, target, payload, person_guid, owner, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $7, 'pending', 0, $6, $6, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
      [
        entry.idempotencyKey,
        entry.operation,
        entry.target,
        this.ctx.codec.encodePayload(entry.payload),
        entry.personGuid ?? null,
        now,
        entry.owner ?? null,
      ],
    );
    if (inserted) return { entry: this.toEntry(inserted), inserted: true };
    return { entry: (await this.getByKey(q, entry.idempotencyKey)) as OutboxEntry, inserted: false };
  }

  /**
   * SKIP LOCKED: instances claiming at once each take different rows instead of queueing behind one
   * another, and a row another instance is claiming right now is left to it. A lease still set on a
   * pending row was never released by its holder (stopped mid-call): that claim counts as an attempt.
   */
  async claimDue(q: Queryable, now: Date, limit: number, leaseMs: number, scope?: OutboxScope): Promise<OutboxEntry[]> {
    if (limit <= 0) return [];
    const { rows } = await q.query<OutboxRow>(
      `WITH due AS (
         SELECT id FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
           AND ${inScope(4)}
         ORDER BY next_attempt_at, id LIMIT $3
         FOR UPDATE SKIP LOCKED)
       UPDATE outbox SET lease_until = $2, updated_at = $1, attempts = outbox.attempts + (CASE WHEN outbox.lease_until IS NULL THEN 0 ELSE 1 END)
       FROM due WHERE outbox.id = due.id
       RETURNING outbox.*`,
      [now, new Date(now.getTime() + leaseMs), limit, ...scopeValues(scope)],
    );
    return rows
      .sort((a, b) => a.next_attempt_at.getTime() - b.next_attempt_at.getTime() || a.id - b.id)
      .map((row) => this.toEntry(row));
  }

  /** Completing a done entry again keeps the first result. */
  async complete(q: Queryable, id: number, result: unknown, options: CompleteOptions = {}): Promise<void> {
    const { rowCount } = await q.query(
      "UPDATE outbox SET status = 'done', result = $1, lease_until = NULL, updated_at = $2 WHERE id = $3 AND status <> 'done'",
      [this.ctx.codec.encodePayload(result), this.ctx.now(), id],
    );
    if (rowCount === 0) await this.require(q, id);
    if (options.erasePayload)
      await q.query('UPDATE outbox SET payload = $1 WHERE id = $2', [this.ctx.codec.encodePayload(null), id]);
  }

  reschedule(q: Queryable, id: number, nextAttemptAt: Date, error: string): Promise<void> {
    return this.transition(
      q,
      id,
      'pending',
      'attempts = attempts + 1, next_attempt_at = $3, last_error = $4, lease_until = NULL',
      [nextAttemptAt, error],
    );
  }

  deadLetter(q: Queryable, id: number, error: string): Promise<void> {
    return this.transition(
      q,
      id,
      'pending',
      "status = 'dead', attempts = attempts + 1, last_error = $3, lease_until = NULL",
      [error],
    );
  }

  async count(q: Queryable, scope?: OutboxScope): Promise<Record<OutboxStatus, number>> {
    const { rows } = await q.query<{ status: OutboxStatus; n: number }>(
      `SELECT status, COUNT(*)::int AS n FROM outbox WHERE ${inScope(1)} GROUP BY status`,
      scopeValues(scope),
    );
    const counts: Record<OutboxStatus, number> = { pending: 0, done: 0, dead: 0, discarded: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  async listDead(q: Queryable, limit: number, scope?: OutboxScope): Promise<OutboxEntry[]> {
    const { rows } = await q.query<OutboxRow>(
      `SELECT * FROM outbox WHERE status = 'dead' AND ${inScope(2)} ORDER BY updated_at, id LIMIT $1`,
      [limit, ...scopeValues(scope)],
    );
    return rows.map((row) => this.toEntry(row));
  }

  retryDead(q: Queryable, id: number): Promise<void> {
    return this.transition(q, id, 'dead', "status = 'pending', attempts = 0, next_attempt_at = $2", []);
  }

  discardDead(q: Queryable, id: number): Promise<void> {
    return this.transition(q, id, 'dead', "status = 'discarded'", []);
  }

  async getByKey(q: Queryable, idempotencyKey: string): Promise<OutboxEntry | null> {
    const {
      rows: [row],
    } = await q.query<OutboxRow>('SELECT * FROM outbox WHERE idempotency_key = $1', [idempotencyKey]);
    return row ? this.toEntry(row) : null;
  }

  /** One conditional UPDATE, so two instances changing one entry cannot both succeed. $1 is the id, $2 now. */
  private async transition(
    q: Queryable,
    id: number,
    from: OutboxStatus,
    set: string,
    values: unknown[],
  ): Promise<void> {
    const { rowCount } = await q.query(
      `UPDATE outbox SET ${set}, updated_at = $2 WHERE id = $1 AND status = '${from}'`,
      [id, this.ctx.now(), ...values],
    );
    if (rowCount !== 0) return;
    const row = await this.require(q, id);
    throw new HrError(
      'store.outbox_state',
      `Outbox entry ${id} is ${row.status}; this change needs it to be ${from}.`,
      { id, status: row.status },
    );
  }

  private async require(q: Queryable, id: number): Promise<OutboxRow> {
    const {
      rows: [row],
    } = await q.query<OutboxRow>('SELECT * FROM outbox WHERE id = $1', [id]);
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
      nextAttemptAt: row.next_attempt_at,
      leaseUntil: row.lease_until,
      lastError: row.last_error,
      result: row.result === null ? null : this.ctx.codec.decode(row.result),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
