/**
 * Where the counting sink nodes report, inside the process that runs Node-RED: the sink module and
 * the host load this same module, so they share one hub.
 */
export interface Arrival {
  label: string;
  /** For messages from a Catch node: the error's code and message. */
  error?: string;
}

export const sinkHub = {
  counts: new Map<string, number>(),
  errors: [] as string[],
  waiter: null as ((arrival: Arrival) => void) | null,
  arrive(arrival: Arrival): void {
    this.counts.set(arrival.label, (this.counts.get(arrival.label) ?? 0) + 1);
    if (arrival.error && this.errors.length < 20) this.errors.push(arrival.error);
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.(arrival);
  },
};
