/**
 * Microsoft Teams (docs/vendors/teams.md). The default is a Workflows webhook ("When a Teams webhook
 * request is received"), which takes Adaptive Cards only. The retired Office 365 connector format
 * (MessageCard) stays as an option for tenants that still have a connector URL.
 */
import type { Alert, Severity, Translate } from './alert';
import { clip } from './clip';
import { viewOf } from './view';

/** The card schema version Workflows is known to render; which newer ones it supports is unconfirmed (docs/vendors/teams.md). */
export const ADAPTIVE_CARD_VERSION = '1.4';

/**
 * Byte budgets per text, so a card stays well under the ~28 KB Teams accepts for a message
 * (Microsoft's documented message size limit; not re-verified). Counted in UTF-8 bytes because the
 * limit is on the request, where an emoji is four bytes.
 */
export const TEAMS_LIMITS = { title: 400, text: 6000, factTitle: 200, factValue: 1500, facts: 12, actionTitle: 100 };

/**
 * The retired connector answers 200 even when it throttles, with this text in the body
 * (docs/vendors/teams.md, MicrosoftDocs/msteams-docs connectors-using.md).
 */
export const CONNECTOR_THROTTLED = /HTTP error 429/i;

const bytes = (s: string, max: number) => clip(s, max, 'utf8');

const cardColor: Record<Severity, string> = {
  info: 'Default',
  warning: 'Warning',
  error: 'Attention',
  critical: 'Attention',
};
const themeColor: Record<Severity, string> = { info: '2E86DE', warning: 'F5A623', error: 'D0021B', critical: '8B0000' };

export function teamsWorkflowsMessage(alert: Alert, t: Translate) {
  const view = viewOf(alert, t);
  const body: unknown[] = [
    {
      type: 'TextBlock',
      text: bytes(view.heading, TEAMS_LIMITS.title),
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      color: cardColor[alert.severity],
    },
  ];
  if (view.summary) body.push({ type: 'TextBlock', text: view.summary, isSubtle: true, wrap: true });
  if (view.detail) body.push({ type: 'TextBlock', text: bytes(view.detail, TEAMS_LIMITS.text), wrap: true });
  if (view.fields.length > 0) {
    body.push({
      type: 'FactSet',
      facts: view.fields
        .slice(0, TEAMS_LIMITS.facts)
        .map((f) => ({ title: bytes(f.label, TEAMS_LIMITS.factTitle), value: bytes(f.value, TEAMS_LIMITS.factValue) })),
    });
  }
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: ADAPTIVE_CARD_VERSION,
          body,
          actions: view.links.map((link) => ({
            type: 'Action.OpenUrl',
            title: bytes(link.label, TEAMS_LIMITS.actionTitle),
            url: link.url,
          })),
        },
      },
    ],
  };
}

export function teamsConnectorCard(alert: Alert, t: Translate) {
  const view = viewOf(alert, t);
  return {
    '@type': 'MessageCard',
    '@context': 'http://schema.org/extensions',
    summary: bytes(view.heading, TEAMS_LIMITS.title),
    themeColor: themeColor[alert.severity],
    title: bytes(view.heading, TEAMS_LIMITS.title),
    sections: [
      {
        ...(view.summary ? { activitySubtitle: view.summary } : {}),
        ...(view.detail ? { text: bytes(view.detail, TEAMS_LIMITS.text) } : {}),
        facts: view.fields.slice(0, TEAMS_LIMITS.facts).map((f) => ({
          name: bytes(f.label, TEAMS_LIMITS.factTitle),
          value: bytes(f.value, TEAMS_LIMITS.factValue),
        })),
      },
    ],
    potentialAction: view.links.map((link) => ({
      '@type': 'OpenUri',
      name: bytes(link.label, TEAMS_LIMITS.actionTitle),
      targets: [{ os: 'default', uri: link.url }],
    })),
  };
}
