import type { NodeAPI } from 'node-red';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { HrError, toHrError } from '../../lib/errors';
import type { HrStore, Review } from '../../lib/store';
import type { DuplicateReviewPayload, Resolution } from '../../lib/dedupe/identityResolution';
import type { SecretPolicy } from '../../lib/privacy/policy';
import { getWithPersonal } from '../shared/personalData';

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

const Decision = z.object({ decision: z.enum(['approved', 'rejected']), node: z.string().optional() });

const ownedBy = (owner: ReviewOwner) => (review: Review) =>
  review.kind === 'possible_duplicate' && (review.payload as DuplicateReviewPayload | null)?.node === owner.id;

function fail(res: Response, status: number, err: unknown): void {
  const e = toHrError(err);
  res.status(status).json({ error: { code: e.code, message: e.message } });
}

function statusFor(code: string): number {
  if (code === 'store.review_decided') return 409;
  if (code === 'store.review_not_found' || code === 'dedupe.review_not_found') return 404;
  return 500;
}

async function view(owner: ReviewOwner, store: HrStore, review: Review, personal: boolean) {
  const p = review.payload as DuplicateReviewPayload;
  const candidate = await store.getPerson(p.candidateGuid);
  return owner.policy.mask({
    id: review.id,
    node: owner.id,
    createdAt: review.createdAt.toISOString(),
    summary: review.explanation,
    probability: p.probability,
    fields: p.explanation.fields,
    incoming: p.payload,
    candidate: { guid: p.candidateGuid, record: candidate?.record ?? null },
  }, { hidePersonal: !personal, echoesOf: { incoming: p.payload, candidate: candidate?.record } });
}

/** Admin endpoints: the open duplicate reviews of every deployed dedupe node, and deciding one. */
export function registerReviewEndpoints(RED: NodeAPI, owners: ReadonlyMap<string, ReviewOwner>): void {
  getWithPersonal(RED, '/hr-dedupe/reviews', 'hr-dedupe.read', (personal) => (_req: Request, res: Response) => {
    void (async () => {
      try {
        const views = [];
        for (const owner of owners.values()) {
          const store = await owner.store();
          for (const review of (await store.listReviews('open', REVIEW_PAGE)).filter(ownedBy(owner))) views.push(await view(owner, store, review, personal));
        }
        res.json({ reviews: views });
      } catch (err) {
        fail(res, 500, err);
      }
    })();
  });

  RED.httpAdmin.post('/hr-dedupe/reviews/:id', RED.auth.needsPermission('hr-dedupe.write'), (req: Request, res: Response) => {
    void (async () => {
      const body = Decision.safeParse(req.body ?? {});
      const id = Number(req.params.id);
      if (!body.success || !Number.isInteger(id)) {
        return fail(res, 400, new HrError('dedupe.review_decision_invalid', 'Send {"decision": "approved"} or {"decision": "rejected"} to /hr-dedupe/reviews/<numeric id>.'));
      }
      try {
        const candidates = body.data.node ? [owners.get(body.data.node)].filter((o): o is ReviewOwner => !!o) : [...owners.values()];
        for (const owner of candidates) {
          const store = await owner.store();
          const review = (await store.listReviews('open', REVIEW_PAGE)).find((r) => r.id === id && ownedBy(owner)(r));
          if (!review) continue;
          const actor = (req as Request & { user?: { username?: string } }).user?.username ?? 'editor';
          const resolution = await owner.settle(review, body.data.decision, actor);
          return void res.json({ id, decision: body.data.decision, guid: resolution.guid, outcome: resolution.decision });
        }
        fail(res, 404, new HrError('dedupe.review_not_found', `No open duplicate review ${id} belongs to a deployed dedupe node; it may be decided already, or its node removed.`));
      } catch (err) {
        const e = toHrError(err);
        fail(res, statusFor(e.code), e);
      }
    })();
  });
}
