import { z } from 'zod';
import { toHrError } from '../errors';
import type { OutboxEntry, OutboxScope, Person } from '../store/types';
import type { ErasureSettings } from '../vendors/erasure';
import { createOutboxWorker, isInterrupted, type LeasedWorkerOptions } from '../outbox';
import { PLAN_OPERATION, STEP_OPERATION, planFor } from './plan';
import { failureVerdict, runStep, type Channels } from './step';
import type { ForgetRequest, ForgetSummary, HandOver, Plan, PlannedStep, StepOutcome } from './types';

export interface ForgetWorkerOptions extends LeasedWorkerOptions {
  channels: Channels;
  settings: ErasureSettings;
  /** A step a person must do, or one that failed for good: sent as the step ends (again after a crash in between). */
  onHandOver(item: HandOver): void;
  /** A person's erasure finished in a later round (after retries, or after a restart): no message waits for it. */
  onFinished(summary: ForgetSummary): void;
}

export interface ForgetWorker {
  /**
   * Records the plan durably, forgets the person, then propagates. Resolves with the summary once every
   * step has an outcome, or null while some wait for another attempt (the summary then goes to onFinished).
   */
  submit(person: Person, request: ForgetRequest): Promise<ForgetSummary | null>;
  /** Works through every plan that is due: new ones, retries, and those a crash left behind. */
  drain(): Promise<void>;
  pendingCount(): number;
  stop(): void;
}

const PlanSchema: z.ZodType<Plan> = z.object({
  key: z.string(),
  guid: z.string(),
  via: z.string(),
  eventId: z.string().optional(),
  requestedAt: z.string(),
  steps: z.array(
    z.object({ key: z.string(), system: z.string(), externalId: z.string(), kind: z.enum(['erase', 'source']) }),
  ),
});

const BATCH = 20;

export function createForgetWorker(options: ForgetWorkerOptions): ForgetWorker {
  const { store, actor, owner } = options;
  const plans: OutboxScope = { operations: [PLAN_OPERATION], owner };
  const now = options.now ?? Date.now;
  /** Plans not finished yet, whoever waits for them. */
  const waiting = new Set<string>();
  const worker = createOutboxWorker<string, ForgetSummary>({
    ...options,
    scope: plans,
    batchSize: BATCH,
    keyOf: (entry) => entry.idempotencyKey,
    run: runPlan,
    onUnclaimed: options.onFinished,
    storeFailedCode: 'forget.store_failed',
  });

  /** Forgetting twice is a no-op, so a plan resumed after a crash simply makes sure it happened. */
  async function ensureForgotten(plan: Plan): Promise<void> {
    if (await store.isTombstoned({ guid: plan.guid })) return;
    await store.forget(plan.guid, actor);
    // Audited after the erasure, which blanks the content of the person's earlier entries.
    await store.audit({
      eventId: plan.eventId ?? null,
      source: 'hr-forget',
      actor,
      action: 'forget.requested',
      personGuid: plan.guid,
      after: { via: plan.via, systems: plan.steps.map((s) => s.system) },
    });
  }

  async function finishStep(stepId: number, plan: Plan, step: PlannedStep, outcome: StepOutcome): Promise<void> {
    if (outcome.outcome === 'manual' || outcome.outcome === 'failed')
      options.onHandOver({ personGuid: plan.guid, system: step.system, externalId: step.externalId, outcome });
    await store.complete(stepId, outcome);
    await store.audit({
      eventId: plan.eventId ?? null,
      source: step.system,
      actor,
      action: `forget.${outcome.outcome}`,
      personGuid: plan.guid,
      after: { ...outcome },
    });
  }

  /** One step of a plan: its stored outcome, a new attempt, or the time it waits for. */
  async function advance(plan: Plan, step: PlannedStep): Promise<StepOutcome | Date | 'interrupted'> {
    const { entry } = await store.enqueue({
      idempotencyKey: step.key,
      operation: STEP_OPERATION,
      target: step.system,
      payload: { plan: plan.key },
      personGuid: null,
      owner,
    });
    if (entry.status === 'done') return entry.result as StepOutcome;
    if (entry.nextAttemptAt.getTime() > now()) return entry.nextAttemptAt;
    let outcome: StepOutcome;
    try {
      outcome = await runStep(step, options.channels, options.settings);
    } catch (thrown) {
      const err = toHrError(thrown);
      if (isInterrupted(err)) return 'interrupted';
      const verdict = failureVerdict(err);
      const next = verdict.retry ? worker.retryAt(entry, entry.attempts + 1, verdict.retryAfterMs) : null;
      if (next) {
        await store.reschedule(entry.id, next, `${verdict.code}: ${verdict.message}`);
        return next;
      }
      outcome = {
        system: step.system,
        outcome: 'failed',
        code: verdict.retry ? 'forget.retries_exhausted' : verdict.code,
        message: verdict.message,
      };
    }
    await finishStep(entry.id, plan, step, outcome);
    return outcome;
  }

  async function runPlan(entry: OutboxEntry): Promise<ForgetSummary | null> {
    const key = entry.idempotencyKey;
    waiting.add(key);
    const plan = PlanSchema.parse(entry.payload);
    await ensureForgotten(plan);
    const outcomes: StepOutcome[] = [];
    let wake: number | null = null;
    for (const step of plan.steps) {
      if (worker.isStopped()) return null;
      const result = await advance(plan, step);
      if (result === 'interrupted') {
        await store.reschedule(entry.id, new Date(now()), 'forget.interrupted: the node stopped during a call');
        return null;
      }
      if (result instanceof Date) wake = Math.min(wake ?? Infinity, result.getTime());
      else outcomes.push(result);
    }
    if (wake !== null) {
      await store.reschedule(entry.id, new Date(wake), 'forget.waiting: a system asked to be tried again later');
      return null;
    }
    const summary: ForgetSummary = {
      personGuid: plan.guid,
      status: 'forgotten',
      ...(plan.eventId ? { eventId: plan.eventId } : {}),
      via: plan.via,
      steps: outcomes,
      requestedAt: plan.requestedAt,
      finishedAt: new Date(now()).toISOString(),
    };
    // The plan named every external id; once all are dealt with, only the outcomes remain.
    await store.complete(entry.id, summary, { erasePayload: true });
    await store.audit({
      eventId: plan.eventId ?? null,
      source: 'hr-forget',
      actor,
      action: 'forget.finished',
      personGuid: plan.guid,
      after: { steps: outcomes.map((o) => ({ system: o.system, outcome: o.outcome })) },
    });
    waiting.delete(key);
    return summary;
  }

  async function submit(person: Person, request: ForgetRequest): Promise<ForgetSummary | null> {
    const plan = planFor(person.guid, person.links, request, new Date(now()));
    const { entry, inserted } = await store.enqueue({
      idempotencyKey: plan.key,
      operation: PLAN_OPERATION,
      target: 'hr-forget',
      payload: plan,
      personGuid: null,
      owner,
    });
    const stored = PlanSchema.safeParse(entry.payload);
    await ensureForgotten(stored.success ? stored.data : plan);
    if (request.event) {
      await store.markEvent(request.event.source, request.event.eventId, 'done').catch((err: unknown) => {
        if (toHrError(err).code !== 'store.event_not_found') throw err;
      });
    }
    if (entry.status === 'done') return { ...(entry.result as ForgetSummary), repeated: true };
    const result = worker.wait(plan.key, undefined);
    await worker.drain();
    // The plan was claimed by a round that started before we waited, or is leased elsewhere: look again.
    if (!worker.isRunning(plan.key) && worker.isWaiting(plan.key)) {
      const latest = await store.getByIdempotencyKey(plan.key);
      worker.settle(plan.key, latest?.status === 'done' ? (latest.result as ForgetSummary) : null);
    }
    const summary = await result;
    return summary && !inserted ? { ...summary, repeated: true } : summary;
  }

  return {
    submit,
    drain: worker.drain,
    pendingCount: () => waiting.size,
    stop: worker.stop,
  };
}
