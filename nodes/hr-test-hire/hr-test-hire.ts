import type { Node, NodeAPI, NodeDef, NodeMessageInFlow } from 'node-red';
import { HrError } from '../../lib/errors';
import { deliver } from '../../sandbox/senders/delivery';
import { seedTestChange } from '../../sandbox/testChanges';
import { seedTestHire } from '../../sandbox/testHires';
import type { TriggerWebhook } from '../common/atsTriggerRef';
import type { HrisTriggerWebhook } from '../common/hrisTriggerRef';
import { runtimeOrigin } from '../common/runtimeSandbox';
import { createShell } from '../common/shell';
import { routeUrl } from '../common/webhookRoute';

interface TestHireDef extends NodeDef {
  trigger: string;
}

type Trigger = Node & { webhook?: TriggerWebhook; changeWebhook?: HrisTriggerWebhook };

/**
 * "Send a test hire": seeds a hire in the built-in sandbox's ATS emulator and delivers the vendor's
 * signed web hook to an ATS trigger of this runtime, as the vendor would. Pointed at an HRIS trigger,
 * it changes the job title of the sandbox HRIS's newest employee and delivers the HRIS's signed change
 * webhook instead. Refused unless the trigger's connection is in sandbox mode, so it can never put a
 * made-up hire or change into a live system.
 */
export = (RED: NodeAPI) => {
  function HrTestHire(this: Node, def: TestHireDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const shell = createShell(RED, node);
    shell.status('idle', 'hr-test-hire.status.ready');

    /** Posts a seeded delivery to the trigger's webhook in this runtime; a refusal names the trigger's path. */
    async function deliverToTrigger(path: string, delivery: Parameters<typeof deliver>[1], refused: string) {
      const answer = await deliver(`${runtimeOrigin(RED.settings as never)}${routeUrl(RED, path)}`, delivery);
      if (answer.status >= 300) throw new HrError('test_hire.refused', RED._(refused, { status: answer.status, path }));
      return answer;
    }

    async function sendChange(msg: NodeMessageInFlow, webhook: HrisTriggerWebhook) {
      const binding = webhook.sandbox;
      if (!binding) throw new HrError('test_hire.not_sandbox', RED._('hr-test-hire.errors.changeNotSandbox'));
      const seeded = seedTestChange(binding.sandbox, binding.system, binding.webhookSecret);
      if (!seeded.ok) {
        const vendor = binding.system;
        if (seeded.reason === 'no_employee')
          throw new HrError('test_hire.no_employee', RED._('hr-test-hire.errors.noEmployee', { vendor }));
        throw new HrError('test_hire.unsupported', RED._('hr-test-hire.errors.changeUnsupported', { vendor }));
      }
      const { change } = seeded;
      const answer = await deliverToTrigger(webhook.path, change.delivery, 'hr-test-hire.errors.changeRefused');
      shell.status('ok', 'hr-test-hire.status.changed', { vendor: binding.system, id: change.employeeId });
      const page = `${binding.sandbox[binding.system].url}/_sandbox/`;
      const { employeeId, from, to } = change;
      const { path } = webhook;
      return {
        ...msg,
        payload: {
          vendor: binding.system,
          employeeId,
          field: 'job.title',
          from,
          to,
          path,
          status: answer.status,
          emulator: page,
        },
      };
    }

    shell.onInput(async (msg) => {
      const trigger = def.trigger ? (RED.nodes.getNode(def.trigger) as Trigger | null) : null;
      if (trigger?.changeWebhook) return sendChange(msg, trigger.changeWebhook);
      // An HRIS trigger that serves no change webhook (Personio's changes are polled) has nothing to deliver a test change to.
      if (trigger?.type === 'hr-hris-trigger')
        throw new HrError('test_hire.unsupported', RED._('hr-test-hire.errors.noChangeWebhook'));
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
      const answer = await deliverToTrigger(webhook.path, hire.delivery, 'hr-test-hire.errors.refused');
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
