import { HrError } from '../../errors';
import type { IdentifierHasher } from '../identifierHash';
import type { NewReview, Review, ReviewKind, ReviewStatus, ReviewUpdate } from '../types';
import type { SqliteAudit } from './audit';
import { inTransaction, toDate, toDateOrNull, type SqliteContext } from './context';

interface ReviewRow {
  id: number;
  kind: ReviewKind;
  person_guid: string | null;
  payload: string;
  explanation: string;
  status: ReviewStatus;
  decided_by: string | null;
  decided_at: number | null;
  created_at: number;
}

/** Cases a human must decide: possible duplicates, compensation variances, survivorship conflicts. */
export class SqliteReviews {
  private readonly insert;
  private readonly selectById;
  private readonly selectByStatus;
  private readonly decide;
  private readonly insertSubject;
  private readonly selectOpenBySubject;
  private readonly updateOpen;

  constructor(
    private readonly ctx: SqliteContext,
    private readonly audit: SqliteAudit,
    private readonly hasher: IdentifierHasher,
  ) {
    const { db } = ctx;
    this.insert = db.prepare<[ReviewKind, string | null, string, string, number]>(
      "INSERT INTO reviews (kind, person_guid, payload, explanation, status, created_at) VALUES (?, ?, ?, ?, 'open', ?)",
    );
    this.selectById = db.prepare<[number], ReviewRow>('SELECT * FROM reviews WHERE id = ?');
    this.selectByStatus = db.prepare<[ReviewStatus, number], ReviewRow>(
      'SELECT * FROM reviews WHERE status = ? ORDER BY id LIMIT ?',
    );
    this.decide = db.prepare<[ReviewStatus, string, number, number]>(
      "UPDATE reviews SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'open'",
    );
    this.insertSubject = db.prepare<[string, number]>(
      'INSERT OR IGNORE INTO review_subjects (hash, review_id) VALUES (?, ?)',
    );
    this.selectOpenBySubject = db.prepare<[string, ReviewKind], ReviewRow>(
      `SELECT r.* FROM review_subjects s JOIN reviews r ON r.id = s.review_id
       WHERE s.hash IN (SELECT value FROM json_each(?)) AND r.kind = ? AND r.status = 'open' ORDER BY r.id DESC LIMIT 1`,
    );
    this.updateOpen = db.prepare<[string, string, number]>(
      "UPDATE reviews SET payload = ?, explanation = ? WHERE id = ? AND status = 'open'",
    );
  }

  add(review: NewReview): Review {
    return inTransaction(this.ctx.db, () => {
      const { lastInsertRowid } = this.insert.run(
        review.kind,
        review.personGuid ?? null,
        this.ctx.codec.encodePayload(review.payload),
        review.explanation,
        this.ctx.now(),
      );
      const id = Number(lastInsertRowid);
      for (const hash of this.subjectHashes(review.subjectKeys)) this.insertSubject.run(hash, id);
      return this.toReview(this.selectById.get(id) as ReviewRow);
    });
  }

  findOpen(kind: ReviewKind, subjectKeys: readonly string[]): Review | null {
    if (subjectKeys.length === 0) return null;
    const row = this.selectOpenBySubject.get(JSON.stringify(this.subjectHashes(subjectKeys)), kind);
    return row ? this.toReview(row) : null;
  }

  /** The new content, its subject keys and the audit entry commit together. */
  update(id: number, update: ReviewUpdate, actor: string): Review {
    return inTransaction(this.ctx.db, () => {
      const row = this.selectById.get(id);
      if (!row)
        throw new HrError(
          'store.review_not_found',
          `No review ${id}; it may have been removed when its person was forgotten.`,
          { id },
        );
      if (this.updateOpen.run(this.ctx.codec.encodePayload(update.payload), update.explanation, id).changes === 0) {
        throw new HrError(
          'store.review_decided',
          `Review ${id} was already ${row.status} by ${row.decided_by ?? 'someone'}.`,
          { id, status: row.status },
        );
      }
      for (const hash of this.subjectHashes(update.subjectKeys)) this.insertSubject.run(hash, id);
      this.audit.append({
        source: 'review',
        actor,
        action: 'review.updated',
        personGuid: row.person_guid,
        before: { id, kind: row.kind },
        after: { id, kind: row.kind },
      });
      return this.toReview(this.selectById.get(id) as ReviewRow);
    });
  }

  /** Subject keys name persons (emails, ATS ids): only their keyed hashes are kept. */
  private subjectHashes(keys: readonly string[] = []): string[] {
    return [...new Set(keys)].map((key) => this.hasher.hash(`review-subject:${key}`));
  }

  list(status: ReviewStatus, limit: number): Review[] {
    return this.selectByStatus.all(status, limit).map((row) => this.toReview(row));
  }

  get(id: number): Review | null {
    const row = this.selectById.get(id);
    return row ? this.toReview(row) : null;
  }

  /** The decision and its audit entry commit together. */
  decideReview(id: number, decision: 'approved' | 'rejected', actor: string): Review {
    return inTransaction(this.ctx.db, () => {
      const row = this.selectById.get(id);
      if (!row)
        throw new HrError(
          'store.review_not_found',
          `No review ${id}; it may have been removed when its person was forgotten.`,
          { id },
        );
      if (this.decide.run(decision, actor, this.ctx.now(), id).changes === 0) {
        throw new HrError(
          'store.review_decided',
          `Review ${id} was already ${row.status} by ${row.decided_by ?? 'someone'}.`,
          { id, status: row.status },
        );
      }
      this.audit.append({
        source: 'review',
        actor,
        action: `review.${decision}`,
        personGuid: row.person_guid,
        before: { id, kind: row.kind, status: row.status },
        after: { id, kind: row.kind, status: decision },
      });
      return this.toReview(this.selectById.get(id) as ReviewRow);
    });
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
      decidedAt: toDateOrNull(row.decided_at),
      createdAt: toDate(row.created_at),
    };
  }
}
