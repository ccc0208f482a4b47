/**
 * An in-process lock over sets of keys: a holder excludes every other holder sharing any key.
 * Waiters are served in arrival order, and a waiter keeps its keys reserved while it waits, so a
 * stream of newcomers cannot starve it. All keys are taken at once, which rules out deadlock.
 */
export class KeyedLock {
  private readonly held = new Set<string>();
  private waiters: Array<{ keys: string[]; grant: () => void }> = [];

  async run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    await this.acquire(unique);
    try {
      return await fn();
    } finally {
      this.release(unique);
    }
  }

  private acquire(keys: string[]): Promise<void> {
    const reserved = new Set(this.waiters.flatMap((w) => w.keys));
    if (keys.every((k) => !this.held.has(k) && !reserved.has(k))) {
      for (const k of keys) this.held.add(k);
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiters.push({ keys, grant }));
  }

  private release(keys: string[]): void {
    for (const k of keys) this.held.delete(k);
    const reserved = new Set<string>();
    this.waiters = this.waiters.filter((w) => {
      if (w.keys.some((k) => this.held.has(k) || reserved.has(k))) {
        for (const k of w.keys) reserved.add(k);
        return true;
      }
      for (const k of w.keys) this.held.add(k);
      w.grant();
      return false;
    });
  }
}
