import type { CallContext, FoundEmployee } from './types';

/**
 * A short-lived copy of the whole roster for vendors that cannot search by email (BambooHR,
 * vendor-apis.md §4.3): one report answers the pre-create lookup for every hire in a burst, so the
 * writer spends its rate limit on creates. A fresh load is forced after a create whose answer may
 * have been lost; concurrent loads share one request.
 */
export function rosterCache(load: (ctx: CallContext) => Promise<Map<string, FoundEmployee>>, maxAgeMs: number, now: () => number = Date.now) {
  let cached: { at: number; byEmail: Map<string, FoundEmployee> } | null = null;
  let loading: Promise<Map<string, FoundEmployee>> | null = null;
  let loadingStarted = 0;

  const reload = (ctx: CallContext, notBefore: number): Promise<Map<string, FoundEmployee>> => {
    if (loading && loadingStarted >= notBefore) return loading;
    const started = now();
    loadingStarted = started;
    const current: Promise<Map<string, FoundEmployee>> = load(ctx).then(
      (byEmail) => {
        if (!cached || cached.at <= started) cached = { at: started, byEmail };
        return byEmail;
      },
    ).finally(() => {
      if (loading === current) loading = null;
    });
    loading = current;
    return current;
  };

  return {
    async find(email: string, ctx: CallContext, fresh = false): Promise<FoundEmployee | null> {
      const key = email.trim().toLowerCase();
      const asked = now();
      const usable = cached && !fresh && asked - cached.at < maxAgeMs ? cached.byEmail : await reload(ctx, fresh ? asked : 0);
      return usable.get(key) ?? null;
    },
    /** A record this process just created is known without asking the vendor again. */
    remember(email: string, found: FoundEmployee): void {
      cached?.byEmail.set(email.trim().toLowerCase(), found);
    },
  };
}
