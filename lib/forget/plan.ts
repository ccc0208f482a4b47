import type { ExternalLink } from '../store/types';
import type { ForgetRequest, Plan } from './types';

/**
 * Keys derive from the person's GUID, which the tombstone keeps: a request repeated before the erasure
 * finds the same plan, and the plan's steps keep their own keys, so no vendor is called twice.
 */
export const forgetKeys = {
  plan: (guid: string) => `forget:${guid}`,
  step: (guid: string, index: number) => `forget:${guid}:${index}`,
};

export const PLAN_OPERATION = 'forget.plan';
export const STEP_OPERATION = 'forget.step';

const byName = (a: ExternalLink, b: ExternalLink) =>
  a.system.localeCompare(b.system) || a.externalId.localeCompare(b.externalId);

export function planFor(guid: string, links: readonly ExternalLink[], request: ForgetRequest, now: Date): Plan {
  const source = request.deletedAt;
  return {
    key: forgetKeys.plan(guid),
    guid,
    via: request.via,
    ...(request.event ? { eventId: request.event.eventId } : {}),
    requestedAt: now.toISOString(),
    steps: [...links].sort(byName).map((link, index) => ({
      key: forgetKeys.step(guid, index),
      system: link.system,
      externalId: link.externalId,
      kind: source && source.system === link.system && source.externalId === link.externalId ? 'source' : 'erase',
    })),
  };
}
