export type CountKind = 'emitted' | 'duplicates' | 'refused' | 'dropped' | 'failed';

/** The trigger's tallies since deploy and the time of the last delivery, for its status dot. */
export function triggerCounts() {
  const tally: Record<CountKind, number> = { emitted: 0, duplicates: 0, refused: 0, dropped: 0, failed: 0 };
  let last: Date | null = null;
  return {
    get refused() {
      return tally.refused;
    },
    add(kind: CountKind) {
      tally[kind] += 1;
      last = new Date();
    },
    status: () => ({ ...tally, time: last ? last.toTimeString().slice(0, 5) : '–' }),
  };
}
