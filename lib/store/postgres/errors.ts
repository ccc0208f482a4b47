import { HrError } from '../../errors';

/** SQLSTATEs (and Node socket codes) meaning the server cannot be reached or went away. */
const UNREACHABLE = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'EPIPE',
]);
const BUSY = new Set(['40001', '40P01', '55P03', '53300', '57014']);
const REFUSED_LOGIN = new Set(['28000', '28P01', '3D000']);

/** pg reports some connection failures as plain Errors without a code. */
const UNREACHABLE_MESSAGE = /Connection terminated|Client has encountered a connection error/;
/** The pool's wait for a connection ran out: every connection busy, or the server slow to accept one. */
const POOL_TIMEOUT_MESSAGE = /timeout exceeded when trying to connect/;

/** Conflicts that succeed when the whole transaction is simply run again. */
export function isRetryable(err: unknown): boolean {
  const code = codeOf(err);
  return code === '40001' || code === '40P01';
}

/**
 * Maps a driver failure to the store error a person can act on; HrErrors pass through. `database`
 * is the URL without its password, so messages and logs never carry the credential.
 */
export function pgError(err: unknown, database: string): HrError {
  if (err instanceof HrError) return err;
  const code = codeOf(err);
  const details = { database, sqlState: code };
  const why = messageOf(err);
  if (UNREACHABLE.has(code) || UNREACHABLE_MESSAGE.test(why)) {
    return new HrError(
      'store.unavailable',
      `The PostgreSQL store ${database} cannot be reached (${why}). Check that the server is running and reachable from Node-RED.`,
      details,
      { cause: err },
    );
  }
  if (POOL_TIMEOUT_MESSAGE.test(why)) {
    return new HrError(
      'store.busy',
      `No connection to the PostgreSQL store ${database} became free in time (${why}): every connection is in use, or the server is slow to accept one.`,
      details,
      { cause: err },
    );
  }
  if (REFUSED_LOGIN.has(code)) {
    return new HrError(
      'store.open_failed',
      `The PostgreSQL store ${database} refused the connection (${why}). Check the user, password and database name in the store URL.`,
      details,
      { cause: err },
    );
  }
  if (code === '42501') {
    return new HrError(
      'store.open_failed',
      `The PostgreSQL user may not do this in ${database} (${why}). Grant it the rights to create and change tables in its schema.`,
      details,
      { cause: err },
    );
  }
  if (code === '53100') {
    return new HrError(
      'store.disk_full',
      `The disk of the PostgreSQL server holding ${database} is full; nothing more can be written until space is freed.`,
      details,
      { cause: err },
    );
  }
  if (BUSY.has(code)) {
    return new HrError(
      'store.busy',
      `The PostgreSQL store ${database} stayed locked by other connections (${why}).`,
      details,
      { cause: err },
    );
  }
  if (code === 'XX001' || code === 'XX002') {
    return new HrError(
      'store.corrupt',
      `The PostgreSQL store ${database} reports damaged data (${why}). Restore it from a backup.`,
      details,
      { cause: err },
    );
  }
  return new HrError('store.failed', `The PostgreSQL store ${database} failed: ${why}`, details, { cause: err });
}

/** The URL as it may be shown: without password or query parameters. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the PostgreSQL database (its URL cannot be parsed)';
  }
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
