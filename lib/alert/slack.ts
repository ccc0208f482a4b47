/**
 * Slack incoming webhooks (docs/vendors/slack.md): Block Kit blocks plus a plain `text` that Slack shows
 * in notifications and to screen readers. Text is escaped for mrkdwn (`&`, `<`, `>`), then fitted.
 */
import type { Alert, Translate } from './alert';
import { clip, clipEscaped } from './clip';
import { viewOf } from './view';

/** Block Kit limits as Slack documents them; not re-verified (docs/vendors/slack.md). */
export const SLACK_LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  buttonText: 75,
  fallbackText: 3000,
  blocks: 50,
};

/** The answers that mean the webhook itself is gone: disabled, revoked, or its channel removed. */
export const SLACK_GONE = new Set([
  'no_service',
  'channel_not_found',
  'channel_is_archived',
  'action_prohibited',
  'invalid_token',
  'team_disabled',
]);

const escapeMrkdwn = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const mrkdwn = (s: string, max: number) => ({ type: 'mrkdwn', text: clipEscaped(s, max, escapeMrkdwn) });

export function slackMessage(alert: Alert, t: Translate): { text: string; blocks: unknown[] } {
  const view = viewOf(alert, t);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(view.heading, SLACK_LIMITS.headerText), emoji: false } },
  ];
  const lead = [view.summary, view.detail].filter(Boolean).join('\n\n');
  if (lead) blocks.push({ type: 'section', text: mrkdwn(lead, SLACK_LIMITS.sectionText) });
  for (let i = 0; i < view.fields.length; i += SLACK_LIMITS.fieldsPerSection) {
    const fields = view.fields.slice(i, i + SLACK_LIMITS.fieldsPerSection).map((f) => {
      // The label is ours and short; the value gets what is left of the field's limit.
      const label = `*${escapeMrkdwn(f.label)}*\n`;
      return {
        type: 'mrkdwn',
        text: label + clipEscaped(f.value, SLACK_LIMITS.fieldText - label.length, escapeMrkdwn),
      };
    });
    blocks.push({ type: 'section', fields });
  }
  if (view.links.length > 0) {
    blocks.push({
      type: 'actions',
      elements: view.links.map((link) => ({
        type: 'button',
        text: { type: 'plain_text', text: clip(link.label, SLACK_LIMITS.buttonText) },
        url: link.url,
      })),
    });
  }
  const fallback = [view.heading, view.summary].filter(Boolean).join(' — ');
  return {
    text: clipEscaped(fallback, SLACK_LIMITS.fallbackText, escapeMrkdwn),
    blocks: blocks.slice(0, SLACK_LIMITS.blocks),
  };
}
