import { HrError } from '../../errors';
import type { HrStore, NewEvent } from '../../store';

type Recorded = { inserted: boolean };

interface Waiting {
  event: NewEvent;
  resolve(result: Recorded): void;
  reject(err: unknown): void;
}

/** Enough for any burst a vendor sends, small enough that one transaction stays short. */
const MAX_BATCH = 256;

/**
 * Group commit for the trigger's journal. Deliveries that arrive while a commit is in flight wait and
 * are recorded together in the next transaction: one disk flush for all of them instead of one each.
 * Each caller's promise settles only once its own batch has committed, so a 2xx still means "recorded";
 * a batch that fails rejects every delivery in it (the store recorded none of them), so each is
 * answered 5xx and the vendor's retry brings it back. Results are handed out in the order the
 * deliveries were queued, which is the order they count as accepted.
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private committing = false;
  private scheduled = false;
  private closed = false;

  constructor(private readonly store: () => Promise<Pick<HrStore, 'recordEvents'>>) {}

  /** Same contract as HrStore.recordEvent, so the intake does not know it is batched. */
  readonly recordEvent = (event: NewEvent): Promise<Recorded> => {
    if (this.closed)
      return Promise.reject(new HrError('ats.closing', 'The trigger is being stopped; the delivery was not recorded.'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      this.schedule();
    });
  };

  /** Refuses new deliveries; those already queued still commit (or fail) and are answered. */
  close(): void {
    this.closed = true;
  }

  private schedule(): void {
    if (this.committing || this.scheduled) return;
    this.scheduled = true;
    // Not at once: SQLite commits synchronously, so the deliveries read in this turn of the event loop
    // (those that queued up behind the previous commit) must all have their chance to join.
    setImmediate(() => {
      this.scheduled = false;
      void this.commit();
    });
  }

  private async commit(): Promise<void> {
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    this.committing = true;
    try {
      const results = await (await this.store()).recordEvents(batch.map((w) => w.event));
      // A missing answer must not read as "already recorded": that delivery would be lost.
      if (results.length !== batch.length)
        throw new HrError('store.failed', `The store answered ${results.length} of ${batch.length} recorded events.`);
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      this.committing = false;
      if (this.waiting.length > 0) this.schedule();
    }
  }
}
