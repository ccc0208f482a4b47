import { HrError } from '../errors';
import { HttpError } from '../http';
import { classifyHttpFailure } from '../vendors/hris/classify';
import type { CallContext } from '../vendors/hris/types';
import { manual, type ErasureResult, type ErasureSettings } from '../vendors/erasure';
import { eraserFor, hasErasureApi } from '../vendors/registry';
import type { PlannedStep, StepOutcome } from './types';

/** A system this node can reach: the call context of its connection. */
export interface ErasureChannel {
  ctx: CallContext;
}

export type Channels = ReadonlyMap<string, ErasureChannel>;

/** What a system without an erasure API is handed: its eraser only explains, it never calls. */
const NO_CALLS: CallContext = {
  send: () => Promise.reject(new HrError('forget.no_api', 'This system has no erasure call.')),
};

const NOT_CONNECTED = (system: string) =>
  `This node has no connection to ${system} that can delete there. Erase the person in ${system} by hand, or add the connection to the node.`;

function outcomeOf(system: string, result: ErasureResult): StepOutcome {
  if (result.outcome === 'erased') return { system, outcome: 'erased', action: result.action };
  if (result.outcome === 'already_gone') return { system, outcome: 'already_gone' };
  return { system, outcome: 'manual', reason: result.reason };
}

/** Carries out one step: the vendor call, or the reason a person has to do it. */
export async function runStep(step: PlannedStep, channels: Channels, settings: ErasureSettings): Promise<StepOutcome> {
  if (step.kind === 'source') return { system: step.system, outcome: 'deleted_at_source' };
  const eraser = eraserFor(step.system);
  const channel = channels.get(step.system);
  if (hasErasureApi(step.system) && !channel) return outcomeOf(step.system, manual(NOT_CONNECTED(step.system)));
  return outcomeOf(step.system, await eraser.erase(step.externalId, channel?.ctx ?? NO_CALLS, settings));
}

export type FailureVerdict =
  | { retry: true; code: string; message: string; retryAfterMs?: number }
  | { retry: false; code: string; message: string };

/** Transient failures wait for another attempt; refusals (auth, a 4xx about the record) go to a person at once. */
export function failureVerdict(err: HrError): FailureVerdict {
  const kind = classifyHttpFailure(err);
  const code =
    kind === 'auth'
      ? 'forget.auth'
      : kind === 'retry'
        ? 'forget.unavailable'
        : err.code.startsWith('http.')
          ? 'forget.refused'
          : err.code;
  if (kind === 'retry')
    return {
      retry: true,
      code,
      message: err.message,
      ...(err instanceof HttpError && err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
    };
  return { retry: false, code, message: err.message };
}
