import type { NodeAPI, Node, NodeDef, NodeMessage, NodeMessageInFlow } from 'node-red';
import { compileValidator, type ValidationReport } from '../../lib/dictionary/validator';
import { toHrError } from '../../lib/errors';
import { METRICS } from '../../lib/health/metrics';
import type { HrStore } from '../../lib/store';
import { createShell } from '../common/shell';
import { dictionaryFrom } from '../common/dictionaryRef';
import { SecretPolicy } from '../../lib/privacy/policy';
import { storeFrom } from '../common/storeRef';
import { decide, decidedMessage, finishInterrupted, hold, type Settled } from '../../lib/dictionary/heldReviews';
import { registerReviewEndpoints, type ReviewOwner } from './reviewEndpoints';
import { validatorOptions, type ValidatorSettings } from './settings';

interface ValidatorDef extends NodeDef, ValidatorSettings {
  /** Optional hr-store: records needing review are held there until decided, and rejections counted. */
  store: string;
}

const OUTPUT: Record<ValidationReport['status'], number> = { valid: 0, invalid: 1, review: 2 };

const outputs = (index: number, msg: NodeMessage): Array<NodeMessage | null> =>
  [0, 1, 2].map((i) => (i === index ? msg : null));

export = (RED: NodeAPI) => {
  const owners = new Map<string, ReviewOwner>();

  function HrValidator(this: Node, def: ValidatorDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const shell = createShell(RED, this);
    const counts = { valid: 0, invalid: 0, review: 0 };
    const showCounts = (kind: 'ok' | 'warn') => shell.status(kind, 'hr-validator.status.counts', counts);

    let validate: ReturnType<typeof compileValidator>;
    let acquireStore: (() => Promise<HrStore>) | null = null;
    try {
      const dictionary = dictionaryFrom(RED, def.dictionary);
      shell.usePolicy(SecretPolicy.of(dictionary));
      validate = compileValidator(dictionary, validatorOptions(def));
      if (def.store) {
        const storeNode = storeFrom(RED, def.store);
        acquireStore = () => storeNode.acquire();
      }
      shell.status('idle', 'hr-validator.status.ready', { fields: dictionary.fields.length });
    } catch (err) {
      shell.refuse(toHrError(err));
    }

    const sendDecided = (settled: Settled) => {
      const { output, msg } = decidedMessage(settled);
      counts[output === 0 ? 'valid' : 'invalid'] += 1;
      showCounts(output === 0 ? 'ok' : 'warn');
      node.send(outputs(output, msg));
    };

    shell.onInput(async (msg: NodeMessageInFlow) => {
      // After a mapper, msg.payload is the target record and the canonical hire (with the offer) is beside it.
      const canonical = (msg as { canonical?: unknown }).canonical ?? msg.payload;
      const notSent = (msg as { mapping?: { notSent?: Array<{ path: string }> } }).mapping?.notSent;
      const report = validate(msg.payload, canonical, Array.isArray(notSent) ? notSent : []);
      (msg as { validation?: ValidationReport }).validation = report;
      counts[report.status] += 1;
      if (acquireStore && report.status !== 'valid') {
        const store = await acquireStore();
        if (report.status === 'invalid') {
          await store.count(METRICS.validationFailed);
        } else {
          const { review, already } = await hold(store, node.id, msg, report, canonical);
          (msg as { review?: unknown }).review = { id: review.id, kind: review.kind, status: review.status };
          if (already) {
            showCounts('warn');
            return null;
          }
          await store.count(METRICS.reviewItems, { kind: 'compensation_variance' });
        }
      }
      showCounts(report.status === 'valid' ? 'ok' : 'warn');
      return outputs(OUTPUT[report.status], msg);
    });

    if (acquireStore) {
      const store = acquireStore;
      owners.set(node.id, {
        id: node.id,
        store,
        decide: async (id, decision, actor) => decide(await store(), node.id, id, decision, actor, sendDecided),
      });
      shell.own(() => void owners.delete(node.id));
      // Decisions interrupted by a restart are finished once every node of the flow can receive what they send.
      const recover = () => {
        void store()
          .then((s) => finishInterrupted(s, node.id, sendDecided))
          .catch((err: unknown) =>
            node.error(RED._('hr-validator.errors.recovery', { message: toHrError(err).message })),
          );
      };
      RED.events.once('flows:started', recover);
      shell.own(() => void RED.events.removeListener('flows:started', recover));
    }
  }

  RED.nodes.registerType('hr-validator', HrValidator);
  registerReviewEndpoints(RED, owners);
};
