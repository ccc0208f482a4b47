import { SqliteStore } from './sqlite/sqliteStore';
import type { HrStore, StoreOptions } from './types';

export * from './types';
export { MASK } from './secretCodec';

/** Opens the durable store; today always the embedded SQLite store. */
export function openStore(options: StoreOptions): Promise<HrStore> {
  return SqliteStore.open(options);
}
