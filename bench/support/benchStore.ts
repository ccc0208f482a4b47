/**
 * Which store a bench runs on: a SQLite file (the default) or PostgreSQL, chosen with `store=postgres`
 * on the command line or BENCH_STORE=postgres (what `npm run bench -- store=postgres` passes on).
 * PostgreSQL is the server at HR_TEST_POSTGRES_URL (an admin URL), else a throwaway one of
 * scripts/postgres.sh; the bench gets a fresh schema in it, dropped at the end. The throwaway server
 * runs without fsync, so figures meant to compare with SQLite on disk need a server with the
 * default durability: the report says which one it had.
 */
import { startTestPostgres } from '../../test/support/postgres';

export type StoreKind = 'sqlite' | 'postgres';

export function chosenStore(argv = process.argv.slice(2), env = process.env): { kind: StoreKind; argv: string[] } {
  const given = argv.find((a) => a.startsWith('store='))?.slice('store='.length) ?? env.BENCH_STORE ?? 'sqlite';
  if (given !== 'sqlite' && given !== 'postgres') throw new Error(`store must be sqlite or postgres, not "${given}"`);
  return { kind: given, argv: argv.filter((a) => !a.startsWith('store=')) };
}

export interface BenchPostgres {
  url: string;
  /** The server's durability settings, for the report: fsync and synchronous_commit. */
  durability: string;
  dispose(): Promise<void>;
}

export async function postgresForBench(): Promise<BenchPostgres> {
  const server = await startTestPostgres();
  const url = await server.freshStore();
  const [settings] = await server.rawSql<{ fsync: string; commit: string }>(
    url,
    "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS commit",
  );
  return {
    url,
    durability: `fsync=${settings?.fsync} synchronous_commit=${settings?.commit}`,
    async dispose() {
      await server.dropStore(url);
      await server.close();
    },
  };
}
