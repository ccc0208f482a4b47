/** Work a node has started and close must wait for: webhook answers, polls, emits. */
export function inFlightWork(): { track(work: Promise<void>): void; settled(): Promise<void> } {
  const pending = new Set<Promise<void>>();
  return {
    track(work) {
      pending.add(work);
      void work.finally(() => pending.delete(work));
    },
    settled: () => Promise.allSettled([...pending]).then(() => undefined),
  };
}
