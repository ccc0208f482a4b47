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
  /**
   * Records several events in one transaction, so deliveries arriving together cost one disk flush
   * (group commit). One answer per event, in order: inserted false for an event already stored or
   * repeated earlier in the same batch. All or nothing: when it rejects, none of them was recorded.
   */
  recordEvents(events: readonly NewEvent[]): Promise<Array<{ inserted: boolean }>>;
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
  /** lib/match's pre-normalised form of the person, returned with candidates (see findCandidates). */
  comparisonRecord?: Json;
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
  /**
   * The worker the entry belongs to (e.g. the writer node's id, the same on every instance running the
   * flow): only it claims the entry, so each carries it out with its own connections.
   */
  owner?: string | null;
}

export interface OutboxEntry {
  id: number;
  idempotencyKey: string;
  operation: string;
  target: string;
  payload: unknown;
  personGuid: string | null;
  /** null for an entry enqueued before owners were recorded: any worker of its operation may claim it. */
  owner: string | null;
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

/**
 * The outbox entries a worker sees. operations: only those operations. owner: only that owner's
 * entries, plus the entries of no owner (enqueued before owners were recorded), so none is stranded.
 */
export interface OutboxScope {
  operations?: readonly string[];
  owner?: string;
}

export interface CompleteOptions {
  /**
   * Replaces the stored payload with null in the same transaction: for an entry whose payload names a
   * forgotten person (e.g. the external ids a deletion was propagated to), so only its result remains.
   */
  erasePayload?: boolean;
}

export interface Outbox {
  /** Adds an entry, or returns the one already holding this idempotency key (inserted: false). */
  enqueue(entry: NewOutboxEntry): Promise<{ entry: OutboxEntry; inserted: boolean }>;
  /**
   * Claims pending entries due at `now` whose lease is free or expired, leasing them until
   * now + leaseMs; a worker that crashes holding a claim loses it when the lease runs out. With a
   * scope, only the entries in it: workers sharing a store each claim only what they own and can
   * carry out. An entry claimed again after its lease ran out counts that lost claim in
   * `attempts`: the call made under it may have reached the vendor, so whoever claims it now (this
   * process after a restart, or another instance) knows to look before writing.
   */
  claimDue(now: Date, limit: number, leaseMs?: number, scope?: OutboxScope): Promise<OutboxEntry[]>;
  /** Marks the entry done with the target's answer; completing a done entry again keeps the first result. */
  complete(id: number, result: unknown, options?: CompleteOptions): Promise<void>;
  /** Records a failed attempt (attempts + 1) and frees the lease until nextAttemptAt. */
  reschedule(id: number, nextAttemptAt: Date, error: string): Promise<void>;
  /** Records a final failed attempt (attempts + 1) and parks the entry for a human. */
  deadLetter(id: number, error: string): Promise<void>;
  /** Dead letters, oldest first: all of them, or those in the scope. */
  listDeadLetters(limit?: number, scope?: OutboxScope): Promise<OutboxEntry[]>;
  /** Puts a dead letter back in the queue, due now, with its attempt count reset. */
  retryDeadLetter(id: number): Promise<void>;
  /** Gives up on a dead letter; its idempotency key stays taken so it is never re-sent by accident. */
  discardDeadLetter(id: number): Promise<void>;
  getByIdempotencyKey(idempotencyKey: string): Promise<OutboxEntry | null>;
  /** How many entries are in each status (0 where none): all of them, or those in the scope. */
  countOutbox(scope?: OutboxScope): Promise<Record<OutboxStatus, number>>;
}

/* ---------- review queue ---------- */

export type ReviewKind = 'possible_duplicate' | 'compensation_variance' | 'conflict';
export type ReviewStatus = 'open' | 'approved' | 'rejected';

export interface NewReview {
  kind: ReviewKind;
  personGuid?: string | null;
  payload: unknown;
  explanation: string;
  /**
   * Keys naming what the review is about (e.g. the incoming person's email and ATS id), so that a later
   * delivery of the same subject finds it (findOpenReview). Kept only as salted hashes.
   */
  subjectKeys?: string[];
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
   * record, external ids, blocking keys) survive only as keyed hashes, so isTombstoned recognises
   * a later event. The erasure itself is audited.
   */
  forget(guid: string, actor: string): Promise<void>;
  isTombstoned(probe: TombstoneProbe): Promise<boolean>;
  /**
   * Tombstones the identifiers of someone the store never held (an ATS deleted a candidate before any
   * hire of theirs arrived), so a later or redelivered event for them is still dropped. Audited with
   * the count only; answers how many hashes were new.
   */
  rememberDeletion(deletion: RememberedDeletion): Promise<number>;
}

export interface RememberedDeletion {
  probes: readonly TombstoneProbe[];
  source: string;
  actor: string;
  eventId?: string | null;
}

/* ---------- node state ---------- */

export interface NodeStates {
  /**
   * A small value a node keeps across restarts under this name (where a reconciliation poll left off,
   * e.g. Ashby's sync token; which health checks are failing), null when none is kept. Losing one only
   * costs the node what it would do at a first start (a full read, an alert repeated).
   */
  getNodeState(name: string): Promise<string | null>;
  /** Keeps it, replacing the one before; null forgets it. */
  setNodeState(name: string, value: string | null): Promise<void>;
}

/** Node state lives beside the store's own single values, under this prefix (so migrating a store takes it along). */
export const nodeStateKey = (name: string): string => `node_state:${name}`;

/* ---------- counters ---------- */

export type Labels = Record<string, string>;
export type Bucket = 'hour' | 'day';

export interface Counters {
  /** Adds n to the metric's hourly bucket containing `at`. */
  count(metric: string, labels?: Labels, n?: number, at?: Date): Promise<void>;
  /** Sum since a time, over buckets whose labels include the given ones. */
  sumCounters(metric: string, since: Date, labels?: Labels): Promise<number>;
  /** Sums per hour or UTC day since a time, oldest first; empty buckets are omitted. */
  counterSeries(
    metric: string,
    since: Date,
    bucket: Bucket,
    labels?: Labels,
  ): Promise<Array<{ start: Date; value: number }>>;
}

export interface HrStore
  extends EventLog, IdentityGraph, Outbox, ReviewQueue, AuditLog, Tombstones, Counters, NodeStates {
  close(): Promise<void>;

  /* identity resolution at scale: bulk loading and candidate search */
  /**
   * Creates the persons as createPerson would, all in one transaction (all or none), and returns their
   * GUIDs in order: for backfills. It takes no identity lock, so nothing may resolve these persons
   * meanwhile; a link already taken still fails the whole batch with store.link_conflict.
   */
  createPersons(inits: readonly NewPerson[]): Promise<string[]>;
  /** Replaces (or adds to) the person's blocking keys, and replaces names (and name counts) and comparison record, in one transaction. */
  putMatchIndex(guid: string, entry: MatchIndexEntry): Promise<void>;
  /**
   * The persons sharing any of the keys, with their comparison records, in one call. A key held by
   * more than maxBlockSize persons is too common to list and is left out (reported as oversized), so
   * the work of one lookup stays bounded however large the store grows. Persons holding a strong key
   * come first, then those in the most listed blocks.
   */
  findCandidates(query: CandidateQuery): Promise<CandidateSearch>;
  /** nameFrequency of several names in one call, in the order asked. */
  nameFrequencies(names: ReadonlyArray<{ kind: 'first' | 'last'; value: string }>): Promise<number[]>;
  /** The key of keyed identifier hashes (see matchingKeyOf); the same for every instance of one store. */
  matchingKey(): Buffer;
  /** Up to limit persons drawn at random, with their comparison records: what learning the match weights reads. */
  sampleComparisonRecords(limit: number): Promise<Array<{ guid: string; comparisonRecord: Json }>>;

  /* reviews of a subject that arrives again */
  /** The newest open review of this kind filed under any of the subject keys; null when there is none. */
  findOpenReview(kind: ReviewKind, subjectKeys: readonly string[]): Promise<Review | null>;
  /**
   * Replaces an open review's payload and explanation (a later delivery of the same subject) and files it
   * under any new subject keys, audited; store.review_decided once it is decided.
   */
  updateReview(id: number, update: ReviewUpdate, actor: string): Promise<Review>;
}

export interface ReviewUpdate {
  payload: unknown;
  explanation: string;
  subjectKeys?: string[];
}

/* ---------- identity resolution at scale ---------- */

export interface MatchIndexEntry {
  blockingKeys: string[];
  /** Adds the blocking keys to those the person already has (earlier spellings keep finding them) instead of replacing them. */
  keepOtherKeys?: boolean;
  names: PersonNames;
  /** null removes it, and lookups read the golden record instead. */
  comparisonRecord: Json | null;
}

export interface CandidateQuery {
  keys: string[];
  /** Keys that belong to one person (email, phone, external id); also searched when not among keys. */
  strongKeys?: string[];
  limit: number;
  maxBlockSize: number;
}

export interface Candidate {
  guid: string;
  /** How many of the query's listed (not oversized) keys the person holds. */
  sharedKeys: number;
  /** null for a person stored without one (created before comparison records existed, or without a record). */
  comparisonRecord: Json | null;
}

export interface CandidateSearch {
  candidates: Candidate[];
  /** The keys held by more than maxBlockSize persons, which listed nobody. */
  oversizedKeys: string[];
}
