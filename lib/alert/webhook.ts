/**
 * The generic JSON webhook: the alert as data, for ticketing systems, PagerDuty-style intake or an
 * own service. The shape is this package's, versioned so receivers can rely on it.
 */
import type { Alert, Translate } from './alert';
import { clip } from './clip';
import { viewOf } from './view';

export const WEBHOOK_SCHEMA = 'node-red-contrib-ats-hris/alert@1';

/** Free texts are capped so one runaway vendor error cannot make a multi-megabyte request. */
export const WEBHOOK_TEXT_MAX = 8000;

export function webhookMessage(alert: Alert, t: Translate) {
  const view = viewOf(alert, t);
  return {
    schema: WEBHOOK_SCHEMA,
    text: clip([view.heading, view.summary].filter(Boolean).join(' — '), WEBHOOK_TEXT_MAX),
    alert: {
      ...alert,
      title: clip(alert.title, WEBHOOK_TEXT_MAX),
      ...(alert.detail ? { detail: clip(alert.detail, WEBHOOK_TEXT_MAX) } : {}),
      ...(alert.vendorError ? { vendorError: clip(alert.vendorError, WEBHOOK_TEXT_MAX) } : {}),
    },
  };
}
