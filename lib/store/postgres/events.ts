import { HrError } from '../../errors';
import { EVENT_RETENTION_MS, type EventStatus, type NewEvent, type StoredEvent } from '../types';
import type { PgContext } from './context';
import type { Queryable } from './driver';

interface EventRow {
  source: string;
  event_id: string;
  type: string;
  received_at: Date;
  payload: string;
  status: EventStatus;
  error: string | null;
}

/** Processed webhook events: the trigger's idempotency, unique by constraint across instances, and its restart journal. */
export class PgEvents {
  constructor(private readonly ctx: PgContext) {}

  async record(q: Queryable, event: NewEvent): Promise<{ inserted: boolean }> {
    const { rowCount } = await q.query(
      `INSERT INTO events (source, event_id, type, received_at, payload, status, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'accepted', $6) ON CONFLICT (source, event_id) DO NOTHING`,
      [
        event.source,
        event.eventId,
        event.type,
        event.receivedAt,
        this.ctx.codec.encodePayload(event.payload),
        this.ctx.now(),
      ],
    );
    return { inserted: rowCount === 1 };
  }

  /**
   * One statement, so all or nothing. Only the first of repeated keys is sent: which of two equal rows
   * in one INSERT survives ON CONFLICT is not something to rely on.
   */
  async recordMany(q: Queryable, events: readonly NewEvent[]): Promise<Array<{ inserted: boolean }>> {
    const keys = events.map((e) => JSON.stringify([e.source, e.eventId]));
    const first = keys.map((key, i) => keys.indexOf(key) === i);
    const rows = events.filter((_, i) => first[i]);
    if (rows.length === 0) return [];
    const { rows: inserted } = await q.query<{ source: string; event_id: string }>(
      `INSERT INTO events (source, event_id, type, received_at, payload, status, updated_at)
       SELECT source, event_id, type, received_at, payload, 'accepted', $6
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]) AS batch (source, event_id, type, received_at, payload)
       ON CONFLICT (source, event_id) DO NOTHING RETURNING source, event_id`,
      [
        rows.map((e) => e.source),
        rows.map((e) => e.eventId),
        rows.map((e) => e.type),
        rows.map((e) => e.receivedAt),
        rows.map((e) => this.ctx.codec.encodePayload(e.payload)),
        this.ctx.now(),
      ],
    );
    const fresh = new Set(inserted.map((row) => JSON.stringify([row.source, row.event_id])));
    return keys.map((key, i) => ({ inserted: first[i]! && fresh.has(key) }));
  }

  async mark(q: Queryable, source: string, eventId: string, status: 'done' | 'failed', error?: string): Promise<void> {
    const { rowCount } = await q.query(
      'UPDATE events SET status = $1, error = $2, updated_at = $3 WHERE source = $4 AND event_id = $5',
      [status, error ?? null, this.ctx.now(), source, eventId],
    );
    if (rowCount === 0)
      throw new HrError(
        'store.event_not_found',
        `No event ${eventId} from ${source} was recorded, so it cannot be marked ${status}.`,
        { source, eventId },
      );
  }

  async pending(q: Queryable, limit: number): Promise<StoredEvent[]> {
    const { rows } = await q.query<EventRow>(
      "SELECT * FROM events WHERE status = 'accepted' ORDER BY received_at, source, event_id LIMIT $1",
      [limit],
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      source: row.source,
      type: row.type,
      receivedAt: row.received_at,
      payload: this.ctx.codec.decode(row.payload),
      status: row.status,
      error: row.error,
    }));
  }

  async prune(q: Queryable, olderThan: Date): Promise<number> {
    const cutoff = new Date(Math.min(olderThan.getTime(), this.ctx.now().getTime() - EVENT_RETENTION_MS));
    const { rowCount } = await q.query("DELETE FROM events WHERE received_at < $1 AND status <> 'accepted'", [cutoff]);
    return rowCount ?? 0;
  }
}
