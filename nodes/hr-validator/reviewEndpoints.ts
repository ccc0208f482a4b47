import type { NodeAPI } from 'node-red';
import type { Request, Response } from 'express';
import { HrError } from '../../lib/errors';
import type { HrStore } from '../../lib/store';
import { ownedBy, type Decision, type HeldPayload, type Settled } from '../../lib/dictionary/heldReviews';
import { opaque } from '../../lib/privacy/opaque';
import { getWithPersonal } from '../common/personalData';
import { actorOf, answering, failWith, readDecision } from '../common/adminRoutes';

/** A deployed validator with a store, as the review endpoints see it. */
export interface ReviewOwner {
  id: string;
  store(): Promise<HrStore>;
  /** Records the decision, audited with the person's name, and sends the held message on once. */
  decide(id: number, decision: Decision, actor: string): Promise<Settled>;
}

const REVIEW_PAGE = 1000;

const fail = failWith({
  'validator.review_decision_invalid': 400,
  'validator.review_not_found': 404,
  'validator.review_decided': 409,
  'store.review_decided': 409,
});

/**
 * Admin endpoints: the compensation reviews held by every deployed validator, and deciding one, which
 * sends the held message on from that validator (approved: valid output; rejected: invalid output).
 */
export function registerReviewEndpoints(RED: NodeAPI, owners: ReadonlyMap<string, ReviewOwner>): void {
  // The items hold a person's pay: without hr-sync.personal, their shape and the summary with each figure masked.
  getWithPersonal(RED, '/hr-validator/reviews', 'hr-validator.read', (personal) =>
    answering(fail, async (_req: Request, res: Response) => {
      const reviews = [];
      for (const owner of owners.values()) {
        const store = await owner.store();
        for (const review of (await store.listReviews('open', REVIEW_PAGE)).filter(ownedBy(owner.id))) {
          const held = review.payload as HeldPayload;
          const hidden = personal ? null : opaque(held.review, review.explanation);
          reviews.push({
            id: review.id,
            node: owner.id,
            createdAt: review.createdAt.toISOString(),
            summary: hidden ? hidden.text : review.explanation,
            eventId: held.eventId,
            items: hidden ? hidden.record : held.review,
          });
        }
      }
      res.json({ reviews });
    }),
  );

  RED.httpAdmin.post(
    '/hr-validator/reviews/:id',
    RED.auth.needsPermission('hr-validator.write'),
    answering(fail, async (req: Request, res: Response) => {
      const { id, decision, node } = readDecision(
        req,
        'validator.review_decision_invalid',
        '/hr-validator/reviews/<numeric id>',
      );
      const candidates = node ? [owners.get(node)].filter((o): o is ReviewOwner => !!o) : [...owners.values()];
      for (const owner of candidates) {
        const review = await (await owner.store()).getReview(id);
        if (!review || !ownedBy(owner.id)(review)) continue;
        const settled = await owner.decide(id, decision, actorOf(req));
        return void res.json({ id, node: owner.id, decision: settled.decision, decidedBy: settled.actor });
      }
      throw new HrError(
        'validator.review_not_found',
        `No compensation review ${id} is held by a deployed validator; its validator may have been removed.`,
        { id },
      );
    }),
  );
}
