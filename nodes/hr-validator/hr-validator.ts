import type { NodeAPI, Node, NodeDef, NodeMessage, NodeMessageInFlow } from 'node-red';
import { compileValidator, type ValidationReport } from '../../lib/dictionary/validator';
import { toHrError } from '../../lib/errors';
import { METRICS } from '../../lib/health/metrics';
import { redact } from '../../lib/http/redact';
import type { HrStore } from '../../lib/store';
import { createShell } from '../shared/shell';
import { dictionaryFrom, secretPathsOf } from '../shared/dictionaryRef';
import { storeFrom } from '../shared/storeRef';
import { percentToFraction } from './threshold';

interface ValidatorDef extends NodeDef {
  dictionary: string;
  /** Largest allowed compensation variance, in percent. */
  threshold: string;
  /** Optional hr-store: review items are queued there and rejections counted. */
  store: string;
}

const OUTPUT: Record<ValidationReport['status'], number> = { valid: 0, invalid: 1, review: 2 };

export = (RED: NodeAPI) => {
  function HrValidator(this: Node, def: ValidatorDef) {
    RED.nodes.createNode(this, def);
    const shell = createShell(RED, this);
    const counts = { valid: 0, invalid: 0, review: 0 };

    let validate: ReturnType<typeof compileValidator>;
    let secretPaths: string[];
    let acquireStore: (() => Promise<HrStore>) | null = null;
    try {
      const dictionary = dictionaryFrom(RED, def.dictionary);
      validate = compileValidator(dictionary, { varianceThreshold: percentToFraction(def.threshold || '2') });
      secretPaths = secretPathsOf(dictionary);
      if (def.store) {
        const storeNode = storeFrom(RED, def.store);
        acquireStore = () => storeNode.acquire();
      }
      shell.status('idle', 'hr-validator.status.ready', { fields: dictionary.fields.length });
    } catch (err) {
      shell.refuse(toHrError(err));
    }

    const remember = async (msg: NodeMessage, report: ValidationReport, canonical: unknown) => {
      if (!acquireStore || report.status === 'valid') return;
      const store = await acquireStore();
      if (report.status === 'invalid') {
        await store.count(METRICS.validationFailed);
        return;
      }
      const eventId = (canonical as { eventId?: unknown } | null)?.eventId;
      await store.addReview({
        kind: 'compensation_variance',
        explanation: report.review.map((r) => r.message).join('\n'),
        payload: redact({ eventId: typeof eventId === 'string' ? eventId : null, review: report.review, record: msg.payload }, { paths: secretPaths }),
      });
      await store.count(METRICS.reviewItems, { kind: 'compensation_variance' });
    };

    shell.onInput(async (msg: NodeMessageInFlow) => {
      // After a mapper, msg.payload is the target record and the canonical hire (with the offer) is beside it.
      const canonical = (msg as { canonical?: unknown }).canonical ?? msg.payload;
      const report = validate(msg.payload, canonical);
      (msg as { validation?: ValidationReport }).validation = report;
      await remember(msg, report, canonical);
      counts[report.status] += 1;
      shell.status(report.status === 'valid' ? 'ok' : 'warn', 'hr-validator.status.counts', counts);
      const outputs: Array<NodeMessage | null> = [null, null, null];
      outputs[OUTPUT[report.status]] = msg;
      return outputs;
    });
  }

  RED.nodes.registerType('hr-validator', HrValidator);
};
