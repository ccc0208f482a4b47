/**
 * Lets work run at once but hands out its results in the order it was started: an event whose
 * enrichment is slow is not overtaken by one accepted after it. A failed step does not hold up the rest.
 */
export function inOrder() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: Promise<T>, deliver: (value: T) => void): Promise<void> => {
    const turn = last.then(() => work).then(deliver);
    last = turn.catch(() => undefined);
    return turn;
  };
}
