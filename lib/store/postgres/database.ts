import { setTimeout as sleep } from 'node:timers/promises';
import { HrError } from '../../errors';
import { loadPg, type PgClient, type PgPool, type PgResult, type Queryable } from './driver';
import { describeUrl, isRetryable, pgError } from './errors';

const POOL_SIZE = 10;
/** Connections that only hold identity locks while their resolution runs on the main pool. */
const LOCK_POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 10_000;
/** How long a resolution waits for another instance to finish with the same person before store.busy. */
const LOCK_TIMEOUT_MS = 30_000;
const TRANSACTION_RETRIES = 5;
const INT8_OID = 20;

export type Isolation = 'read committed' | 'repeatable read';

/**
 * Two connection pools on one database. Queries and transactions use the main pool; a resolution's
 * advisory locks are held on a connection of the lock pool, because the code running under the lock
 * needs main-pool connections itself: were the holders drawn from the same pool, enough concurrent
 * resolutions would hold every connection and wait forever for one more.
 */
export class PgDatabase implements Queryable {
  private constructor(
    private readonly pool: PgPool,
    private readonly lockPool: PgPool,
    readonly label: string,
  ) {}

  static create(url: string): PgDatabase {
    const pg = loadPg();
    const label = describeUrl(url);
    const config = (max: number) => ({
      connectionString: url,
      max,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'node-red-contrib-ats-hris',
      // Ids and counts are bigint columns; they stay far below 2^53, so numbers rather than strings.
      types: {
        getTypeParser: (oid: number, format?: string) =>
          oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format),
      },
    });
    const pool = new pg.Pool(config(POOL_SIZE));
    const lockPool = new pg.Pool(config(LOCK_POOL_SIZE));
    // An idle connection dropped by the server is reported to the next query; unheard, it would crash Node-RED.
    for (const p of [pool, lockPool]) p.on('error', () => undefined);
    return new PgDatabase(pool, lockPool, label);
  }

  async query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<PgResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (err) {
      throw pgError(err, this.label);
    }
  }

  /** Runs fn in one transaction, again from the start when PostgreSQL aborts it for a deadlock or serialization conflict. */
  async transaction<T>(fn: (q: Queryable) => Promise<T>, isolation: Isolation = 'read committed'): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.connect(this.pool);
      let broken: Error | undefined;
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${isolation.toUpperCase()}`);
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        broken = await rollback(client);
        if (!isRetryable(err) || attempt >= TRANSACTION_RETRIES) throw pgError(err, this.label);
      } finally {
        client.release(broken);
      }
      await sleep(10 * 2 ** attempt * Math.random());
    }
  }

  /**
   * Runs fn while this session holds transaction-level advisory locks on the ids, taken one by one in
   * ascending order so two sessions wanting overlapping sets cannot deadlock. A crashed holder's locks
   * go with its connection.
   */
  async withAdvisoryLocks<T>(lockIds: readonly bigint[], fn: () => Promise<T>): Promise<T> {
    const client = await this.connect(this.lockPool);
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}`);
      for (const id of [...new Set(lockIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
        await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [id.toString()]);
      }
    } catch (err) {
      client.release(await rollback(client));
      throw pgError(err, this.label);
    }
    try {
      return await fn();
    } finally {
      client.release(await rollback(client));
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.lockPool.end()]);
  }

  private async connect(pool: PgPool): Promise<PgClient> {
    try {
      return await pool.connect();
    } catch (err) {
      throw pgError(err, this.label);
    }
  }
}

/** Ends the transaction; returns the error when the connection is unusable, so the pool drops it. */
async function rollback(client: PgClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (err) {
    return err instanceof Error ? err : new HrError('store.failed', String(err));
  }
}
