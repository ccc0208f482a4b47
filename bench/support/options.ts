/**
 * Sizes of a bench run: a small profile by default (seconds, for `npm run bench` and the smoke test),
 * the full one with `full` on the command line or BENCH_PROFILE=full, and any single size overridden
 * with `name=value` arguments or BENCH_<NAME> environment variables (e.g. BENCH_STORE_SIZE=100000).
 */
export function benchOptions<T extends Record<string, number>>(
  small: T,
  full: T,
  argv = process.argv.slice(2),
  env = process.env,
): T & { profile: 'small' | 'full' } {
  const profile = argv.includes('full') || env.BENCH_PROFILE === 'full' ? 'full' : 'small';
  const chosen: Record<string, number> = { ...(profile === 'full' ? full : small) };
  for (const key of Object.keys(chosen)) {
    const envName = `BENCH_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    const fromArgv = argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
    const text = fromArgv ?? env[envName];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${key} must be a non-negative number, not "${text}"`);
    chosen[key] = value;
  }
  const unknown = argv.filter((a) => a !== 'full' && !Object.keys(chosen).some((k) => a.startsWith(`${k}=`)));
  if (unknown.length)
    throw new Error(`unknown argument(s) ${unknown.join(' ')}; sizes are ${Object.keys(chosen).join(', ')}`);
  return { ...(chosen as T), profile };
}
