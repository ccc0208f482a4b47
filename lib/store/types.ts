/**
 * The durable store behind every node that needs state. Callers depend on these interfaces only, so
 * the embedded SQLite store and a later PostgreSQL store are interchangeable. Every method is async
 * even where SQLite answers synchronously, because a networked store cannot.
 *
 * Failures are HrErrors with a stable code. Opening: store.open_failed, store.corrupt,
 * store.schema_newer, store.key_missing, store.key_invalid. Any call: store.busy, store.disk_full,
 * store.corrupt, store.closed. Caller mistakes: store.person_not_found, store.person_forgotten,
 * store.link_conflict, store.tombstoned, store.event_not_found, store.outbox_not_found,
 * store.outbox_state, store.review_not_found, store.review_decided, store.lock_keys_missing.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface StoreOptions {
  /** Database location: a file path for SQLite. */
  file: string;
  /**
   * PostgreSQL connection URL (postgres://user:password@host:5432/database). When given, the store
   * lives in that database instead of `file`, shared by every Node-RED instance pointing at it.
   * Needs the optional `pg` package.
   */
  url?: string;
  /** Dotted paths in the golden record and provenance whose values are encrypted at rest and masked in the audit log. */
  secretFields?: string[];
  /**
   * AES-256 key, 32 bytes as 64 hex characters or base64. Required when secretFields is not empty.
   * When given, open payloads (events, outbox, reviews) are encrypted whole as well.
   */
  key?: string;
  clock?: () => Date;
  /** How long SQLite itself waits on a lock before the store retries asynchronously (keeps the event loop free). */
  busyTimeoutMs?: number;
  /** Asynchronous retries on a locked database before failing with store.busy. */
  busyRetries?: number;
}

/* ---------- processed events (ATS trigger) ---------- */

export type EventStatus = 'accepted' | 'done' | 'failed';

export interface NewEvent {
  eventId: string;
  source: string;
  type: string;
  receivedAt: Date;
  payload: unknown;
}

export interface StoredEvent extends NewEvent {
  status: EventStatus;
  error: string | null;
}

export interface EventLog {
  /** Records an accepted event once per (source, eventId); a repeat returns inserted: false. */
  recordEvent(event: NewEvent): Promise<{ inserted: boolean }>;
  markEvent(source: string, eventId: string, status: 'done' | 'failed', error?: string): Promise<void>;
  /** Events accepted but neither done nor failed, oldest first: to re-emit after a restart. */
  pendingEvents(limit?: number): Promise<StoredEvent[]>;
  /**
   * Deletes finished events received before olderThan, but never younger than EVENT_RETENTION_MS
   * (replays within a week must still be recognised) and never one still accepted.
   */
  pruneEvents(olderThan: Date): Promise<number>;
}

export const EVENT_RETENTION_MS = 7 * 24 * 3600 * 1000;

/* ---------- identity graph, provenance, consent ---------- */

export interface ExternalLink {
  system: string;
  externalId: string;
}

export type ConsentFlags = Record<string, boolean>;

export interface Person {
  guid: string;
  record: JsonObject;
  consent: ConsentFlags;
  links: ExternalLink[];
  createdAt: Date;
  updatedAt: Date;
}

export interface Provenance {
  value: Json;
  source: string;
  sourceTime: Date;
}

export interface PersonNames {
  /** Already normalised by lib/match; the store compares them exactly. */
  first?: string | null;
  last?: string | null;
}

export interface NewPerson {
  record?: JsonObject;
  links?: ExternalLink[];
  blockingKeys?: string[];
  names?: PersonNames;
  provenance?: Record<string, Provenance>;
  consent?: ConsentFlags;
}

export interface IdentityGraph {
  /**
   * Runs fn while holding an in-process lock on every key (external ids and blocking keys of the
   * incoming person), so two concurrent messages for one person cannot both decide "new" and create
   * two GUIDs. Pass every key used to look the person up: messages sharing no key are not serialised.
   * Across processes the unique (system, externalId) constraint is the backstop (store.link_conflict).
   * Not re-entrant: fn must not call resolveIdentity with any of the same keys.
   */
  resolveIdentity<T>(keys: string[], fn: () => Promise<T>): Promise<T>;
  /** Creates a person with a new GUID, its links, keys, names and provenance in one transaction. */
  createPerson(init?: NewPerson): Promise<Person>;
  /** null for an unknown or forgotten GUID. */
  getPerson(guid: string): Promise<Person | null>;
  /** Replaces the golden record, and writes the given provenance entries in the same transaction. */
  savePerson(guid: string, record: JsonObject, provenance?: Record<string, Provenance>): Promise<void>;
  /** Merges the flags into the person's consent and returns the result. */
  setConsent(guid: string, flags: ConsentFlags): Promise<ConsentFlags>;
  findByExternalId(system: string, externalId: string): Promise<string | null>;
  /** Links an external id; created: false if it already pointed here, store.link_conflict if elsewhere. */
  link(guid: string, system: string, externalId: string): Promise<{ created: boolean }>;
  /** Replaces the person's blocking keys. */
  putBlockingKeys(guid: string, keys: string[]): Promise<void>;
  /** GUIDs sharing any of the keys, those sharing the most keys first. */
  candidatesForKeys(keys: string[], limit: number): Promise<string[]>;
  /** Replaces the person's normalised names, keeping the name frequency counts in step. */
  putNames(guid: string, names: PersonNames): Promise<void>;
  /** Fraction (0–1) of persons having a name of that kind whose name is this value. */
  nameFrequency(kind: 'first' | 'last', value: string): Promise<number>;
  getProvenance(guid: string): Promise<Record<string, Provenance>>;
  setProvenance(guid: string, field: string, provenance: Provenance): Promise<void>;
}

/* ---------- outbox for the HRIS writer ---------- */

export type OutboxStatus = 'pending' | 'done' | 'dead' | 'discarded';

export interface NewOutboxEntry {
  idempotencyKey: string;
  operation: string;
  target: string;
  payload: unknown;
  personGuid?: string | null;
}

export interface OutboxEntry {
  id: number;
  idempotencyKey: string;
  operation: string;
  target: string;
  payload: unknown;
  personGuid: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastError: string | null;
  result: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export const DEFAULT_LEASE_MS = 5 * 60 * 1000;

export interface Outbox {
  /** Adds an entry, or returns the one already holding this idempotency key (inserted: false). */
  enqueue(entry: NewOutboxEntry): Promise<{ entry: OutboxEntry; inserted: boolean }>;
  /**
   * Claims pending entries due at `now` whose lease is free or expired, leasing them until
   * now + leaseMs; a worker that crashes holding a claim loses it when the lease runs out.
   */
  claimDue(now: Date, limit: number, leaseMs?: number): Promise<OutboxEntry[]>;
  /** Marks the entry done with the target's answer; completing a done entry again keeps the first result. */
  complete(id: number, result: unknown): Promise<void>;
  /** Records a failed attempt (attempts + 1) and frees the lease until nextAttemptAt. */
  reschedule(id: number, nextAttemptAt: Date, error: string): Promise<void>;
  /** Records a final failed attempt (attempts + 1) and parks the entry for a human. */
  deadLetter(id: number, error: string): Promise<void>;
  listDeadLetters(limit?: number): Promise<OutboxEntry[]>;
  /** Puts a dead letter back in the queue, due now, with its attempt count reset. */
  retryDeadLetter(id: number): Promise<void>;
  /** Gives up on a dead letter; its idempotency key stays taken so it is never re-sent by accident. */
  discardDeadLetter(id: number): Promise<void>;
  getByIdempotencyKey(idempotencyKey: string): Promise<OutboxEntry | null>;
}

/* ---------- review queue ---------- */

export type ReviewKind = 'possible_duplicate' | 'compensation_variance' | 'conflict';
export type ReviewStatus = 'open' | 'approved' | 'rejected';

export interface NewReview {
  kind: ReviewKind;
  personGuid?: string | null;
  payload: unknown;
  explanation: string;
}

export interface Review {
  id: number;
  kind: ReviewKind;
  personGuid: string | null;
  payload: unknown;
  explanation: string;
  status: ReviewStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface ReviewQueue {
  addReview(review: NewReview): Promise<Review>;
  listReviews(status: ReviewStatus, limit?: number): Promise<Review[]>;
  /** One review by id, whatever its status; null when there is none (or it went with a forgotten person). */
  getReview(id: number): Promise<Review | null>;
  /** Decides an open review once (store.review_decided otherwise) and audits the decision. */
  decideReview(id: number, decision: 'approved' | 'rejected', actor: string): Promise<Review>;
}

/* ---------- audit log ---------- */

export interface NewAuditEntry {
  eventId?: string | null;
  source: string;
  actor: string;
  action: string;
  personGuid?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  id: number;
  at: Date;
  eventId: string | null;
  source: string;
  actor: string;
  action: string;
  personGuid: string | null;
  /** Secret fields masked; undefined once the person was forgotten. */
  before: unknown;
  after: unknown;
  erased: boolean;
}

export type AuditVerdict = { ok: true } | { ok: false; firstBadId: number; reason: string };

export interface AuditLog {
  /** Appends an entry chained to the previous one by SHA-256; secret fields are masked first. */
  audit(entry: NewAuditEntry): Promise<AuditEntry>;
  auditEntries(options?: { personGuid?: string; afterId?: number; limit?: number }): Promise<AuditEntry[]>;
  /** Recomputes the chain: finds a changed, removed or reordered entry. */
  verifyAudit(): Promise<AuditVerdict>;
}

/* ---------- tombstones ---------- */

export type TombstoneProbe =
  | { system: string; externalId: string }
  | { email: string }
  | { phone: string }
  | { blockingKey: string }
  | { guid: string };

export interface Tombstones {
  /**
   * Erases a person: golden record, provenance, links, names, blocking keys, reviews, pending writes
   * and the before/after of their audit entries. Their identifiers (emails and phones found in the
   * record, external ids, blocking keys) survive only as salted hashes, so isTombstoned recognises
   * a later event. The erasure itself is audited.
   */
  forget(guid: string, actor: string): Promise<void>;
  isTombstoned(probe: TombstoneProbe): Promise<boolean>;
}

/* ---------- counters ---------- */

export type Labels = Record<string, string>;
export type Bucket = 'hour' | 'day';

export interface Counters {
  /** Adds n to the metric's hourly bucket containing `at`. */
  count(metric: string, labels?: Labels, n?: number, at?: Date): Promise<void>;
  /** Sum since a time, over buckets whose labels include the given ones. */
  sumCounters(metric: string, since: Date, labels?: Labels): Promise<number>;
  /** Sums per hour or UTC day since a time, oldest first; empty buckets are omitted. */
  counterSeries(metric: string, since: Date, bucket: Bucket, labels?: Labels): Promise<Array<{ start: Date; value: number }>>;
}

export interface HrStore extends EventLog, IdentityGraph, Outbox, ReviewQueue, AuditLog, Tombstones, Counters {
  close(): Promise<void>;
}
