import type { NodeAPI } from 'node-red';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { HrError, toHrError } from '../../lib/errors';
import type { HrStore } from '../../lib/store';
import { ownedBy, type Decision, type HeldPayload, type Settled } from '../../lib/dictionary/heldReviews';
import { opaque } from '../../lib/privacy/opaque';
import { getWithPersonal } from '../shared/personalData';

/** A deployed validator with a store, as the review endpoints see it. */
export interface ReviewOwner {
  id: string;
  store(): Promise<HrStore>;
  /** Records the decision, audited with the person's name, and sends the held message on once. */
  decide(id: number, decision: Decision, actor: string): Promise<Settled>;
}

const REVIEW_PAGE = 1000;

const DecisionBody = z.object({ decision: z.enum(['approved', 'rejected']), node: z.string().optional() });

const STATUS: Record<string, number> = {
  'validator.review_decision_invalid': 400,
  'validator.review_not_found': 404,
  'validator.review_decided': 409,
  'store.review_decided': 409,
};

function fail(res: Response, err: unknown): void {
  const e = toHrError(err);
  res.status(STATUS[e.code] ?? 500).json({ error: { code: e.code, message: e.message } });
}

const actorOf = (req: Request) => (req as Request & { user?: { username?: string } }).user?.username ?? 'editor';

/**
 * Admin endpoints: the compensation reviews held by every deployed validator, and deciding one, which
 * sends the held message on from that validator (approved: valid output; rejected: invalid output).
 */
export function registerReviewEndpoints(RED: NodeAPI, owners: ReadonlyMap<string, ReviewOwner>): void {
  // The items hold a person's pay: without hr-sync.personal, their shape and the summary with each figure masked.
  getWithPersonal(RED, '/hr-validator/reviews', 'hr-validator.read', (personal) => (_req: Request, res: Response) => {
    void (async () => {
      const reviews = [];
      for (const owner of owners.values()) {
        const store = await owner.store();
        for (const review of (await store.listReviews('open', REVIEW_PAGE)).filter(ownedBy(owner.id))) {
          const held = review.payload as HeldPayload;
          const hidden = personal ? null : opaque(held.review, review.explanation);
          reviews.push({ id: review.id, node: owner.id, createdAt: review.createdAt.toISOString(), summary: hidden ? hidden.text : review.explanation, eventId: held.eventId, items: hidden ? hidden.record : held.review });
        }
      }
      res.json({ reviews });
    })().catch((err: unknown) => fail(res, err));
  });

  RED.httpAdmin.post('/hr-validator/reviews/:id', RED.auth.needsPermission('hr-validator.write'), (req: Request, res: Response) => {
    void (async () => {
      const body = DecisionBody.safeParse(req.body ?? {});
      const id = Number(req.params.id);
      if (!body.success || !Number.isInteger(id)) {
        throw new HrError('validator.review_decision_invalid', 'Send {"decision": "approved"} or {"decision": "rejected"} to /hr-validator/reviews/<numeric id>.');
      }
      const candidates = body.data.node ? [owners.get(body.data.node)].filter((o): o is ReviewOwner => !!o) : [...owners.values()];
      for (const owner of candidates) {
        const review = await (await owner.store()).getReview(id);
        if (!review || !ownedBy(owner.id)(review)) continue;
        const settled = await owner.decide(id, body.data.decision, actorOf(req));
        return void res.json({ id, node: owner.id, decision: settled.decision, decidedBy: settled.actor });
      }
      throw new HrError('validator.review_not_found', `No compensation review ${id} is held by a deployed validator; its validator may have been removed.`, { id });
    })().catch((err: unknown) => fail(res, err));
  });
}
