import type { NodeMessage } from 'node-red';
import type { ForgetSummary, HandOver } from '../../lib/forget/types';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Output 1 done, output 2 manual action needed, output 3 failure. */
export function summaryPorts(summary: ForgetSummary, base: Record<string, unknown> = {}): Array<NodeMessage | null> {
  const failed = summary.steps.some((s) => s.outcome === 'failed');
  const msg = {
    ...base,
    topic: `hr-forget/${failed ? 'incomplete' : summary.status}`,
    payload: summary,
    personGuid: summary.personGuid,
  } as NodeMessage;
  return failed ? [null, null, msg] : [msg, null, null];
}

/**
 * A step for a person (manual or failed), with `msg.alert` ready for the alert node. It names the
 * system and the record's id there, which the person needs to act; no name, e-mail or other data.
 */
export function handOverPorts(item: HandOver, t: Translate): Array<NodeMessage | null> {
  const manual = item.outcome.outcome === 'manual';
  const detail =
    item.outcome.outcome === 'manual' ? item.outcome.reason : `${item.outcome.code}: ${item.outcome.message}`;
  const msg = {
    topic: `hr-forget/${item.outcome.outcome}`,
    payload: item,
    personGuid: item.personGuid,
    alert: {
      severity: manual ? 'warning' : 'error',
      category: 'sync',
      code: manual ? 'forget.manual' : item.outcome.outcome === 'failed' ? item.outcome.code : 'forget.failed',
      title: t(manual ? 'hr-forget.alert.manual' : 'hr-forget.alert.failed', { system: item.system }),
      detail,
      subject: `${item.system}:${item.personGuid}`,
      person: { guid: item.personGuid },
      facts: [
        { label: t('hr-forget.alert.system'), value: item.system },
        { label: t('hr-forget.alert.record'), value: item.externalId },
      ],
    },
  } as NodeMessage;
  return manual ? [null, msg, null] : [null, null, msg];
}
