/** What every admin endpoint of the package shares: reading a review decision, naming the actor, answering a failure. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { HrError, toHrError } from '../../lib/errors';

/** `node` names the deployed node holding the review where several could. */
const DecisionBody = z.object({ decision: z.enum(['approved', 'rejected']), node: z.string().optional() });

export interface DecisionRequest {
  id: number;
  decision: 'approved' | 'rejected';
  node?: string;
}

/** A request deciding review `:id`, read at the boundary; an HrError `invalidCode` says what to send to `route`. */
export function readDecision(req: Request, invalidCode: string, route: string): DecisionRequest {
  const body = DecisionBody.safeParse(req.body ?? {});
  const id = Number(req.params.id);
  if (!body.success || !Number.isInteger(id))
    throw new HrError(invalidCode, `Send {"decision": "approved"} or {"decision": "rejected"} to ${route}.`);
  return { id, ...body.data };
}

/** Who the audit log names for an admin request: the editor's user, or `anonymous` where the editor has no login. */
export const actorOf = (req: Request, anonymous = 'editor'): string =>
  (req as Request & { user?: { username?: string } }).user?.username ?? anonymous;

export type Fail = (res: Response, err: unknown) => void;

/** Answers a failure with the HTTP status its code maps to (500 for any other) and `{ error: { code, message } }`. */
export const failWith =
  (statuses: Readonly<Record<string, number>>): Fail =>
  (res, err) => {
    const e = toHrError(err);
    res.status(statuses[e.code] ?? 500).json({ error: { code: e.code, message: e.message } });
  };

/** An Express handler running an async one, every failure answered by `fail` (never an unhandled rejection). */
export const answering =
  (fail: Fail, handler: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response): void => {
    handler(req, res).catch((err: unknown) => fail(res, err));
  };
