import type { Alert, Translate } from '../../lib/alert/alert';
import { channelPoster, renderAlert } from '../../lib/alert/channels';
import { HrError } from '../../lib/errors';
import { redact } from '../../lib/privacy/redact';
import { describeIssues } from '../../lib/zodIssues';
import { explainFailure, outcome, secretsOf, type TestInput, type TestOutcome } from '../common/connectionTest';
import { AlertConfig, ChannelUrl } from './config';

const CHANNEL_NAMES = {
  slack: 'Slack',
  teams: 'Microsoft Teams',
  'teams-connector': 'Microsoft Teams',
  email: 'Email',
  webhook: 'Webhook',
} as const;

/** One message that says plainly it is a test, so nobody in the channel acts on it. */
function testAlert(t: Translate, now: Date): Alert {
  const at = now.toISOString();
  return {
    severity: 'info',
    category: 'health',
    code: 'alert.test',
    title: t('text.test.title'),
    detail: t('text.test.detail'),
    source: { nodeType: 'hr-alert' },
    people: [],
    peopleCount: 0,
    links: {},
    facts: [],
    firstAt: at,
    lastAt: at,
    count: 1,
  };
}

/** "Send test alert": posts one clearly labelled test message to the channel the dialog names. */
export async function sendTestAlert({ config, credentials }: TestInput, t: Translate): Promise<TestOutcome[]> {
  const parsed = AlertConfig.safeParse(config);
  if (!parsed.success) throw new HrError('alert.config_invalid', describeIssues(parsed.error));
  const channel = parsed.data.channel;
  const service = CHANNEL_NAMES[channel];
  if (channel === 'email') return [outcome(service, 'emailChannel')];
  const url = ChannelUrl.safeParse(credentials.url ?? '');
  if (!url.success) throw new HrError('alert.url_missing', `Channel URL ${describeIssues(url.error)}`);

  const poster = channelPoster(channel, url.data, { retry: false, timeoutMs: 10_000 });
  try {
    await poster.post(redact(renderAlert(channel, testAlert(t, new Date()), t)));
    return [outcome(service, 'alertSent')];
  } catch (err) {
    return [explainFailure(err, { service, secrets: secretsOf(credentials), notFound: 'channelGone' })];
  } finally {
    poster.close();
  }
}
