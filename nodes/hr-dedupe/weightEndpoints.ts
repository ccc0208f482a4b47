import type { NodeAPI } from 'node-red';
import type { Request, Response } from 'express';
import { HrError, toHrError } from '../../lib/errors';
import { asOverrides, type LearnedLevel } from '../../lib/dedupe/learnWeights';
import type { Estimate } from '../../lib/match';

/** A deployed dedupe node, as the weight-learning endpoint sees it. */
export interface WeightOwner {
  id: string;
  /** EM over the pairs the node scored, from its current weights (lib/dedupe/learnWeights.ts). */
  learn(): Promise<Estimate & { levels: LearnedLevel[] }>;
}

const STATUS: Record<string, number> = { 'dedupe.node_not_found': 404, 'match.estimate_no_pairs': 409 };

/**
 * POST /hr-dedupe/<node id>/learn-weights: learns m and u from the node's own data and answers with the
 * weights before and after, and the learned model as the node's weight overrides. Nothing is applied:
 * the user pastes the overrides into the node's Weights and deploys, so a change of weights is a deploy.
 */
export function registerWeightEndpoints(RED: NodeAPI, owners: ReadonlyMap<string, WeightOwner>): void {
  RED.httpAdmin.post(
    '/hr-dedupe/:id/learn-weights',
    RED.auth.needsPermission('hr-dedupe.write'),
    (req: Request, res: Response) => {
      void (async () => {
        try {
          const owner = owners.get(String(req.params.id));
          if (!owner) throw new HrError('dedupe.node_not_found', `No deployed dedupe node ${String(req.params.id)}.`);
          const learnt = await owner.learn();
          res.json({
            node: owner.id,
            blockedPairs: learnt.blockedPairs,
            randomPairs: learnt.randomPairs,
            iterations: learnt.iterations,
            converged: learnt.converged,
            matchShare: learnt.matchShare,
            levels: learnt.levels,
            overrides: asOverrides(learnt.model),
          });
        } catch (err) {
          const e = toHrError(err);
          res.status(STATUS[e.code] ?? 500).json({ error: { code: e.code, message: e.message } });
        }
      })();
    },
  );
}
