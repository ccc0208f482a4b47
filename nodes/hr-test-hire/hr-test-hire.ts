import type { Node, NodeAPI, NodeDef } from 'node-red';
import { HrError } from '../../lib/errors';
import { deliver } from '../../sandbox/senders/delivery';
import { seedTestHire } from '../../sandbox/testHires';
import type { TriggerWebhook } from '../hr-ats-trigger/triggerRef';
import { runtimeOrigin } from '../common/runtimeSandbox';
import { createShell } from '../common/shell';
import { routeUrl } from '../common/webhookRoute';

interface TestHireDef extends NodeDef {
  trigger: string;
}

/**
 * "Send a test hire": seeds a hire in the built-in sandbox's ATS emulator and delivers the vendor's
 * signed web hook to an ATS trigger of this runtime, as the vendor would. Refused unless the
 * trigger's connection is in sandbox mode, so it can never put a made-up hire into a live system.
 */
export = (RED: NodeAPI) => {
  function HrTestHire(this: Node, def: TestHireDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const shell = createShell(RED, node);
    shell.status('idle', 'hr-test-hire.status.ready');

    shell.onInput(async (msg) => {
      const trigger = def.trigger
        ? (RED.nodes.getNode(def.trigger) as (Node & { webhook?: TriggerWebhook }) | null)
        : null;
      const webhook = trigger?.webhook;
      if (!webhook) throw new HrError('test_hire.no_trigger', RED._('hr-test-hire.errors.noTrigger'));
      const binding = webhook.connection.sandbox;
      if (!binding) throw new HrError('test_hire.not_sandbox', RED._('hr-test-hire.errors.notSandbox'));
      const hire = seedTestHire(binding.sandbox, binding.vendor, binding.webhookSecret);
      if (!hire)
        throw new HrError(
          'test_hire.unsupported',
          RED._('hr-test-hire.errors.unsupported', { vendor: binding.vendor }),
        );
      const url = `${runtimeOrigin(RED.settings as never)}${routeUrl(RED, webhook.path)}`;
      const answer = await deliver(url, hire.delivery);
      if (answer.status >= 300)
        throw new HrError(
          'test_hire.refused',
          RED._('hr-test-hire.errors.refused', { status: answer.status, path: webhook.path }),
        );
      shell.status('ok', 'hr-test-hire.status.sent', { vendor: binding.vendor, id: hire.atsId });
      const page = `${binding.sandbox[binding.vendor].url}/_sandbox/`;
      return {
        ...msg,
        payload: {
          vendor: binding.vendor,
          atsId: hire.atsId,
          path: webhook.path,
          status: answer.status,
          emulator: page,
        },
      };
    });
  }

  RED.nodes.registerType('hr-test-hire', HrTestHire);
};
