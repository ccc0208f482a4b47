/**
 * Admin endpoints under /hr-sync/ behind the sidebar. Viewing needs hr-sync.read, and shows personal
 * fields masked; /hr-sync/overview/personal shows them and needs hr-sync.personal as well (a name
 * not ending in ".read", so Node-RED's read-only scope never grants it). Deciding a
 * survivorship conflict, or a compensation variance no validator holds, needs hr-sync.write; a
 * possible duplicate is decided through its dedupe node's endpoint, a variance held by a validator
 * through the validator's, and a dead letter through its writer's, so those actions act in the flow
 * and are audited where they happen.
 */
import type { NodeAPI } from 'node-red';
import type { Request, Response } from 'express';
import { HrError, toHrError } from '../../lib/errors';
import type { HrStore, OutboxEntry } from '../../lib/store/types';
import { findDeployment } from './deployment';
import { healthFigures, monitorRules } from './health';
import { sidebarPolicy, viewerOf, type Mask, type Viewer } from './masking';
import { reviewView } from './reviews';
import { getWithPersonal } from '../../nodes/common/personalData';
import { actorOf, answering, failWith, readDecision } from '../../nodes/common/adminRoutes';
import { opaque } from '../../lib/privacy/opaque';

/** More than a person works through in a sitting; the counts say when there are more. */
const LIST_LIMIT = 200;

const fail = failWith({
  'hr-sync.decision_invalid': 400,
  'hr-sync.store_not_found': 404,
  'hr-sync.review_not_found': 404,
  'store.review_not_found': 404,
  'hr-sync.review_owned_by_dedupe': 409,
  'hr-sync.review_owned_by_validator': 409,
  'store.review_decided': 409,
});

/**
 * A dead letter holds a vendor-shaped record whose field names no dictionary lists: a viewer who may
 * see no personal data gets its shape, and the vendor's error with each of its values masked.
 */
function deadLetterView(e: OutboxEntry, mask: Mask, personal: boolean) {
  const hidden = personal ? null : opaque(e.payload, e.lastError);
  return mask(
    {
      id: e.id,
      operation: e.operation,
      target: e.target,
      personGuid: e.personGuid,
      attempts: e.attempts,
      lastError: hidden ? hidden.text : e.lastError,
      payload: hidden ? hidden.record : e.payload,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    },
    e.payload,
  );
}

async function storeOverview(store: HrStore, viewer: Viewer, now: Date) {
  const open = await store.listReviews('open', LIST_LIMIT);
  const reviews = [];
  for (const review of open) reviews.push(await reviewView(review, store, viewer));
  return {
    health: await healthFigures(store, now),
    reviews,
    deadLetters: (await store.listDeadLetters(LIST_LIMIT)).map((e) => deadLetterView(e, viewer.mask, viewer.personal)),
  };
}

export function registerSyncRoutes(RED: NodeAPI): void {
  const overview = (personal: boolean) =>
    answering(fail, async (_req: Request, res: Response) => {
      const deployment = findDeployment(RED);
      const viewer = viewerOf(sidebarPolicy(RED, deployment), personal);
      const now = new Date();
      const stores = [];
      for (const site of deployment.stores) {
        const about = {
          id: site.id,
          name: site.name,
          flows: site.flows,
          dedupe: site.dedupe,
          writers: site.writers,
          monitors: site.monitors.map((m) => ({ id: m.id, name: m.name || m.id, rules: monitorRules(m) })),
        };
        try {
          stores.push({ ...about, ...(await storeOverview(await site.node.acquire(), viewer, now)) });
        } catch (err) {
          // One store that cannot be read must not hide the others.
          const e = toHrError(err);
          stores.push({ ...about, error: { code: e.code, message: e.message } });
        }
      }
      res.json({ at: now.toISOString(), personal, stores });
    });
  getWithPersonal(RED, '/hr-sync/overview', 'hr-sync.read', overview);

  RED.httpAdmin.post(
    '/hr-sync/stores/:store/reviews/:id',
    RED.auth.needsPermission('hr-sync.write'),
    answering(fail, async (req: Request, res: Response) => {
      const { id, decision } = readDecision(
        req,
        'hr-sync.decision_invalid',
        '/hr-sync/stores/<store id>/reviews/<numeric id>',
      );
      const site = findDeployment(RED).stores.find((s) => s.ids.includes(String(req.params.store)));
      if (!site) throw new HrError('hr-sync.store_not_found', `No deployed HR store ${req.params.store}.`);
      const store = await site.node.acquire();
      const review = await store.getReview(id);
      if (!review) throw new HrError('hr-sync.review_not_found', `No review ${id} in the store ${site.name}.`);
      if (review.kind === 'possible_duplicate') {
        throw new HrError(
          'hr-sync.review_owned_by_dedupe',
          `Review ${id} is a possible duplicate: decide it through its dedupe node (POST /hr-dedupe/reviews/${id}), so the person goes on through the flow.`,
        );
      }
      const holder = (review.payload as { node?: unknown } | null)?.node;
      if (review.kind === 'compensation_variance' && typeof holder === 'string') {
        throw new HrError(
          'hr-sync.review_owned_by_validator',
          `Review ${id} holds a record in validator ${holder}: decide it through that node (POST /hr-validator/reviews/${id}), so the record goes on through the flow.`,
        );
      }
      const decided = await store.decideReview(id, decision, actorOf(req));
      res.json({ id, kind: decided.kind, status: decided.status, decidedBy: decided.decidedBy });
    }),
  );
}
