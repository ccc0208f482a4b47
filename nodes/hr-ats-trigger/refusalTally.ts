/** Refusals of one reason within one window: what the trigger logs, counts and sends once for all of them. */
export interface RefusalWindow {
  reason: string;
  status: number;
  /** What the first refusal of the window said (which check, never a value of the request). */
  detail: string;
  count: number;
  since: Date;
}

/**
 * Adds up refused deliveries per reason and reports each reason at most once per window, so a flood of
 * hostile requests costs one log line, one counter write and one notice per reason and window instead
 * of one each. A window opens with the first refusal of its reason; close() reports what is open.
 */
export function refusalTally(windowMs: number, report: (window: RefusalWindow) => void) {
  const open = new Map<string, { window: RefusalWindow; timer: NodeJS.Timeout }>();
  const end = (reason: string) => {
    const entry = open.get(reason);
    if (!entry) return;
    open.delete(reason);
    clearTimeout(entry.timer);
    report(entry.window);
  };
  return {
    add(reason: string, status: number, detail: string): void {
      const entry = open.get(reason);
      if (entry) {
        entry.window.count += 1;
        return;
      }
      open.set(reason, {
        window: { reason, status, detail, count: 1, since: new Date() },
        timer: setTimeout(() => end(reason), windowMs),
      });
    },
    close(): void {
      for (const reason of [...open.keys()]) end(reason);
    },
  };
}
