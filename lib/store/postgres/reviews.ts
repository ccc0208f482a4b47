import { HrError } from '../../errors';
import type { NewReview, Review, ReviewKind, ReviewStatus } from '../types';
import type { PgAudit } from './audit';
import type { PgContext } from './context';
import type { Queryable } from './driver';

interface ReviewRow {
  id: number;
  kind: ReviewKind;
  person_guid: string | null;
  payload: string;
  explanation: string;
  status: ReviewStatus;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
}

/** Matches and conflicts waiting for a person's decision. */
export class PgReviews {
  constructor(private readonly ctx: PgContext, private readonly audit: PgAudit) {}

  async add(q: Queryable, review: NewReview): Promise<Review> {
    const { rows: [row] } = await q.query<ReviewRow>(
      "INSERT INTO reviews (kind, person_guid, payload, explanation, status, created_at) VALUES ($1, $2, $3, $4, 'open', $5) RETURNING *",
      [review.kind, review.personGuid ?? null, this.ctx.codec.encodePayload(review.payload), review.explanation, this.ctx.now()],
    );
    return this.toReview(row as ReviewRow);
  }

  async list(q: Queryable, status: ReviewStatus, limit: number): Promise<Review[]> {
    const { rows } = await q.query<ReviewRow>('SELECT * FROM reviews WHERE status = $1 ORDER BY id LIMIT $2', [status, limit]);
    return rows.map((row) => this.toReview(row));
  }

  async get(q: Queryable, id: number): Promise<Review | null> {
    const { rows: [row] } = await q.query<ReviewRow>('SELECT * FROM reviews WHERE id = $1', [id]);
    return row ? this.toReview(row) : null;
  }

  /** Call inside a transaction: the decision and its audit entry commit together, and the row lock lets one of two deciders win. */
  async decide(q: Queryable, id: number, decision: 'approved' | 'rejected', actor: string): Promise<Review> {
    const { rows: [row] } = await q.query<ReviewRow>('SELECT * FROM reviews WHERE id = $1 FOR UPDATE', [id]);
    if (!row) throw new HrError('store.review_not_found', `No review ${id}; it may have been removed when its person was forgotten.`, { id });
    if (row.status !== 'open') {
      throw new HrError('store.review_decided', `Review ${id} was already ${row.status} by ${row.decided_by ?? 'someone'}.`, { id, status: row.status });
    }
    const { rows: [decided] } = await q.query<ReviewRow>(
      'UPDATE reviews SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4 RETURNING *',
      [decision, actor, this.ctx.now(), id],
    );
    await this.audit.append(q, {
      source: 'review', actor, action: `review.${decision}`, personGuid: row.person_guid,
      before: { id, kind: row.kind, status: row.status }, after: { id, kind: row.kind, status: decision },
    });
    return this.toReview(decided as ReviewRow);
  }

  private toReview(row: ReviewRow): Review {
    return {
      id: row.id,
      kind: row.kind,
      personGuid: row.person_guid,
      payload: this.ctx.codec.decode(row.payload),
      explanation: row.explanation,
      status: row.status,
      decidedBy: row.decided_by,
      decidedAt: row.decided_at,
      createdAt: row.created_at,
    };
  }
}
