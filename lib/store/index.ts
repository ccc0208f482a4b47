import { PostgresStore } from './postgres/postgresStore';
import { SqliteStore } from './sqlite/sqliteStore';
import type { HrStore, StoreOptions } from './types';

export * from './types';
export { MASK } from './secretCodec';

/** Opens the durable store: the shared PostgreSQL store when a connection URL is given, else the embedded SQLite file. */
export function openStore(options: StoreOptions): Promise<HrStore> {
  const { url, ...rest } = options;
  return url ? PostgresStore.open({ ...rest, url }) : SqliteStore.open(options);
}
