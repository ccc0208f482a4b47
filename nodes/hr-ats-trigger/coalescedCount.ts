/**
 * Adds up a counter within one turn of the event loop and writes the sum once: counting each delivery
 * of a batch on its own would cost a transaction (and a disk flush) per delivery again.
 */
export function coalescedCount(write: (n: number) => void) {
  let pending = 0;
  let timer: NodeJS.Immediate | null = null;
  const flush = () => {
    timer = null;
    const n = pending;
    pending = 0;
    if (n > 0) write(n);
  };
  return {
    add() {
      pending += 1;
      timer ??= setImmediate(flush);
    },
    /** On close: what was counted is written, nothing is left scheduled. */
    flush() {
      if (timer) clearImmediate(timer);
      flush();
    },
  };
}
