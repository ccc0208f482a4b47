/**
 * The PostgreSQL server tests run against: HR_TEST_POSTGRES_URL (an admin URL) when set, else one
 * started by hand with `scripts/postgres.sh start`, else a throwaway server of this test process alone
 * (scripts/postgres.sh in a folder of its own), stopped at the end: test files run in parallel, and
 * a server shared between them would be stopped under the others by whichever finished first.
 * A run gets a new database, dropped at the end; each store in it a schema of its own (chosen through
 * the URL's search_path), because creating a database takes about a second and a schema a few
 * milliseconds.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPg, type PgPool } from '../../lib/store/postgres/driver';

export interface TestPostgres {
  /** URL of a new, empty store: a schema of its own in the run's database. */
  freshStore(): Promise<string>;
  dropStore(url: string): Promise<void>;
  /** Runs SQL in a store's schema as the admin, as someone with psql access to the server would. */
  rawSql<R = Record<string, unknown>>(url: string, text: string, values?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const script = findScript();
  let ownDir: string | undefined;
  let serverUrl = process.env.HR_TEST_POSTGRES_URL || postgresSh(script, 'status');
  if (!serverUrl) {
    ownDir = path.join(os.tmpdir(), `hr-store-postgres-${process.pid}`);
    serverUrl = postgresSh(script, 'start', ownDir);
  }
  const pg = loadPg();
  const poolFor = (url: string): PgPool =>
    new pg.Pool({
      connectionString: url,
      max: 2,
      connectionTimeoutMillis: 10_000,
      application_name: 'hr-store-tests',
      types: pg.types,
    });

  const database = `hr_store_test_${process.pid}_${Date.now().toString(36)}`;
  const server = poolFor(serverUrl);
  await server.query(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${database}`;
  const admin = poolFor(databaseUrl.toString());
  const schemaOf = (url: string) =>
    new URL(url).searchParams.get('options')?.replace('-c search_path=', '') ?? 'public';
  let schemas = 0;

  return {
    async freshStore() {
      const schema = `store_${++schemas}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      const url = new URL(databaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return url.toString();
    },
    async dropStore(url) {
      await admin.query(`DROP SCHEMA ${schemaOf(url)} CASCADE`);
    },
    async rawSql<R>(url: string, text: string, values?: unknown[]) {
      const pool = poolFor(url);
      try {
        return (await pool.query<R>(text, values)).rows;
      } finally {
        await pool.end();
      }
    },
    async close() {
      await admin.end();
      // Not WITH (FORCE): PostgreSQL waits for just-closed connections to go, and one left open is a leak to see.
      await server.query(`DROP DATABASE ${database}`);
      await server.end();
      if (ownDir) {
        postgresSh(script, 'stop', ownDir);
        fs.rmSync(`${ownDir}.lock`, { force: true });
      }
    },
  };
}

/** Runs scripts/postgres.sh on the default folder or `dir`; starts one at a time, as installing PostgreSQL (apt) must be. */
function postgresSh(script: string, command: 'status' | 'start' | 'stop', dir?: string): string {
  const env = dir ? { ...process.env, HR_PG_DIR: dir } : process.env;
  const [file, args]: [string, string[]] =
    command === 'start'
      ? ['flock', ['-o', path.join(os.tmpdir(), 'hr-store-postgres-start.lock'), 'bash', script, command]]
      : ['bash', [script, command]];
  try {
    return execFileSync(file, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  } catch (err) {
    if (command === 'status' && (err as { status?: number }).status === 3) return '';
    throw err;
  }
}

/** The compiled test runs from the build folder, so the repository is found by walking up. */
function findScript(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'scripts', 'postgres.sh');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('scripts/postgres.sh not found above the test');
}
