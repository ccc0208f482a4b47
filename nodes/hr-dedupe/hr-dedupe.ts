import type { NodeAPI, Node, NodeDef, NodeMessage, NodeMessageInFlow } from 'node-red';
import { HrError, toHrError, explainError } from '../../lib/errors';
import type { HrStore, Review } from '../../lib/store';
import { readSource } from '../../lib/survive';
import { createShell, type Shell } from '../common/shell';
import { storeFrom } from '../common/storeRef';
import {
  resolvePerson,
  settleDuplicate,
  type DuplicateReviewPayload,
  type Incoming,
  type Resolution,
} from '../../lib/dedupe/identityResolution';
import { PatternTally, learnWeights } from '../../lib/dedupe/learnWeights';
import { registerReviewEndpoints, type ReviewOwner } from './reviewEndpoints';
import { registerWeightEndpoints, type WeightOwner } from './weightEndpoints';
import { parseConfig, type DedupeConfig } from './settings';
import { METRICS } from '../../lib/health/metrics';
import { countMetric } from '../common/metrics';
import { policyFrom } from '../common/dictionaryRef';
import type { SecretPolicy } from '../../lib/privacy/policy';

interface DedupeDef extends NodeDef {
  store: string;
  mergeThreshold: string;
  reviewThreshold: string;
  identityAloneThreshold: string;
  defaultCountry: string;
  model: string;
  /** The data dictionary whose secret policy masks review copies; none: the default one. */
  dictionary?: string;
}

const OUTPUT: Record<'new' | 'merge' | 'review', number> = { new: 0, merge: 1, review: 2 };

function outputs(msg: NodeMessage, decision: keyof typeof OUTPUT): Array<NodeMessage | null> {
  const out: Array<NodeMessage | null> = [null, null, null];
  out[OUTPUT[decision]] = msg;
  return out;
}

const personInfo = (r: Resolution) => ({
  guid: r.guid,
  decision: r.decision,
  probability: r.probability,
  explanation: r.explanation,
  ...(r.reviewId !== undefined ? { reviewId: r.reviewId, candidateGuid: r.candidate?.guid } : {}),
});

/** How often the tally of scored pairs is saved to the store (and once more on close). */
const TALLY_SAVE_MS = 60_000;

export = (RED: NodeAPI) => {
  const owners = new Map<string, ReviewOwner>();
  const learners = new Map<string, WeightOwner>();

  function HrDedupe(this: Node, def: DedupeDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const shell: Shell = createShell(RED, this);
    const counts = { new: 0, merge: 0, review: 0, dropped: 0 };
    const showCounts = () => shell.status('ok', 'hr-dedupe.status.counts', counts);

    let config: DedupeConfig;
    let acquire: () => Promise<HrStore>;
    let policy: SecretPolicy;
    try {
      policy = policyFrom(RED, def.dictionary);
      shell.usePolicy(policy);
      config = parseConfig(def as unknown as Record<string, unknown>, `hr-dedupe:${this.id}`);
      const storeNode = storeFrom(RED, def.store);
      acquire = () => storeNode.acquire();
    } catch (err) {
      shell.refuse(toHrError(err));
      shell.onInput(async () => null);
      return;
    }
    // The level patterns of every pair this node scores, for learning the weights on demand (learnWeights.ts).
    const tally = new PatternTally(`hr-dedupe:${this.id}:patterns`);
    config.settings.onScored = (explanation) => tally.add(explanation);
    const saveTally = () =>
      acquire()
        .then((store) => tally.save(store))
        .catch((err: unknown) =>
          node.warn(RED._('hr-dedupe.errors.tallyNotSaved', { reason: explainError(RED._, toHrError(err)) })),
        );
    const timer = setInterval(() => void saveTally(), TALLY_SAVE_MS);
    timer.unref();
    shell.own(async () => {
      clearInterval(timer);
      await saveTally();
    });
    learners.set(this.id, {
      id: this.id,
      async learn() {
        const store = await acquire();
        return learnWeights(store, config.settings.model, await tally.all(store));
      },
    });
    shell.own(() => void learners.delete(this.id));

    acquire().then(
      () => shell.status('idle', 'hr-dedupe.status.ready'),
      (err: unknown) => shell.status('error', 'common.status.failed', { reason: explainError(RED._, toHrError(err)) }),
    );

    const read = (payload: unknown, at: Date): Incoming => {
      const source = readSource(payload, {
        defaultCountry: config.defaultCountry,
        errorCode: 'dedupe.payload_invalid',
      });
      if (!source.person) {
        throw new HrError(
          'dedupe.payload_invalid',
          `msg.payload is a ${source.kind} without a person; dedupe needs a hire event, candidate or person.`,
          { field: 'person' },
        );
      }
      return { source: { ...source, person: source.person }, payload, at: source.at ?? at };
    };

    shell.onInput(async (msg: NodeMessageInFlow) => {
      const incoming = read(msg.payload, new Date());
      const store = await acquire();
      const resolution = await resolvePerson(store, incoming, config.settings, this.id);
      if (resolution.decision === 'review' && !resolution.reviewUpdated)
        countMetric(this, store, METRICS.reviewItems, { kind: 'possible_duplicate' });
      if (resolution.decision === 'dropped') {
        counts.dropped += 1;
        showCounts();
        return null;
      }
      counts[resolution.decision] += 1;
      showCounts();
      const out = msg as NodeMessage & Record<string, unknown>;
      out.payload = incoming.source.canonical;
      out.person = personInfo(resolution);
      if (resolution.decision === 'review') {
        out.review = {
          id: resolution.reviewId,
          updated: resolution.reviewUpdated === true,
          incoming: policy.mask(incoming.source.person),
          candidate: policy.mask(resolution.candidate),
        };
      }
      return outputs(out, resolution.decision);
    });

    owners.set(this.id, {
      id: this.id,
      store: acquire,
      policy,
      async settle(review: Review, decision, actor) {
        const payload = review.payload as DuplicateReviewPayload;
        const incoming = read(payload.payload, review.createdAt);
        const store = await acquire();
        await store.decideReview(review.id, decision, actor);
        const resolution = await settleDuplicate(store, incoming, payload, decision === 'approved', actor);
        const outcome = resolution.decision === 'merge' ? 'merge' : 'new';
        counts[outcome] += 1;
        showCounts();
        const msg = {
          payload: incoming.source.canonical,
          person: personInfo(resolution),
          review: { id: review.id, decision, decidedBy: actor },
        };
        node.send(outputs(msg, outcome));
        return resolution;
      },
    });
    shell.own(() => void owners.delete(this.id));
  }

  RED.nodes.registerType('hr-dedupe', HrDedupe);
  registerReviewEndpoints(RED, owners);
  registerWeightEndpoints(RED, learners);
};
