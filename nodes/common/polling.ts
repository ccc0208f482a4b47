import { toHrError, type HrError } from '../../lib/errors';
import type { HrStore } from '../../lib/store';
import { auditDropped, isForgotten, record } from '../../lib/vendors/ats/intake';
import type { Delivery } from '../../lib/vendors/ats/types';
import type { Shell } from './shell';

/**
 * Runs `pollOnce` now and every `everyMs`, one at a time (a slow vendor never piles polls up), each
 * run tracked so close waits for it; a failed run is reported and the next one tries again.
 */
export function startPolling(
  shell: Shell,
  track: (work: Promise<void>) => void,
  everyMs: number,
  pollOnce: () => Promise<void>,
  failed: (err: HrError) => void,
): void {
  let polling = false;
  const run = async () => {
    if (polling) return;
    polling = true;
    try {
      await pollOnce();
    } catch (err) {
      failed(toHrError(err));
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => track(run()), everyMs);
  shell.own(() => clearInterval(timer));
  track(run());
}

/**
 * What a poll found goes through the same journal as the webhooks: someone forgotten is dropped (and
 * audited), a delivery already journalled is a repeat, and only a newly accepted one is emitted.
 */
export async function admitPolled(
  store: HrStore,
  journal: Pick<HrStore, 'recordEvent'>,
  nodeId: string,
  deliveries: readonly Delivery[],
  emit: (delivery: Delivery) => Promise<void>,
  actor: string,
): Promise<void> {
  for (const delivery of deliveries) {
    if (await isForgotten(store, delivery.vendor, delivery.subjects)) {
      await auditDropped(store, delivery, actor);
      continue;
    }
    if ((await record(journal, nodeId, delivery, 200)).outcome === 'accepted') await emit(delivery);
  }
}
