import type { CallContext, FoundEmployee } from './types';

/** Employees indexed by what the writer looks them up by: work email, and the recovery key it stamped. */
export interface Roster {
  byEmail: Map<string, FoundEmployee>;
  byKey: Map<string, FoundEmployee>;
}

export const emailKey = (email: string) => email.trim().toLowerCase();

/**
 * A short-lived copy of the whole roster for vendors that cannot search (BambooHR,
 * docs/vendors/bamboohr.md): one report answers the pre-create lookup for every hire in a burst, so the writer spends its
 * rate limit on creates. A fresh load is forced after a create whose answer may have been lost;
 * concurrent loads share one request.
 */
export function rosterCache(
  load: (ctx: CallContext) => Promise<Roster>,
  maxAgeMs: number,
  now: () => number = Date.now,
) {
  let cached: { at: number; roster: Roster } | null = null;
  let loading: Promise<Roster> | null = null;
  let loadingStarted = 0;

  const reload = (ctx: CallContext, notBefore: number): Promise<Roster> => {
    if (loading && loadingStarted >= notBefore) return loading;
    const started = now();
    loadingStarted = started;
    const current: Promise<Roster> = load(ctx)
      .then((roster) => {
        if (!cached || cached.at <= started) cached = { at: started, roster };
        return roster;
      })
      .finally(() => {
        if (loading === current) loading = null;
      });
    loading = current;
    return current;
  };

  return {
    async read(ctx: CallContext, fresh = false): Promise<Roster> {
      const asked = now();
      return cached && !fresh && asked - cached.at < maxAgeMs ? cached.roster : reload(ctx, fresh ? asked : 0);
    },
    /** A record this process just created is known without asking the vendor again. */
    remember(found: FoundEmployee, email: string | undefined, key: string | undefined): void {
      if (email) cached?.roster.byEmail.set(emailKey(email), found);
      if (key) cached?.roster.byKey.set(key, found);
    },
  };
}
