import type { NodeStates } from '../../lib/store';
import type { AtsContext, AtsSource, Delivery } from '../../lib/vendors/ats';

export interface PollRun {
  hires: Delivery[];
  /** The read stopped at its page limit: hires beyond it were not read by this poll. */
  capped: boolean;
  /** Keeps where the poll got to. Only once every hire is journalled: a position saved before them could skip them. */
  done(): Promise<void>;
}

export type HirePoller = (since: Date, ctx: AtsContext, cursors: NodeStates) => Promise<PollRun>;

/**
 * One reconciliation poll of the source: resumed from the position the store keeps under `cursorName`
 * when the vendor can resume (Ashby), else read from `since`; null when the vendor has no poll.
 * `maxPages` overrides the vendor's own limit of list pages per poll.
 */
export function hirePoller(source: AtsSource, cursorName: string, maxPages?: number): HirePoller | null {
  const { resumableHires, recentHires } = source;
  if (resumableHires) {
    return async (since, ctx, cursors) => {
      const poll = await resumableHires(since, await cursors.getNodeState(cursorName), ctx, maxPages);
      return { hires: poll.hires, capped: poll.capped, done: () => cursors.setNodeState(cursorName, poll.resumeFrom) };
    };
  }
  if (recentHires) {
    return async (since, ctx) => {
      const { hires, capped } = await recentHires(since, ctx, maxPages);
      return { hires, capped, done: async () => undefined };
    };
  }
  return null;
}
