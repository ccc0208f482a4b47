import path from 'node:path';
import { HrError } from '../../lib/errors';

/**
 * Where the store lives: `sqlite` = a file in the user directory; `postgres` = the database at the
 * connection URL, shared by every instance using it; `auto` = PostgreSQL when the URL is set, else the
 * file, so one flow can switch by environment alone (the shipped examples do, through HR_STORE_URL).
 */
export type Backend = 'sqlite' | 'postgres' | 'auto';

export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** A `${NAME}` reference Node-RED left as it was, because neither the flow nor the process defines NAME. */
const UNRESOLVED = /^\$\{(\S+)\}$/;
const POSTGRES_URL = /^postgres(ql)?:\/\//i;

export function parseBackend(value: unknown): Backend {
  return value === 'postgres' || value === 'auto' ? value : 'sqlite';
}

/** Decides the location; errors name what to fix but never repeat the URL, which may carry a password. */
export function storeLocation(backend: Backend, file: string, url: string | undefined, userDir: string): StoreLocation {
  const sqlite: StoreLocation = { kind: 'sqlite', file: path.resolve(userDir, file || 'hr-integration.db') };
  if (backend === 'sqlite') return sqlite;
  const given = (url ?? '').trim();
  const unresolved = UNRESOLVED.exec(given)?.[1];
  if (backend === 'auto' && (given === '' || unresolved)) return sqlite;
  if (unresolved) {
    throw new HrError(
      'store.url_unset',
      `The store's connection URL is read from the environment variable ${unresolved}, which is not set where Node-RED runs: set it, or enter the URL in the store.`,
      { variable: unresolved },
    );
  }
  if (given === '') {
    throw new HrError(
      'store.url_missing',
      'The store is set to PostgreSQL but has no connection URL: enter one (postgres://user:password@host:5432/database) or an environment variable reference such as ${HR_STORE_URL}.',
    );
  }
  if (!POSTGRES_URL.test(given)) {
    throw new HrError(
      'store.url_invalid',
      "The store's connection URL must start with postgres:// or postgresql:// (postgres://user:password@host:5432/database).",
    );
  }
  return { kind: 'postgres', url: given };
}
