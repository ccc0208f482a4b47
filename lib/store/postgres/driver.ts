import { HrError } from '../../errors';

/**
 * The few parts of the `pg` driver the store uses. They are declared here rather than imported
 * from its types, because `pg` is an optional peer dependency: SQLite users install neither.
 */
export interface PgResult<R> {
  rows: R[];
  rowCount: number | null;
}

export interface Queryable {
  query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<PgResult<R>>;
}

export interface PgClient extends Queryable {
  /** Passing an error destroys the connection instead of returning it to the pool. */
  release(err?: Error | boolean): void;
}

export interface PgPool extends Queryable {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

type TypeParser = (text: string) => unknown;

export interface PgPoolConfig {
  connectionString: string;
  max: number;
  connectionTimeoutMillis: number;
  application_name: string;
  types: { getTypeParser(oid: number, format?: string): TypeParser };
}

export interface PgModule {
  Pool: new (config: PgPoolConfig) => PgPool;
  types: { getTypeParser(oid: number, format?: string): TypeParser };
}

/** Loads `pg` on first use, so requiring the store never fails for those who do not use PostgreSQL. */
export function loadPg(load: (id: string) => unknown = require): PgModule {
  try {
    return load('pg') as PgModule;
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code !== 'MODULE_NOT_FOUND') throw err;
    throw new HrError(
      'store.pg_missing',
      'The PostgreSQL store needs the `pg` package, which is not installed: install pg (`npm install pg@^8` in the Node-RED user directory) and restart Node-RED.',
      undefined,
      { cause: err },
    );
  }
}
