/**
 * A message for the standard Node-RED email node (node-red-node-email), which the package does not
 * replace: it sends `msg.payload` with the subject `msg.topic`. That node treats a payload holding
 * tags as HTML and then takes the plain-text part from `msg.plaintext`
 * (node-red/node-red-nodes social/email/61-email.js), so the HTML goes in `payload` and the text in
 * `plaintext`; `html` carries the HTML again for mailers that read that property.
 */
import type { Alert, Translate } from './alert';
import { clip } from './clip';
import { viewOf } from './view';

/** Long subjects are cut by mail clients anyway; RFC 5322 recommends lines under 78 characters. */
export const EMAIL_SUBJECT_MAX = 160;

export interface EmailMessage {
  topic: string;
  payload: string;
  plaintext: string;
  html: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Only http(s) links become anchors; anything else is shown as text. */
const safeHref = (url: string): string | undefined => (/^https?:\/\//i.test(url) ? escapeHtml(url) : undefined);

export function emailMessage(alert: Alert, t: Translate): EmailMessage {
  const view = viewOf(alert, t);
  const text = [
    view.heading,
    view.summary,
    view.detail,
    view.fields.map((f) => `${f.label}: ${f.value}`).join('\n'),
    view.links.map((l) => `${l.label}: ${l.url}`).join('\n'),
  ]
    .filter(Boolean)
    .join('\n\n');
  const rows = view.fields.map(
    (f) =>
      `<tr><th align="left" valign="top">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value).replace(/\n/g, '<br>')}</td></tr>`,
  );
  const links = view.links.map((l) => {
    const href = safeHref(l.url);
    return href ? `<a href="${href}">${escapeHtml(l.label)}</a>` : `${escapeHtml(l.label)}: ${escapeHtml(l.url)}`;
  });
  const html = [
    `<h2>${escapeHtml(view.heading)}</h2>`,
    view.summary ? `<p><em>${escapeHtml(view.summary)}</em></p>` : '',
    view.detail ? `<p>${escapeHtml(view.detail).replace(/\n/g, '<br>')}</p>` : '',
    rows.length ? `<table>${rows.join('')}</table>` : '',
    links.length ? `<p>${links.join(' · ')}</p>` : '',
  ]
    .filter(Boolean)
    .join('\n');
  // A subject is one line: a newline in it would start a new mail header.
  const subject = clip(view.heading.replace(/[\r\n]+/g, ' '), EMAIL_SUBJECT_MAX);
  return { topic: subject, payload: html, plaintext: text, html };
}
