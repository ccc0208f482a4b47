import { HrError } from '../../errors';
import { EVENT_RETENTION_MS, type EventStatus, type NewEvent, type StoredEvent } from '../types';
import { toDate, type SqliteContext } from './context';

interface EventRow {
  source: string;
  event_id: string;
  type: string;
  received_at: number;
  payload: string;
  status: EventStatus;
  error: string | null;
}

/** Processed webhook events: the trigger's idempotency and its restart journal. */
export class SqliteEvents {
  private readonly insert;
  private readonly update;
  private readonly selectPending;
  private readonly deleteFinished;

  constructor(private readonly ctx: SqliteContext) {
    const { db } = ctx;
    this.insert = db.prepare<[string, string, string, number, string, number]>(
      `INSERT INTO events (source, event_id, type, received_at, payload, status, updated_at)
       VALUES (?, ?, ?, ?, ?, 'accepted', ?) ON CONFLICT (source, event_id) DO NOTHING`,
    );
    this.update = db.prepare<[string, string | null, number, string, string]>(
      'UPDATE events SET status = ?, error = ?, updated_at = ? WHERE source = ? AND event_id = ?',
    );
    this.selectPending = db.prepare<[number], EventRow>(
      "SELECT * FROM events WHERE status = 'accepted' ORDER BY received_at, source, event_id LIMIT ?",
    );
    this.deleteFinished = db.prepare<[number]>("DELETE FROM events WHERE received_at < ? AND status <> 'accepted'");
  }

  record(event: NewEvent): { inserted: boolean } {
    const { changes } = this.insert.run(
      event.source,
      event.eventId,
      event.type,
      event.receivedAt.getTime(),
      this.ctx.codec.encodePayload(event.payload),
      this.ctx.now(),
    );
    return { inserted: changes === 1 };
  }

  mark(source: string, eventId: string, status: 'done' | 'failed', error?: string): void {
    const { changes } = this.update.run(status, error ?? null, this.ctx.now(), source, eventId);
    if (changes === 0)
      throw new HrError(
        'store.event_not_found',
        `No event ${eventId} from ${source} was recorded, so it cannot be marked ${status}.`,
        { source, eventId },
      );
  }

  pending(limit: number): StoredEvent[] {
    return this.selectPending.all(limit).map((row) => ({
      eventId: row.event_id,
      source: row.source,
      type: row.type,
      receivedAt: toDate(row.received_at),
      payload: this.ctx.codec.decode(row.payload),
      status: row.status,
      error: row.error,
    }));
  }

  prune(olderThan: Date): number {
    const cutoff = Math.min(olderThan.getTime(), this.ctx.now() - EVENT_RETENTION_MS);
    return this.deleteFinished.run(cutoff).changes;
  }
}
