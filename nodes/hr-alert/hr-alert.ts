import type { Node, NodeAPI, NodeDef, NodeMessage } from 'node-red';
import { ZodError } from 'zod';
import type { Alert, Translate } from '../../lib/alert/alert';
import { channelPoster, renderAlert, type ChannelPoster } from '../../lib/alert/channels';
import { parseDigestTime } from '../../lib/alert/digest';
import { createDispatcher } from '../../lib/alert/dispatcher';
import { alertFromMessage } from '../../lib/alert/fromMessage';
import { alertRedactor } from '../../lib/alert/redaction';
import { HrError, toHrError, explainError } from '../../lib/errors';
import { describeIssues } from '../../lib/zodIssues';
import { registerConnectionTest, rememberDeployed } from '../common/connectionTest';
import { runtimeSandbox } from '../common/runtimeSandbox';
import { logSandbox, unsetVariable } from '../common/sandboxMode';
import { policyFrom } from '../common/dictionaryRef';
import { createShell, type Shell } from '../common/shell';
import { sandboxChannelUrl } from '../../sandbox/connectionValues';
import { AlertConfig, ChannelUrl } from './config';
import { sendTestAlert } from './testAlert';

interface AlertCredentials {
  url?: string;
}

/** How long close waits for pending alerts to reach the channel before reporting them to the log. */
const CLOSE_FLUSH_MS = 5_000;

type Accept = (msg: Record<string, unknown>) => void;

export = (RED: NodeAPI) => {
  const t: Translate = (key, params) => RED._(`hr-alert.${key}`, params);

  const describeNode = (id: string) => {
    const found = RED.nodes.getNode(id) as (Node & { z?: string }) | null;
    return found
      ? {
          nodeType: found.type,
          ...(found.name ? { nodeName: found.name } : {}),
          ...(found.z ? { flowId: found.z } : {}),
        }
      : undefined;
  };

  /** Reads the settings and wires redaction, grouping and the channel; throws what keeps the node from running. */
  function start(node: Node, shell: Shell, def: NodeDef): Accept {
    const parsed = AlertConfig.safeParse(def);
    if (!parsed.success) throw new HrError('alert.config_invalid', describeIssues(parsed.error));
    const config = parsed.data;

    let poster: ChannelPoster | null = null;
    if (config.channel !== 'email') {
      let given = ((node.credentials ?? {}) as AlertCredentials).url ?? '';
      // A channel URL left as an unset `${NAME}` posts to the built-in sandbox's Slack or Teams emulator.
      if (unsetVariable(given) && (config.channel === 'slack' || config.channel === 'teams')) {
        given = sandboxChannelUrl(runtimeSandbox(RED), config.channel);
        shell.markSandbox();
        logSandbox(RED, node, config.channel, given);
      }
      const url = ChannelUrl.safeParse(given);
      if (!url.success) throw new HrError('alert.url_missing', `Channel URL ${describeIssues(url.error)}`);
      poster = channelPoster(config.channel, url.data);
    }

    const policy = policyFrom(RED, (def as NodeDef & { dictionary?: string }).dictionary);
    shell.usePolicy(policy);
    const redactor = alertRedactor(policy, {
      hidePersonal: config.hidePersonal,
      extraPaths: config.secretFields
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    });
    let sent = 0;
    let failed = 0;

    const dispatcher = createDispatcher({
      groupWindowMs: config.groupWindow * 1000,
      ratePerMinute: config.ratePerMinute,
      ...(config.digest
        ? { digest: { ...parseDigestTime(config.digestTime)!, immediateFrom: config.digestBelow } }
        : {}),
      t,
      async send(alert) {
        // The formatters only see redacted alerts; the pattern net runs once more over the finished payload.
        const payload = policy.mask(renderAlert(config.channel, alert, t));
        const delivery = poster ? await poster.post(payload) : undefined;
        return { payload, delivery };
      },
      onSent(alert, receipt) {
        sent += 1;
        const { payload, delivery } = receipt as { payload: unknown; delivery?: unknown };
        const out =
          config.channel === 'email'
            ? { ...(payload as object), alert }
            : { payload, alert, channel: config.channel, delivery };
        node.send([out as NodeMessage, null]);
        shell.status('ok', 'hr-alert.status.sent', { count: sent });
      },
      onFailed(alert, error) {
        failed += 1;
        node.send([
          null,
          {
            payload: alert,
            error: { code: error.code, message: error.message },
            channel: config.channel,
          } as NodeMessage,
        ]);
        // Logged without the message: a Catch node wired back into this alert node would loop.
        node.error(
          t('errors.notDelivered', {
            code: error.code,
            reason: explainError(RED._, error),
            message: policy.text(error.message),
            title: alert.title,
            count: alert.count,
          }),
        );
        shell.status('error', 'hr-alert.status.failed', {
          code: error.code,
          reason: explainError(RED._, error),
          count: failed,
        });
      },
    });
    shell.own(() => poster?.close());
    shell.own(() => dispatcher.close(CLOSE_FLUSH_MS));
    shell.status('idle', 'hr-alert.status.ready');

    return (source) => {
      let alert: Alert;
      try {
        alert = alertFromMessage(source, {
          t,
          now: new Date(),
          defaultSeverity: config.severity,
          describeNode,
          editorUrl: config.editorUrl,
        });
      } catch (err) {
        if (err instanceof ZodError)
          throw new HrError('alert.input_invalid', `msg.alert is not a valid alert: ${describeIssues(err, 'alert')}`);
        throw err;
      }
      dispatcher.add(redactor.redact(alert, source));
      if (dispatcher.pending() > 0) shell.status('busy', 'hr-alert.status.pending', { count: dispatcher.pending() });
    };
  }

  function HrAlert(this: Node, def: NodeDef) {
    RED.nodes.createNode(this, def);
    rememberDeployed(this, def);
    const shell = createShell(RED, this);
    let accept: Accept | null = null;
    try {
      accept = start(this, shell, def);
    } catch (err) {
      shell.refuse(toHrError(err));
    }
    shell.onInput(async (msg) => {
      // A refused node never gets here: the shell answers with the refusal first.
      accept!(msg as unknown as Record<string, unknown>);
      return null;
    });
  }

  registerConnectionTest(RED, 'hr-alert', (input) => sendTestAlert(input, t));

  RED.nodes.registerType('hr-alert', HrAlert, { credentials: { url: { type: 'password' } } });
};
