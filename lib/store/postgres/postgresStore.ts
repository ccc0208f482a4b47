import { HrError } from '../../errors';
import { matchingKeyOf, newSalt } from '../crypto';
import { KeyedLock } from '../keyedLock';
import { prepareCodec } from '../secretCodec';
import { HASH_KEY_META, IdentifierHasher } from '../identifierHash';
import {
  DEFAULT_LEASE_MS,
  type AuditEntry,
  type AuditVerdict,
  type Bucket,
  type CompleteOptions,
  type ConsentFlags,
  type HrStore,
  type JsonObject,
  type Labels,
  type NewAuditEntry,
  type NewEvent,
  type NewOutboxEntry,
  type NewPerson,
  type NewReview,
  type OutboxEntry,
  type OutboxScope,
  type Person,
  type PersonNames,
  type Provenance,
  type RememberedDeletion,
  type Review,
  type ReviewStatus,
  type StoreOptions,
  type StoredEvent,
  type TombstoneProbe,
  type CandidateQuery,
  type CandidateSearch,
  type MatchIndexEntry,
  type ReviewKind,
  type ReviewUpdate,
  nodeStateKey,
} from '../types';
import { PgAudit, verifyAuditChain } from './audit';
import { PgBlocking } from './blocking';
import type { PgContext } from './context';
import { PgCounters } from './counters';
import { PgDatabase } from './database';
import type { Queryable } from './driver';
import { PgEvents } from './events';
import { PgIdentity } from './identity';
import { identityLockIds } from './identityLocks';
import { deleteMeta, getMeta, setMeta } from './meta';
import { migrate } from './migrations';
import { PgOutbox } from './outbox';
import { PgReviews } from './reviews';
import { PgTombstones } from './tombstones';

export type PostgresStoreOptions = Omit<StoreOptions, 'file' | 'url'> & { url: string };

/**
 * The shared store: one PostgreSQL database for several Node-RED instances. What must happen once is
 * decided by the database (unique constraints, row and advisory locks), never by one process's memory.
 */
export class PostgresStore implements HrStore {
  private readonly lock = new KeyedLock();
  private closed = false;
  private readonly events: PgEvents;
  private readonly identity: PgIdentity;
  private readonly blocking: PgBlocking;
  private readonly outbox: PgOutbox;
  private readonly reviews: PgReviews;
  private readonly auditLog: PgAudit;
  private readonly tombstones: PgTombstones;
  private readonly counters: PgCounters;

  private constructor(
    private readonly db: PgDatabase,
    ctx: PgContext,
    hasher: IdentifierHasher,
    private readonly keyForMatching: Buffer,
  ) {
    this.events = new PgEvents(ctx);
    this.blocking = new PgBlocking(ctx.codec);
    this.identity = new PgIdentity(
      ctx,
      this.blocking,
      (q, link) => this.tombstones.has(q, link),
      (q, links) => this.tombstones.firstForgotten(q, links),
    );
    this.auditLog = new PgAudit(ctx);
    this.outbox = new PgOutbox(ctx);
    this.reviews = new PgReviews(ctx, this.auditLog, hasher);
    this.tombstones = new PgTombstones(ctx, hasher, {
      identity: this.identity,
      blocking: this.blocking,
      audit: this.auditLog,
    });
    this.counters = new PgCounters(ctx);
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const now = options.clock ?? (() => new Date());
    const db = PgDatabase.create(options.url);
    try {
      // One transaction under the migration lock: instances opening a new database together agree on one salt and key check.
      const { codec, hasher, salt } = await db.transaction(async (q) => {
        await migrate(q, db.label, now());
        const prepared = prepareCodec({ ...options, file: db.label }, await getMeta(q, 'key_check'));
        if (prepared.newCheck) await setMeta(q, 'key_check', prepared.newCheck);
        let storedSalt = await getMeta(q, 'tombstone_salt');
        if (!storedSalt) await setMeta(q, 'tombstone_salt', (storedSalt = newSalt()));
        const keyed = new IdentifierHasher(storedSalt, options.key);
        if (keyed.needsRekey(await getMeta(q, HASH_KEY_META))) {
          await PgTombstones.rekey(q, keyed);
          await setMeta(q, HASH_KEY_META, keyed.keyId!);
        }
        return { codec: prepared.codec, hasher: keyed, salt: storedSalt };
      });
      return new PostgresStore(db, { codec, now }, hasher, matchingKeyOf(options.key, salt));
    } catch (err) {
      await db.close();
      // Whatever kept the store from answering while opening, the store did not open.
      throw err instanceof HrError && (err.code === 'store.unavailable' || err.code === 'store.busy')
        ? new HrError('store.open_failed', err.message, err.details, { cause: err })
        : err;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  /* events */
  recordEvent(event: NewEvent) {
    return this.run((q) => this.events.record(q, event));
  }
  recordEvents(events: readonly NewEvent[]) {
    return this.run((q) => this.events.recordMany(q, events));
  }
  markEvent(source: string, eventId: string, status: 'done' | 'failed', error?: string) {
    return this.run((q) => this.events.mark(q, source, eventId, status, error));
  }
  pendingEvents(limit = 1000): Promise<StoredEvent[]> {
    return this.run((q) => this.events.pending(q, limit));
  }
  pruneEvents(olderThan: Date) {
    return this.run((q) => this.events.prune(q, olderThan));
  }

  /* identity */
  /**
   * The in-process lock queues this process's resolutions of one person without holding connections;
   * the advisory locks then exclude other instances resolving the same keys.
   */
  resolveIdentity<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
    if (keys.length === 0)
      return Promise.reject(
        new HrError(
          'store.lock_keys_missing',
          'resolveIdentity needs at least one key to serialise on (an external id or a blocking key).',
        ),
      );
    if (this.closed) return Promise.reject(this.closedError());
    return this.lock.run(keys, () => this.db.withAdvisoryLocks(identityLockIds(keys), fn));
  }
  createPerson(init: NewPerson = {}): Promise<Person> {
    return this.inTransaction((q) => this.identity.create(q, init));
  }
  getPerson(guid: string) {
    return this.run((q) => this.identity.get(q, guid));
  }
  savePerson(guid: string, record: JsonObject, provenance?: Record<string, Provenance>) {
    return this.inTransaction((q) => this.identity.save(q, guid, record, provenance));
  }
  setConsent(guid: string, flags: ConsentFlags) {
    return this.inTransaction((q) => this.identity.setConsent(q, guid, flags));
  }
  findByExternalId(system: string, externalId: string) {
    return this.run((q) => this.identity.findByExternalId(q, system, externalId));
  }
  link(guid: string, system: string, externalId: string) {
    return this.inTransaction((q) => this.identity.link(q, guid, system, externalId));
  }
  putBlockingKeys(guid: string, keys: string[]) {
    return this.inTransaction((q) => this.blocking.putKeys(q, guid, keys));
  }
  candidatesForKeys(keys: string[], limit: number) {
    return this.run((q) => this.blocking.candidates(q, keys, limit));
  }
  putNames(guid: string, names: PersonNames) {
    return this.inTransaction((q) => this.blocking.putNames(q, guid, names));
  }
  nameFrequency(kind: 'first' | 'last', value: string) {
    return this.run((q) => this.blocking.nameFrequency(q, kind, value));
  }
  getProvenance(guid: string) {
    return this.run((q) => this.identity.getProvenance(q, guid));
  }
  setProvenance(guid: string, field: string, provenance: Provenance) {
    return this.inTransaction((q) => this.identity.setProvenance(q, guid, field, provenance));
  }

  /* outbox */
  enqueue(entry: NewOutboxEntry) {
    return this.run((q) => this.outbox.enqueue(q, entry));
  }
  claimDue(now: Date, limit: number, leaseMs = DEFAULT_LEASE_MS, scope?: OutboxScope): Promise<OutboxEntry[]> {
    return this.run((q) => this.outbox.claimDue(q, now, limit, leaseMs, scope));
  }
  complete(id: number, result: unknown, options?: CompleteOptions) {
    return this.inTransaction((q) => this.outbox.complete(q, id, result, options));
  }
  reschedule(id: number, nextAttemptAt: Date, error: string) {
    return this.run((q) => this.outbox.reschedule(q, id, nextAttemptAt, error));
  }
  deadLetter(id: number, error: string) {
    return this.run((q) => this.outbox.deadLetter(q, id, error));
  }
  listDeadLetters(limit = 100, scope?: OutboxScope) {
    return this.run((q) => this.outbox.listDead(q, limit, scope));
  }
  countOutbox(scope?: OutboxScope) {
    return this.run((q) => this.outbox.count(q, scope));
  }
  retryDeadLetter(id: number) {
    return this.run((q) => this.outbox.retryDead(q, id));
  }
  discardDeadLetter(id: number) {
    return this.run((q) => this.outbox.discardDead(q, id));
  }
  getByIdempotencyKey(idempotencyKey: string) {
    return this.run((q) => this.outbox.getByKey(q, idempotencyKey));
  }

  /* reviews */
  addReview(review: NewReview): Promise<Review> {
    return this.run((q) => this.reviews.add(q, review));
  }
  listReviews(status: ReviewStatus, limit = 100) {
    return this.run((q) => this.reviews.list(q, status, limit));
  }
  getReview(id: number) {
    return this.run((q) => this.reviews.get(q, id));
  }
  decideReview(id: number, decision: 'approved' | 'rejected', actor: string) {
    return this.inTransaction((q) => this.reviews.decide(q, id, decision, actor));
  }

  /* audit */
  audit(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.inTransaction((q) => this.auditLog.append(q, entry));
  }
  auditEntries(options: { personGuid?: string; afterId?: number; limit?: number } = {}) {
    return this.run((q) => this.auditLog.entries(q, options));
  }
  verifyAudit(): Promise<AuditVerdict> {
    return this.inTransaction(verifyAuditChain, 'repeatable read');
  }

  /* tombstones */
  forget(guid: string, actor: string) {
    return this.inTransaction((q) => this.tombstones.forget(q, guid, actor));
  }
  isTombstoned(probe: TombstoneProbe) {
    return this.run((q) => this.tombstones.has(q, probe));
  }
  rememberDeletion(deletion: RememberedDeletion) {
    return this.inTransaction((q) => this.tombstones.remember(q, deletion));
  }

  /* counters */
  count(metric: string, labels: Labels = {}, n = 1, at?: Date) {
    return this.run((q) => this.counters.count(q, metric, labels, n, at));
  }
  sumCounters(metric: string, since: Date, labels?: Labels) {
    return this.run((q) => this.counters.sum(q, metric, since, labels));
  }
  counterSeries(metric: string, since: Date, bucket: Bucket, labels?: Labels) {
    return this.run((q) => this.counters.series(q, metric, since, bucket, labels));
  }

  /* identity resolution at scale */
  createPersons(inits: readonly NewPerson[]): Promise<string[]> {
    return this.inTransaction((q) => this.identity.createMany(q, inits));
  }
  putMatchIndex(guid: string, entry: MatchIndexEntry) {
    return this.inTransaction((q) => this.identity.putMatchIndex(q, guid, entry));
  }
  findCandidates(query: CandidateQuery): Promise<CandidateSearch> {
    return this.run((q) => this.blocking.search(q, query));
  }
  nameFrequencies(names: ReadonlyArray<{ kind: 'first' | 'last'; value: string }>) {
    return this.run((q) => this.blocking.nameFrequencies(q, names));
  }
  matchingKey(): Buffer {
    return this.keyForMatching;
  }
  sampleComparisonRecords(limit: number) {
    return this.run((q) => this.blocking.sample(q, limit));
  }

  /* reviews of a subject that arrives again */
  findOpenReview(kind: ReviewKind, subjectKeys: readonly string[]) {
    return this.run((q) => this.reviews.findOpen(q, kind, subjectKeys));
  }
  updateReview(id: number, update: ReviewUpdate, actor: string) {
    return this.inTransaction((q) => this.reviews.update(q, id, update, actor));
  }

  /* poll cursors */
  getNodeState(name: string) {
    return this.run((q) => getMeta(q, nodeStateKey(name)));
  }
  setNodeState(name: string, value: string | null) {
    return this.run((q) =>
      value === null ? deleteMeta(q, nodeStateKey(name)) : setMeta(q, nodeStateKey(name), value),
    );
  }

  /** One statement, or several that are safe one by one, on any pooled connection. */
  private run<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.closed ? Promise.reject(this.closedError()) : fn(this.db);
  }

  private inTransaction<T>(fn: (q: Queryable) => Promise<T>, isolation?: 'repeatable read'): Promise<T> {
    return this.closed ? Promise.reject(this.closedError()) : this.db.transaction(fn, isolation);
  }

  private closedError(): HrError {
    return new HrError('store.closed', `The store ${this.db.label} is closed.`, { database: this.db.label });
  }
}
