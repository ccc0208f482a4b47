import type { SecretCodec } from '../secretCodec';

/** What every PostgreSQL store module shares. Modules take the Queryable to run on, so callers compose them into one transaction. */
export interface PgContext {
  codec: SecretCodec;
  now: () => Date;
}
