import type { NodeMessage } from 'node-red';
import type { Outcome } from '../../lib/writer/job';
import type { SecretPolicy } from '../../lib/privacy/policy';

/** success, failure, rehire: the writer's three ports. */
export type Ports = [NodeMessage | null, NodeMessage | null, NodeMessage | null];

/** What msg.hris says about a write; secrets never reach it. */
function hrisOf(outcome: Outcome, policy: SecretPolicy): Record<string, unknown> {
  const maskSecrets = <T>(value: T): T => policy.mask(value, { echoesOf: outcome.job });
  const base = { system: outcome.job.target, operation: outcome.job.operation };
  switch (outcome.kind) {
    case 'done':
    case 'rehire':
      return { ...base, attempts: outcome.attempts, ...maskSecrets(outcome.result) };
    case 'failed':
      return {
        ...base,
        attempts: outcome.attempts,
        retrying: outcome.retrying,
        dead: outcome.dead,
        ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt.toISOString() } : {}),
        ...(outcome.entryId !== undefined ? { outboxId: outcome.entryId } : {}),
        error: maskSecrets(outcome.error),
      };
    case 'dryRun':
      return {
        ...base,
        attempts: 0,
        dryRun: true,
        request: maskSecrets(outcome.request),
        ...(outcome.result ? maskSecrets(outcome.result) : {}),
      };
  }
}

/**
 * Places the outcome on its port. The message that asked is reused (Node-RED convention); an
 * outcome found later by the worker timer gets a message rebuilt from the outbox entry.
 */
export function portsFor(outcome: Outcome, policy: SecretPolicy, msg?: NodeMessage & Record<string, unknown>): Ports {
  const out = (msg ?? {
    // A check result's message carried the trigger's event; what is kept of it is the recorded result.
    payload: outcome.job.record ?? (outcome.job.checkResult ? { check: outcome.job.checkResult } : {}),
    person: { guid: outcome.job.personGuid },
    ...(outcome.job.ats ? { sourceIds: outcome.job.ats } : {}),
    ...(outcome.job.event ? { event: outcome.job.event } : {}),
  }) as NodeMessage & Record<string, unknown>;
  // The record and the person may carry an SSN or a birth date from upstream; outputs never do.
  for (const key of ['payload', 'person', 'canonical'] as const)
    if (out[key] !== undefined) out[key] = policy.mask(out[key]);
  out.hris = hrisOf(outcome, policy);
  if (outcome.kind === 'failed') return [null, out, null];
  if (outcome.kind === 'rehire') return [null, null, out];
  return [out, null, null];
}
