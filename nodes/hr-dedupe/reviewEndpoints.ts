import type { NodeAPI } from 'node-red';
import type { Request, Response } from 'express';
import { HrError } from '../../lib/errors';
import type { HrStore, Review } from '../../lib/store';
import type { DuplicateReviewPayload, Resolution } from '../../lib/dedupe/identityResolution';
import type { SecretPolicy } from '../../lib/privacy/policy';
import { getWithPersonal } from '../common/personalData';
import { actorOf, answering, failWith, readDecision } from '../common/adminRoutes';

/** A deployed dedupe node, as the review endpoints see it. */
export interface ReviewOwner {
  id: string;
  store(): Promise<HrStore>;
  /** The secret policy of the node's dictionary, which masks what a reviewer is shown. */
  policy: SecretPolicy;
  /** Records the decision and re-enters the flow from the node's merge or new output. */
  settle(review: Review, decision: 'approved' | 'rejected', actor: string): Promise<Resolution>;
}

// The store lists open reviews oldest first and has no lookup by id, so listing and deciding read one page.
const REVIEW_PAGE = 1000;

const ownedBy = (owner: ReviewOwner) => (review: Review) =>
  review.kind === 'possible_duplicate' && (review.payload as DuplicateReviewPayload | null)?.node === owner.id;

const fail = failWith({
  'dedupe.review_decision_invalid': 400,
  'store.review_not_found': 404,
  'dedupe.review_not_found': 404,
  'store.review_decided': 409,
});

async function view(owner: ReviewOwner, store: HrStore, review: Review, personal: boolean) {
  const p = review.payload as DuplicateReviewPayload;
  const candidate = await store.getPerson(p.candidateGuid);
  return owner.policy.mask(
    {
      id: review.id,
      node: owner.id,
      createdAt: review.createdAt.toISOString(),
      summary: review.explanation,
      probability: p.probability,
      fields: p.explanation.fields,
      incoming: p.payload,
      candidate: { guid: p.candidateGuid, record: candidate?.record ?? null },
    },
    { hidePersonal: !personal, echoesOf: { incoming: p.payload, candidate: candidate?.record } },
  );
}

/** Admin endpoints: the open duplicate reviews of every deployed dedupe node, and deciding one. */
export function registerReviewEndpoints(RED: NodeAPI, owners: ReadonlyMap<string, ReviewOwner>): void {
  getWithPersonal(RED, '/hr-dedupe/reviews', 'hr-dedupe.read', (personal) =>
    answering(fail, async (_req: Request, res: Response) => {
      const views = [];
      for (const owner of owners.values()) {
        const store = await owner.store();
        for (const review of (await store.listReviews('open', REVIEW_PAGE)).filter(ownedBy(owner)))
          views.push(await view(owner, store, review, personal));
      }
      res.json({ reviews: views });
    }),
  );

  RED.httpAdmin.post(
    '/hr-dedupe/reviews/:id',
    RED.auth.needsPermission('hr-dedupe.write'),
    answering(fail, async (req: Request, res: Response) => {
      const { id, decision, node } = readDecision(
        req,
        'dedupe.review_decision_invalid',
        '/hr-dedupe/reviews/<numeric id>',
      );
      const candidates = node ? [owners.get(node)].filter((o): o is ReviewOwner => !!o) : [...owners.values()];
      for (const owner of candidates) {
        const store = await owner.store();
        const review = (await store.listReviews('open', REVIEW_PAGE)).find((r) => r.id === id && ownedBy(owner)(r));
        if (!review) continue;
        const resolution = await owner.settle(review, decision, actorOf(req));
        return void res.json({ id, decision, guid: resolution.guid, outcome: resolution.decision });
      }
      throw new HrError(
        'dedupe.review_not_found',
        `No open duplicate review ${id} belongs to a deployed dedupe node; it may be decided already, or its node removed.`,
      );
    }),
  );
}
