/**
 * Which environment variables a mapper may read: only those the user lists on the node, and never
 * one that holds a credential (the store's key, the store URL with its password, anything named
 * like a token, secret or password), even when listed: a mapped record ends up in the HRIS and in
 * the editor's preview.
 */
import { isCredentialKey } from '../privacy/keys';

export class EnvRefused extends Error {
  constructor(
    readonly code: 'mapper.env_not_listed' | 'mapper.env_protected',
    message: string,
  ) {
    super(message);
  }
}

/** The variables the store reads its key and URL from by default; a deployed store may name another. */
const STORE_ENV = ['HR_STORE_KEY', 'HR_STORE_URL'];

/** The names in the node's list: separated by commas, spaces or new lines. */
export const parseEnvList = (text: unknown): string[] =>
  typeof text === 'string' ? text.split(/[\s,]+/).filter(Boolean) : [];

/** A reader for env rows that answers only for listed, unprotected variables and refuses the rest by name. */
export function listedEnv(
  listed: readonly string[],
  protectedNames: readonly string[],
  read: (name: string) => string | undefined,
): (name: string) => string | undefined {
  const allowed = new Set(listed);
  const guarded = new Set([...STORE_ENV, ...protectedNames]);
  return (name) => {
    if (guarded.has(name) || isCredentialKey(name)) {
      throw new EnvRefused(
        'mapper.env_protected',
        `"${name}" holds a credential (the store's key, a token, a secret or a password): a mapping never reads it`,
      );
    }
    if (!allowed.has(name)) {
      const list = allowed.size ? [...allowed].join(', ') : 'none';
      throw new EnvRefused(
        'mapper.env_not_listed',
        `"${name}" is not among the environment variables this mapper may read (listed: ${list}); add it to the node's list`,
      );
    }
    return read(name);
  };
}
