/**
 * The alert every channel renders: what happened, where, to whom, what the vendor said and what was
 * already tried. Built once per incoming message (and already redacted, see redaction.ts), grouped
 * by problem, then rendered per channel.
 */

export const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/** `security` covers refused credentials and credentials about to expire. */
export type AlertCategory = 'sync' | 'health' | 'security';

export interface AlertSource {
  nodeId?: string;
  nodeType?: string;
  nodeName?: string;
  flowId?: string;
  flowName?: string;
}

export interface AlertPerson {
  name?: string;
  guid?: string;
}

export interface AlertFact {
  label: string;
  value: string;
}

export interface Alert {
  severity: Severity;
  category: AlertCategory;
  /** A stable code to route on: `bamboohr.field_unknown`, `http.auth`, `health.failure_rate`. */
  code: string;
  /** What happened, in one line. */
  title: string;
  detail?: string;
  source?: AlertSource;
  /** Tells apart problems with the same code on the same node, e.g. the health rule or the credential. */
  subject?: string;
  /** The people concerned, at most MAX_PEOPLE; `peopleCount` counts them all. */
  people: AlertPerson[];
  peopleCount: number;
  vendorError?: string;
  /** How many times the failing call was tried before giving up. */
  attempts?: number;
  links: { ats?: string; editor?: string };
  facts: AlertFact[];
  /** ISO times of the first and last occurrence folded into this alert. */
  firstAt: string;
  lastAt: string;
  /** How many occurrences this alert stands for (grouping folds repeats into one message). */
  count: number;
}

export const MAX_PEOPLE = 10;

/** Translates an i18n key of the calling node's catalogue, Node-RED style (`__name__` parameters). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Same problem: same code, same node, same subject. The channel is the alert node itself. */
export const groupKey = (alert: Alert): string =>
  [alert.code, alert.source?.nodeId ?? '', alert.subject ?? ''].join('\u0000');

const samePerson = (a: AlertPerson, b: AlertPerson): boolean =>
  a.guid !== undefined || b.guid !== undefined ? a.guid === b.guid : a.name === b.name;

/**
 * Folds a repeat of the same problem into the alert that stands for the group. Past MAX_PEOPLE the
 * unlisted people are no longer told apart, so `peopleCount` may count one of them twice.
 */
export function foldInto(group: Alert, next: Alert): Alert {
  const people = [...group.people];
  let peopleCount = group.peopleCount;
  for (const person of next.people) {
    if (people.some((p) => samePerson(p, person))) continue;
    peopleCount += 1;
    if (people.length < MAX_PEOPLE) people.push(person);
  }
  const attempts = Math.max(group.attempts ?? 0, next.attempts ?? 0);
  return {
    ...group,
    severity: severityRank(next.severity) > severityRank(group.severity) ? next.severity : group.severity,
    people,
    peopleCount,
    ...(attempts > 0 ? { attempts } : {}),
    vendorError: next.vendorError ?? group.vendorError,
    firstAt: next.firstAt < group.firstAt ? next.firstAt : group.firstAt,
    lastAt: next.lastAt > group.lastAt ? next.lastAt : group.lastAt,
    count: group.count + next.count,
  };
}
