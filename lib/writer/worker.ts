import { HrError, toHrError } from '../errors';
import type { OutboxEntry, OutboxScope, OutboxStatus } from '../store/types';
import { createOutboxWorker, isInterrupted, type LeasedWorkerOptions } from '../outbox';
import { describeFailure, provenNotApplied } from './classify';
import { Operation, WriteJob, type FailureInfo, type Outcome, type WriteResult } from './job';
import { generation, idempotencyKeys } from './keys';
import type { SecretPolicy } from '../privacy/policy';
import { execute, failureKind, linkFor, type WriterTargets } from './operations';
import { writerMetrics } from './metrics';

export interface WriterOptions extends LeasedWorkerOptions {
  targets: WriterTargets;
  batchSize: number;
  /** Entries worked on at once; the connection's rate limiter paces the requests themselves. */
  concurrency: number;
  /** Outcomes no message is waiting for: later retries, dead letters, chained write-backs. */
  onOutcome(outcome: Outcome): void;
  /** The secret policy of the node's dictionary: audit entries, errors and dead letters are masked with it. */
  policy: SecretPolicy;
}

export interface DeadLetter {
  id: number;
  idempotencyKey: string;
  operation: string;
  target: string;
  personGuid: string | null;
  attempts: number;
  lastError: string | null;
  payload: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface Writer {
  /** Records the write in the outbox, then resolves with its first outcome (null if the writer stopped first). */
  submit(job: WriteJob): Promise<Outcome | null>;
  /** Works through every entry that is due. */
  drain(): Promise<void>;
  /**
   * Settles the messages waiting for an entry that someone else ran (another instance took it over
   * after this one's lease ran out): from the entry's stored outcome, once it has one.
   */
  settleWaiting(): Promise<void>;
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  /** The writer's outbox entries by status, whichever process queued them. */
  counts(): Promise<Record<OutboxStatus, number>>;
  retryDeadLetter(id: number, actor: string): Promise<void>;
  discardDeadLetter(id: number, actor: string): Promise<void>;
  stop(): void;
}

const fallbackJob = (entry: OutboxEntry): WriteJob => ({
  operation: Operation.catch('create').parse(entry.operation),
  target: entry.target,
  key: entry.idempotencyKey,
  personGuid: entry.personGuid,
});

const failedFrom = (entry: OutboxEntry): FailureInfo => {
  const [code, ...rest] = (entry.lastError ?? 'hris.failed: no error recorded').split(': ');
  return /^[\w.]+$/.test(code) && rest.length
    ? { code, message: rest.join(': ') }
    : { code: 'hris.failed', message: entry.lastError ?? '' };
};

export function createWriter(options: WriterOptions): Writer {
  const { store, targets, policy } = options;
  /** A failure as recorded and shown: secret values of the job a vendor echoed are masked. */
  const failure = (err: unknown, kind: Parameters<typeof describeFailure>[1], job: WriteJob): FailureInfo => {
    const info = describeFailure(err, kind);
    return { ...info, message: policy.text(info.message, { echoesOf: job }) };
  };
  const now = options.now ?? Date.now;
  const startedAt = now();
  const metrics = writerMetrics(store);
  const scope: OutboxScope = { operations: Operation.options, owner: options.owner };
  /** Entries whose last attempt here the vendor refused without acting on it, by the attempt count it left. */
  const refusedAt = new Map<number, number>();
  /** Dead letters a person sent back after checking the target: their earlier outcome is no longer unknown. */
  const confirmed = new Set<number>();
  let checking = false;
  /** Messages wait for an entry's first outcome by its id, leaving the job they submitted and its key. */
  const worker = createOutboxWorker<number, Outcome, { job: WriteJob; key: string }>({
    ...options,
    // Only the writer's own entries: other writers and workers (e.g. deletions) share the outbox.
    scope,
    keyOf: (entry) => entry.id,
    run: attempt,
    onUnclaimed: options.onOutcome,
    storeFailedCode: 'hris.store_failed',
  });

  async function enqueue(job: WriteJob): Promise<OutboxEntry> {
    for (let n = 1; ; n += 1) {
      const key = generation(job.key, n);
      const { entry } = await store.enqueue({
        idempotencyKey: key,
        operation: job.operation,
        target: job.target,
        payload: { ...job, key },
        personGuid: job.personGuid,
        owner: options.owner,
      });
      if (entry.status !== 'discarded') return entry;
    }
  }

  async function recordSuccess(
    entry: OutboxEntry,
    job: WriteJob,
    result: WriteResult,
    attempts: number,
  ): Promise<Outcome> {
    let outcome: Outcome = { kind: result.rehire ? 'rehire' : 'done', job, result, attempts };
    const link = linkFor(job, targets, result);
    if (link && job.personGuid) {
      try {
        await store.link(job.personGuid, link.system, link.externalId);
      } catch (err) {
        if (toHrError(err).code !== 'store.link_conflict') throw err;
        // The record exists and must not be created again, but it belongs to another person: a human decides.
        outcome = {
          kind: 'failed',
          job,
          attempts,
          retrying: false,
          dead: false,
          error: {
            code: 'hris.link_conflict',
            message: `${link.system} employee ${link.externalId} is already linked to another person; check the dedupe review queue.`,
          },
        };
      }
    }
    const chained = job.operation === 'create' && job.writeBack && job.ats && result.employeeId && targets.writeBack;
    if (chained) {
      // Queued before this entry completes: a crash in between repeats a lookup, never loses the write-back.
      await enqueue({
        operation: 'writeback',
        target: job.ats!.system,
        key: idempotencyKeys.writeBack(job.ats!.system, job.ats!.candidateId, result.employeeId!),
        personGuid: job.personGuid,
        ats: job.ats,
        employeeId: result.employeeId,
        ...(job.event ? { event: job.event } : {}),
      });
    }
    await store.complete(entry.id, result);
    refusedAt.delete(entry.id);
    confirmed.delete(entry.id);
    if (job.event) {
      await store.markEvent(job.event.source, job.event.eventId, 'done').catch((err: unknown) => {
        if (toHrError(err).code !== 'store.event_not_found') throw err;
      });
    }
    await store.audit({
      eventId: job.event?.eventId ?? null,
      source: job.target,
      actor: options.actor,
      action: `hris.${job.operation}`,
      personGuid: job.personGuid,
      after: policy.mask({ ...result }),
    });
    if (outcome.kind !== 'failed') metrics.succeeded(job, result);
    if (chained) void worker.drain();
    return outcome;
  }

  async function recordFailure(
    entry: OutboxEntry,
    job: WriteJob,
    err: unknown,
    attempts: number,
  ): Promise<Outcome | null> {
    if (provenNotApplied(err)) refusedAt.set(entry.id, attempts);
    else refusedAt.delete(entry.id);
    if (isInterrupted(err)) {
      // Stopping cut the call short: keep the entry queued, due at once, for the next start.
      await store
        .reschedule(entry.id, new Date(now()), 'hris.interrupted: the node stopped during the call')
        .catch(() => undefined);
      return null;
    }
    const kind = failureKind(job, targets, err);
    const error = failure(err, kind, job);
    if (kind === 'retry') {
      const next = worker.retryAt(entry, attempts, error.retryAfterMs);
      if (next) {
        await store.reschedule(entry.id, next, `${error.code}: ${error.message}`);
        const retrying: Extract<Outcome, { kind: 'failed' }> = {
          kind: 'failed',
          job,
          error,
          attempts,
          retrying: true,
          dead: false,
          nextAttemptAt: next,
          entryId: entry.id,
        };
        metrics.failed(retrying, error);
        return retrying;
      }
      error.code = 'hris.retries_exhausted';
    }
    await store.deadLetter(entry.id, `${error.code}: ${error.message}`);
    const dead: Extract<Outcome, { kind: 'failed' }> = {
      kind: 'failed',
      job,
      error,
      attempts,
      retrying: false,
      dead: true,
      entryId: entry.id,
    };
    metrics.failed(dead, error);
    return dead;
  }

  async function attempt(entry: OutboxEntry): Promise<Outcome | null> {
    const parsed = WriteJob.safeParse(entry.payload);
    const attempts = entry.attempts + 1;
    if (!parsed.success) {
      return recordFailure(
        entry,
        fallbackJob(entry),
        new HrError('hris.entry_unreadable', `Outbox entry ${entry.id} cannot be read: ${parsed.error.message}`),
        attempts,
      );
    }
    const job = parsed.data;
    // An entry from before this start may have been in flight when the process stopped: look before writing.
    const retry = entry.attempts > 0 || entry.lastError !== null || entry.createdAt.getTime() < startedAt;
    // Unknown unless this process saw the vendor refuse the last attempt, or a person checked since.
    const outcomeUnknown = retry && !confirmed.has(entry.id) && refusedAt.get(entry.id) !== entry.attempts;
    let result: WriteResult;
    const callStarted = now();
    try {
      result = await execute(job, targets, store, { retry, outcomeUnknown, dryRun: false });
    } catch (err) {
      if (!isInterrupted(err)) metrics.call(job, now() - callStarted);
      return recordFailure(entry, job, err, attempts);
    }
    metrics.call(job, now() - callStarted);
    return recordSuccess(entry, job, result, attempts);
  }

  /** The outcome an entry already has without another attempt: done, dead, or waiting for a later time. */
  function standing(entry: OutboxEntry, job: WriteJob): Outcome | null {
    const stored = WriteJob.safeParse(entry.payload);
    const storedJob = stored.success ? stored.data : job;
    if (entry.status === 'done') {
      const result = (entry.result ?? {}) as WriteResult;
      return { kind: result.rehire ? 'rehire' : 'done', job: storedJob, result, attempts: entry.attempts + 1 };
    }
    if (entry.status !== 'pending') {
      return {
        kind: 'failed',
        job: storedJob,
        error: failedFrom(entry),
        attempts: entry.attempts,
        retrying: false,
        dead: true,
        entryId: entry.id,
      };
    }
    if (entry.nextAttemptAt.getTime() > now() && !worker.isRunning(entry.id)) {
      return {
        kind: 'failed',
        job: storedJob,
        error: failedFrom(entry),
        attempts: entry.attempts,
        retrying: true,
        dead: false,
        nextAttemptAt: entry.nextAttemptAt,
        entryId: entry.id,
      };
    }
    return null;
  }

  async function submit(job: WriteJob): Promise<Outcome | null> {
    if (job.operation === 'lookup') return lookup(job);
    const entry = await enqueue(job);
    const known = standing(entry, job);
    if (known) return known;
    const outcome = worker.wait(entry.id, { job, key: entry.idempotencyKey });
    void worker.drain();
    // The attempt may have ended between the enqueue and the wait; then nobody would wake us.
    const latest = await store.getByIdempotencyKey(entry.idempotencyKey);
    const settled = latest && !worker.isRunning(latest.id) ? standing(latest, job) : null;
    if (settled && worker.isWaiting(entry.id)) worker.settle(entry.id, settled);
    return outcome;
  }

  async function settleWaiting(): Promise<void> {
    if (checking) return;
    checking = true;
    try {
      for (const [id, { job, key }] of worker.waiting()) {
        if (worker.isStopped()) return;
        if (worker.isRunning(id)) continue;
        const entry = await store.getByIdempotencyKey(key);
        const known = entry && !worker.isRunning(id) ? standing(entry, job) : null;
        if (known && worker.isWaiting(id)) worker.settle(id, known);
      }
    } catch (err) {
      options.onError(toHrError(err, 'hris.store_failed'));
    } finally {
      checking = false;
    }
  }

  async function lookup(job: WriteJob): Promise<Outcome> {
    const { api, ctx } = targets.hris;
    try {
      const email = job.workEmail ?? (job.record ? api.workEmail(job.record) : undefined);
      if (!email) throw new HrError('hris.no_email', 'A lookup needs a work email (msg.payload or msg.person).');
      if (!api.searchesByEmail)
        throw new HrError(
          'hris.lookup_unsupported',
          'This HRIS connection cannot look people up by email: add a lookup URL to it.',
        );
      const found = await api.findByWorkEmail(email, ctx, { fresh: true });
      const result: WriteResult = found
        ? { employeeId: found.employeeId, existing: true, ...(found.status === 'terminated' ? { rehire: true } : {}) }
        : {};
      return { kind: 'done', job, result, attempts: 1 };
    } catch (err) {
      return {
        kind: 'failed',
        job,
        error: failure(err, api.classify(err), job),
        attempts: 1,
        retrying: false,
        dead: false,
      };
    }
  }

  const toDeadLetter = (e: OutboxEntry): DeadLetter => ({
    id: e.id,
    idempotencyKey: e.idempotencyKey,
    operation: e.operation,
    target: e.target,
    personGuid: e.personGuid,
    attempts: e.attempts,
    lastError: e.lastError === null ? null : policy.text(e.lastError, { echoesOf: e.payload }),
    payload: policy.mask(e.payload),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  });

  return {
    submit,
    drain: worker.drain,
    settleWaiting,
    deadLetters: async (limit = 100) => (await store.listDeadLetters(limit, scope)).map(toDeadLetter),
    counts: () => store.countOutbox(scope),
    async retryDeadLetter(id, actor) {
      await store.retryDeadLetter(id);
      confirmed.add(id);
      await store.audit({ source: 'outbox', actor, action: 'hris.dead_letter.retry', after: { id } });
      void worker.drain();
    },
    async discardDeadLetter(id, actor) {
      await store.discardDeadLetter(id);
      await store.audit({ source: 'outbox', actor, action: 'hris.dead_letter.discard', after: { id } });
    },
    stop: worker.stop,
  };
}
