/**
 * The alert channels: how each renders an alert, and how a webhook channel's answer is read. All
 * posting goes through lib/http, which retries and honours Retry-After; what is left when it gives
 * up becomes one clear `alert.*` error for the node's error output.
 */
import { HrError, toHrError } from '../errors';
import { createHttpClient, HttpError, type HttpClient, type HttpClientOptions, type HttpResponse } from '../http';
import type { Alert, Translate } from './alert';
import { emailMessage } from './email';
import { SLACK_GONE, slackMessage } from './slack';
import { CONNECTOR_THROTTLED, teamsConnectorCard, teamsWorkflowsMessage } from './teams';
import { webhookMessage } from './webhook';

export const CHANNEL_KINDS = ['slack', 'teams', 'teams-connector', 'email', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Channels that post to a URL; email leaves the node on its output instead. */
export type WebhookChannelKind = Exclude<ChannelKind, 'email'>;

const renderers: Record<ChannelKind, (alert: Alert, t: Translate) => unknown> = {
  slack: slackMessage,
  teams: teamsWorkflowsMessage,
  'teams-connector': teamsConnectorCard,
  email: emailMessage,
  webhook: webhookMessage,
};

export const renderAlert = (kind: ChannelKind, alert: Alert, t: Translate): unknown => renderers[kind](alert, t);

const CHANNEL_NAMES: Record<WebhookChannelKind, string> = {
  slack: 'Slack',
  teams: 'Teams',
  'teams-connector': 'Teams (connector)',
  webhook: 'The webhook',
};

/** A problem a channel reports inside a successful HTTP answer. */
function replyProblem(kind: WebhookChannelKind, res: HttpResponse): HrError | undefined {
  if (kind === 'teams-connector' && typeof res.body === 'string' && CONNECTOR_THROTTLED.test(res.body)) {
    return new HrError(
      'alert.channel_throttled',
      'Teams (connector) answered 200 but throttled the message ("HTTP error 429" in the body): the connector allows about 4 messages a second and 100 an hour; raise the grouping window or lower the rate.',
    );
  }
  return undefined;
}

/** Turns what lib/http gave up with into an error a person can act on. */
export function deliveryError(kind: WebhookChannelKind, thrown: unknown): HrError {
  if (thrown instanceof HrError && thrown.code.startsWith('alert.')) return thrown;
  const name = CHANNEL_NAMES[kind];
  if (!(thrown instanceof HttpError)) return toHrError(thrown, 'alert.channel_failed');
  const said = thrown.vendorMessage ? ` (${thrown.vendorMessage})` : '';
  const cause = { cause: thrown };
  if (
    (kind === 'slack' && SLACK_GONE.has(thrown.vendorMessage ?? '')) ||
    thrown.status === 404 ||
    thrown.status === 410
  ) {
    return new HrError(
      'alert.channel_gone',
      `${name} says this webhook no longer exists or was disabled${said}: create a new one and paste its URL into the alert node.`,
      { status: thrown.status, vendorMessage: thrown.vendorMessage },
      cause,
    );
  }
  if (thrown.code === 'http.auth') {
    return new HrError(
      'alert.channel_refused',
      `${name} refused the webhook${said}: check the URL and the permissions of the app or workflow behind it.`,
      { status: thrown.status },
      cause,
    );
  }
  if (thrown.code === 'http.rate_limited') {
    return new HrError(
      'alert.channel_throttled',
      `${name} kept answering 429 after ${thrown.attempts} attempts${said}: raise the grouping window or lower the rate.`,
      { status: 429 },
      cause,
    );
  }
  if (thrown.status !== undefined && thrown.status >= 400 && thrown.status < 500) {
    return new HrError(
      'alert.payload_rejected',
      `${name} rejected the message with ${thrown.status}${said}.`,
      { status: thrown.status, vendorMessage: thrown.vendorMessage },
      cause,
    );
  }
  return new HrError(
    'alert.channel_failed',
    `${name} could not be reached: ${thrown.message}`,
    { status: thrown.status },
    cause,
  );
}

export interface ChannelPoster {
  post(payload: unknown): Promise<{ status: number; attempts: number }>;
  close(): void;
}

/** Posts to one channel URL; the URL is the credential, so it never appears in a log or an error. */
export function channelPoster(
  kind: WebhookChannelKind,
  url: string,
  options: Pick<HttpClientOptions, 'retry' | 'timeoutMs' | 'logger' | 'clock'> = {},
): ChannelPoster {
  const http: HttpClient = createHttpClient({
    ...options,
    secretUrl: true,
    headers: { 'Content-Type': 'application/json' },
  });
  return {
    async post(payload) {
      let res: HttpResponse;
      try {
        // A repeated alert is better than a lost one, so timeouts and 5xx are retried like a GET.
        res = await http.request({ method: 'POST', url, body: payload, idempotent: true });
      } catch (err) {
        throw deliveryError(kind, err);
      }
      const problem = replyProblem(kind, res);
      if (problem) throw problem;
      return { status: res.status, attempts: res.attempts };
    },
    close: () => http.close(),
  };
}
