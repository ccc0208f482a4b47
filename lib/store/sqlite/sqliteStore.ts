import { HrError } from '../../errors';
import { matchingKeyOf, newSalt } from '../crypto';
import { verifyChainInPages } from '../auditChain';
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
import { SqliteAudit } from './audit';
import { SqliteBlocking } from './blocking';
import { openDatabase, storeError, withBusyRetry, type Db } from './connection';
import { inTransaction, type SqliteContext } from './context';
import { SqliteCounters } from './counters';
import { SqliteEvents } from './events';
import { SqliteIdentity } from './identity';
import { SqliteMeta } from './meta';
import { migrate } from './migrations';
import { SqliteOutbox } from './outbox';
import { SqliteReviews } from './reviews';
import { SqliteTombstones } from './tombstones';

/** The embedded store: one SQLite file, for a single Node-RED process. */
export class SqliteStore implements HrStore {
  private readonly lock = new KeyedLock();
  private closed = false;
  private readonly events: SqliteEvents;
  private readonly identity: SqliteIdentity;
  private readonly blocking: SqliteBlocking;
  private readonly outbox: SqliteOutbox;
  private readonly reviews: SqliteReviews;
  private readonly auditLog: SqliteAudit;
  private readonly tombstones: SqliteTombstones;
  private readonly counters: SqliteCounters;

  private constructor(
    private readonly db: Db,
    private readonly ctx: SqliteContext,
    private readonly meta: SqliteMeta,
    hasher: IdentifierHasher,
    private readonly busyRetries: number,
    private readonly keyForMatching: Buffer,
  ) {
    this.events = new SqliteEvents(ctx);
    this.blocking = new SqliteBlocking(ctx, (guid) => this.identity.requireLive(guid));
    this.identity = new SqliteIdentity(ctx, this.blocking, (link) => this.tombstones.has(link));
    this.auditLog = new SqliteAudit(ctx, meta);
    this.outbox = new SqliteOutbox(ctx);
    this.reviews = new SqliteReviews(ctx, this.auditLog, hasher);
    this.tombstones = new SqliteTombstones(ctx, hasher, {
      identity: this.identity,
      blocking: this.blocking,
      audit: this.auditLog,
    });
    this.counters = new SqliteCounters(ctx);
  }

  static async open(options: StoreOptions): Promise<SqliteStore> {
    const clock = options.clock ?? (() => new Date());
    const now = () => clock().getTime();
    const db = openDatabase(options.file, options.busyTimeoutMs ?? 200);
    try {
      const retries = options.busyRetries ?? 8;
      return await withBusyRetry(
        () => {
          migrate(db, options.file, now());
          const meta = new SqliteMeta(db);
          const { codec, hasher, salt } = inTransaction(db, () => {
            const prepared = prepareCodec(options, meta.get('key_check'));
            if (prepared.newCheck) meta.set('key_check', prepared.newCheck);
            let storedSalt = meta.get('tombstone_salt');
            if (!storedSalt) meta.set('tombstone_salt', (storedSalt = newSalt()));
            const keyed = new IdentifierHasher(storedSalt, options.key);
            if (keyed.needsRekey(meta.get(HASH_KEY_META))) {
              SqliteTombstones.rekey(db, keyed);
              meta.set(HASH_KEY_META, keyed.keyId!);
            }
            return { codec: prepared.codec, hasher: keyed, salt: storedSalt };
          });
          return new SqliteStore(
            db,
            { db, codec, file: options.file, now },
            meta,
            hasher,
            retries,
            matchingKeyOf(options.key, salt),
          );
        },
        options.file,
        retries,
      );
    } catch (err) {
      db.close();
      throw storeError(err, options.file);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  /* events */
  recordEvent(event: NewEvent) {
    return this.run(() => this.events.record(event));
  }
  recordEvents(events: readonly NewEvent[]) {
    return this.run(() => inTransaction(this.db, () => events.map((event) => this.events.record(event))));
  }
  markEvent(source: string, eventId: string, status: 'done' | 'failed', error?: string) {
    return this.run(() => this.events.mark(source, eventId, status, error));
  }
  pendingEvents(limit = 1000): Promise<StoredEvent[]> {
    return this.run(() => this.events.pending(limit));
  }
  pruneEvents(olderThan: Date) {
    return this.run(() => this.events.prune(olderThan));
  }

  /* identity */
  resolveIdentity<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
    if (keys.length === 0)
      return Promise.reject(
        new HrError(
          'store.lock_keys_missing',
          'resolveIdentity needs at least one key to serialise on (an external id or a blocking key).',
        ),
      );
    return this.lock.run(keys, fn);
  }
  createPerson(init: NewPerson = {}): Promise<Person> {
    return this.run(() => this.identity.create(init));
  }
  getPerson(guid: string) {
    return this.run(() => this.identity.get(guid));
  }
  savePerson(guid: string, record: JsonObject, provenance?: Record<string, Provenance>) {
    return this.run(() => this.identity.save(guid, record, provenance));
  }
  setConsent(guid: string, flags: ConsentFlags) {
    return this.run(() => this.identity.setConsent(guid, flags));
  }
  findByExternalId(system: string, externalId: string) {
    return this.run(() => this.identity.findByExternalId(system, externalId));
  }
  link(guid: string, system: string, externalId: string) {
    return this.run(() => this.identity.link(guid, system, externalId));
  }
  putBlockingKeys(guid: string, keys: string[]) {
    return this.run(() => this.blocking.putKeys(guid, keys));
  }
  candidatesForKeys(keys: string[], limit: number) {
    return this.run(() => this.blocking.candidates(keys, limit));
  }
  putNames(guid: string, names: PersonNames) {
    return this.run(() => this.blocking.putNames(guid, names));
  }
  nameFrequency(kind: 'first' | 'last', value: string) {
    return this.run(() => this.blocking.nameFrequency(kind, value));
  }
  getProvenance(guid: string) {
    return this.run(() => this.identity.getProvenance(guid));
  }
  setProvenance(guid: string, field: string, provenance: Provenance) {
    return this.run(() => this.identity.setProvenance(guid, field, provenance));
  }

  /* outbox */
  enqueue(entry: NewOutboxEntry) {
    return this.run(() => this.outbox.enqueue(entry));
  }
  claimDue(now: Date, limit: number, leaseMs = DEFAULT_LEASE_MS, scope?: OutboxScope): Promise<OutboxEntry[]> {
    return this.run(() => this.outbox.claimDue(now, limit, leaseMs, scope));
  }
  complete(id: number, result: unknown, options?: CompleteOptions) {
    return this.run(() => this.outbox.complete(id, result, options));
  }
  reschedule(id: number, nextAttemptAt: Date, error: string) {
    return this.run(() => this.outbox.reschedule(id, nextAttemptAt, error));
  }
  deadLetter(id: number, error: string) {
    return this.run(() => this.outbox.deadLetter(id, error));
  }
  listDeadLetters(limit = 100, scope?: OutboxScope) {
    return this.run(() => this.outbox.listDead(limit, scope));
  }
  countOutbox(scope?: OutboxScope) {
    return this.run(() => this.outbox.count(scope));
  }
  retryDeadLetter(id: number) {
    return this.run(() => this.outbox.retryDead(id));
  }
  discardDeadLetter(id: number) {
    return this.run(() => this.outbox.discardDead(id));
  }
  getByIdempotencyKey(idempotencyKey: string) {
    return this.run(() => this.outbox.getByKey(idempotencyKey));
  }

  /* reviews */
  addReview(review: NewReview): Promise<Review> {
    return this.run(() => this.reviews.add(review));
  }
  listReviews(status: ReviewStatus, limit = 100) {
    return this.run(() => this.reviews.list(status, limit));
  }
  getReview(id: number) {
    return this.run(() => this.reviews.get(id));
  }
  decideReview(id: number, decision: 'approved' | 'rejected', actor: string) {
    return this.run(() => this.reviews.decideReview(id, decision, actor));
  }

  /* audit */
  audit(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.run(() => this.auditLog.append(entry));
  }
  auditEntries(options: { personGuid?: string; afterId?: number; limit?: number } = {}) {
    return this.run(() => this.auditLog.entries(options));
  }
  verifyAudit(): Promise<AuditVerdict> {
    return verifyChainInPages(this.auditLog.reader((read) => this.run(read)));
  }

  /* tombstones */
  forget(guid: string, actor: string) {
    return this.run(() => this.tombstones.forget(guid, actor));
  }
  isTombstoned(probe: TombstoneProbe) {
    return this.run(() => this.tombstones.has(probe));
  }
  rememberDeletion(deletion: RememberedDeletion) {
    return this.run(() => this.tombstones.remember(deletion));
  }

  /* counters */
  count(metric: string, labels: Labels = {}, n = 1, at?: Date) {
    return this.run(() => this.counters.count(metric, labels, n, at));
  }
  sumCounters(metric: string, since: Date, labels?: Labels) {
    return this.run(() => this.counters.sum(metric, since, labels));
  }
  counterSeries(metric: string, since: Date, bucket: Bucket, labels?: Labels) {
    return this.run(() => this.counters.series(metric, since, bucket, labels));
  }

  /* identity resolution at scale */
  createPersons(inits: readonly NewPerson[]): Promise<string[]> {
    return this.run(() => this.identity.createMany(inits));
  }
  putMatchIndex(guid: string, entry: MatchIndexEntry) {
    return this.run(() => this.identity.putMatchIndex(guid, entry));
  }
  findCandidates(query: CandidateQuery): Promise<CandidateSearch> {
    return this.run(() => this.blocking.search(query));
  }
  nameFrequencies(names: ReadonlyArray<{ kind: 'first' | 'last'; value: string }>) {
    return this.run(() => this.blocking.nameFrequencies(names));
  }
  matchingKey(): Buffer {
    return this.keyForMatching;
  }
  sampleComparisonRecords(limit: number) {
    return this.run(() => this.blocking.sample(limit));
  }

  /* reviews of a subject that arrives again */
  findOpenReview(kind: ReviewKind, subjectKeys: readonly string[]) {
    return this.run(() => this.reviews.findOpen(kind, subjectKeys));
  }
  updateReview(id: number, update: ReviewUpdate, actor: string) {
    return this.run(() => this.reviews.update(id, update, actor));
  }

  /* poll cursors */
  getNodeState(name: string) {
    return this.run(() => this.meta.get(nodeStateKey(name)));
  }
  setNodeState(name: string, value: string | null) {
    return this.run(() =>
      value === null ? this.meta.delete(nodeStateKey(name)) : this.meta.set(nodeStateKey(name), value),
    );
  }

  private run<T>(fn: () => T): Promise<T> {
    if (this.closed)
      return Promise.reject(
        new HrError('store.closed', `The store ${this.ctx.file} is closed.`, { file: this.ctx.file }),
      );
    return withBusyRetry(fn, this.ctx.file, this.busyRetries);
  }
}
