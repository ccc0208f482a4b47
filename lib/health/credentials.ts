/**
 * Credentials that stop working on a date: client secrets, API keys with a validity, refresh tokens
 * that need a new consent. Connection nodes record what they learn from OAuth answers; people enter
 * the rest by hand in the health monitor. Access tokens are not recorded: lib/http renews them itself.
 */
import { HrError } from '../errors';
import { fail, ok, type Result } from '../result';

export interface CredentialExpiry {
  /** Stable per credential, e.g. the connection node's id. */
  id: string;
  /** What a person recognises: "BambooHR connection", "Greenhouse Harvest key". */
  label: string;
  expiresAt: Date;
  source: 'oauth' | 'manual';
}

export class CredentialRegistry {
  private readonly entries = new Map<string, CredentialExpiry>();

  record(entry: CredentialExpiry): void {
    this.entries.set(entry.id, entry);
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  list(): CredentialExpiry[] {
    return [...this.entries.values()];
  }
}

/** One registry per Node-RED process: connection nodes write to it, health monitors read it. */
export const credentialRegistry = new CredentialRegistry();

/**
 * When the refresh token of an OAuth token answer stops working, if the vendor says
 * (`refresh_token_expires_in`, seconds, as Microsoft, Xero and others answer); null otherwise.
 */
export function refreshTokenExpiry(answer: unknown, now: Date): Date | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const seconds = Number((answer as Record<string, unknown>).refresh_token_expires_in);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null;
}

/**
 * Reads hand-entered expiries, one per line: `Greenhouse Harvest key = 2026-08-31`. Blank lines and
 * lines starting with # are skipped; a bad line fails the whole text, naming the line.
 */
export function parseManualExpiries(text: string): Result<CredentialExpiry[]> {
  const entries: CredentialExpiry[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    // Split at the last "=" rather than with /^(.+?)\s*=\s*…$/, which backtracks quadratically over spaces.
    const eq = line.lastIndexOf('=');
    const name = line.slice(0, Math.max(eq, 0)).trimEnd();
    const day = line.slice(eq + 1).trim();
    const m = eq > 0 && name && /^\d{4}-\d{2}-\d{2}$/.test(day) ? [line, name, day] : null;
    const date = m ? new Date(`${m[2]}T00:00:00Z`) : null;
    if (!m || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== m[2]) {
      return fail(
        new HrError(
          'health.expiry_invalid',
          `Line ${index + 1} of the credential expiries, "${line}", is not "name = YYYY-MM-DD".`,
          { line: index + 1 },
        ),
      );
    }
    entries.push({ id: `manual:${m[1].toLowerCase()}`, label: m[1], expiresAt: date, source: 'manual' });
  }
  return ok(entries);
}
