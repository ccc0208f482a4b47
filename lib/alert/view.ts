/**
 * The one reading of an alert that every channel lays out its own way: the translated labels, the
 * facts in a fixed order, the links. Channels differ in markup and limits, not in what they say.
 */
import type { Alert, AlertFact, Translate } from './alert';

export interface AlertView {
  /** "Error: <title>" */
  heading: string;
  title: string;
  severity: string;
  /** "Happened 20 times between …" for a group, empty for a single occurrence. */
  summary: string;
  detail?: string;
  fields: AlertFact[];
  links: Array<{ label: string; url: string }>;
}

const minute = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function where(alert: Alert): string | undefined {
  const s = alert.source;
  if (!s) return undefined;
  const node = s.nodeName || s.nodeType || s.nodeId;
  const typed = node && s.nodeType && s.nodeName ? `${node} (${s.nodeType})` : node;
  return [s.flowName || s.flowId, typed].filter(Boolean).join(' › ') || undefined;
}

function people(alert: Alert, t: Translate): string | undefined {
  if (alert.people.length === 0) return undefined;
  const listed = alert.people
    .map((p) => (p.name && p.guid ? `${p.name} (${p.guid})` : (p.name ?? p.guid ?? '')))
    .join(', ');
  const more = alert.peopleCount - alert.people.length;
  return more > 0 ? `${listed} ${t('text.morePeople', { count: more })}` : listed;
}

export function viewOf(alert: Alert, t: Translate): AlertView {
  const severity = t(`text.severity.${alert.severity}`);
  const fields: AlertFact[] = [];
  const add = (key: string, value: string | undefined) => {
    if (value) fields.push({ label: t(`text.${key}`), value });
  };
  add('where', where(alert));
  add(alert.peopleCount > 1 ? 'people' : 'person', people(alert, t));
  add('code', alert.code);
  add('vendorSaid', alert.vendorError);
  add('attempts', alert.attempts !== undefined ? String(alert.attempts) : undefined);
  fields.push(...alert.facts);

  const links: AlertView['links'] = [];
  if (alert.links.ats) links.push({ label: t('text.openAts'), url: alert.links.ats });
  if (alert.links.editor) links.push({ label: t('text.openEditor'), url: alert.links.editor });

  return {
    heading: `${severity}: ${alert.title}`,
    title: alert.title,
    severity,
    summary:
      alert.count > 1
        ? t('text.repeated', { count: alert.count, first: minute(alert.firstAt), last: minute(alert.lastAt) })
        : '',
    ...(alert.detail ? { detail: alert.detail } : {}),
    fields,
    links,
  };
}
