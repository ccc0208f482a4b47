import { HrError } from '../../errors';
import type { IdentifierHasher } from '../identifierHash';
import type { NewReview, Review, ReviewKind, ReviewStatus, ReviewUpdate } from '../types';
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
  constructor(
    private readonly ctx: PgContext,
    private readonly audit: PgAudit,
    private readonly hasher: IdentifierHasher,
  ) {}

  /** One statement: the review and its subject hashes. */
  async add(q: Queryable, review: NewReview): Promise<Review> {
    const {
      rows: [row],
    } = await q.query<ReviewRow>(
      `WITH added AS (
         INSERT INTO reviews (kind, person_guid, payload, explanation, status, created_at) VALUES ($1, $2, $3, $4, 'open', $5) RETURNING *
       ), subjects AS (
         INSERT INTO review_subjects (hash, review_id) SELECT unnest($6::text[]), id FROM added
       )
       SELECT * FROM added`,
      [
        review.kind,
        review.personGuid ?? null,
        this.ctx.codec.encodePayload(review.payload),
        review.explanation,
        this.ctx.now(),
        this.subjectHashes(review.subjectKeys),
      ],
    );
    return this.toReview(row as ReviewRow);
  }

  async findOpen(q: Queryable, kind: ReviewKind, subjectKeys: readonly string[]): Promise<Review | null> {
    if (subjectKeys.length === 0) return null;
    const {
      rows: [row],
    } = await q.query<ReviewRow>(
      `SELECT r.* FROM review_subjects s JOIN reviews r ON r.id = s.review_id
       WHERE s.hash = ANY($1::text[]) AND r.kind = $2 AND r.status = 'open' ORDER BY r.id DESC LIMIT 1`,
      [this.subjectHashes(subjectKeys), kind],
    );
    return row ? this.toReview(row) : null;
  }

  /** Call inside a transaction: the new content, its subject keys and the audit entry commit together. */
  async update(q: Queryable, id: number, update: ReviewUpdate, actor: string): Promise<Review> {
    const {
      rows: [row],
    } = await q.query<ReviewRow>('SELECT * FROM reviews WHERE id = $1 FOR UPDATE', [id]);
    if (!row)
      throw new HrError(
        'store.review_not_found',
        `No review ${id}; it may have been removed when its person was forgotten.`,
        { id },
      );
    if (row.status !== 'open') {
      throw new HrError(
        'store.review_decided',
        `Review ${id} was already ${row.status} by ${row.decided_by ?? 'someone'}.`,
        { id, status: row.status },
      );
    }
    const {
      rows: [updated],
    } = await q.query<ReviewRow>('UPDATE reviews SET payload = $1, explanation = $2 WHERE id = $3 RETURNING *', [
      this.ctx.codec.encodePayload(update.payload),
      update.explanation,
      id,
    ]);
    await q.query(
      'INSERT INTO review_subjects (hash, review_id) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING',
      [this.subjectHashes(update.subjectKeys), id],
    );
    await this.audit.append(q, {
      source: 'review',
      actor,
      action: 'review.updated',
      personGuid: row.person_guid,
      before: { id, kind: row.kind },
      after: { id, kind: row.kind },
    });
    return this.toReview(updated as ReviewRow);
  }

  /** Subject keys name persons (emails, ATS ids): only their keyed hashes are kept. */
  private subjectHashes(keys: readonly string[] = []): string[] {
    return [...new Set(keys)].map((key) => this.hasher.hash(`review-subject:${key}`));
  }

  async list(q: Queryable, status: ReviewStatus, limit: number): Promise<Review[]> {
    const { rows } = await q.query<ReviewRow>('SELECT * FROM reviews WHERE status = $1 ORDER BY id LIMIT $2', [
      status,
      limit,
    ]);
    return rows.map((row) => this.toReview(row));
  }

  async get(q: Queryable, id: number): Promise<Review | null> {
    const {
      rows: [row],
    } = await q.query<ReviewRow>('SELECT * FROM reviews WHERE id = $1', [id]);
    return row ? this.toReview(row) : null;
  }

  /** Call inside a transaction: the decision and its audit entry commit together, and the row lock lets one of two deciders win. */
  async decide(q: Queryable, id: number, decision: 'approved' | 'rejected', actor: string): Promise<Review> {
    const {
      rows: [row],
    } = await q.query<ReviewRow>('SELECT * FROM reviews WHERE id = $1 FOR UPDATE', [id]);
    if (!row)
      throw new HrError(
        'store.review_not_found',
        `No review ${id}; it may have been removed when its person was forgotten.`,
        { id },
      );
    if (row.status !== 'open') {
      throw new HrError(
        'store.review_decided',
        `Review ${id} was already ${row.status} by ${row.decided_by ?? 'someone'}.`,
        { id, status: row.status },
      );
    }
    const {
      rows: [decided],
    } = await q.query<ReviewRow>(
      'UPDATE reviews SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4 RETURNING *',
      [decision, actor, this.ctx.now(), id],
    );
    await this.audit.append(q, {
      source: 'review',
      actor,
      action: `review.${decision}`,
      personGuid: row.person_guid,
      before: { id, kind: row.kind, status: row.status },
      after: { id, kind: row.kind, status: decision },
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
