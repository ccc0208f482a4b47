/**
 * The masking machinery under the secret policy (policy.ts). Three layers, because each misses
 * something the others catch:
 *  1. keys named like credentials or identity numbers (keys.ts);
 *  2. caller-supplied field paths (the data dictionary's secret fields: 'ssn', 'nationalId.value');
 *  3. value patterns over every string (patterns.ts): national ids, cards, IBANs, credentials.
 */

import { MASK } from '../mask';
import { isSecretKey } from './keys';
import { looksLikeCard, maskPatterns } from './patterns';

export { MASK };

export interface RedactOptions {
  /** Dotted field paths; each matches wherever it ends in the value, at any depth, arrays included. */
  paths?: readonly string[];
  /** Extra patterns masked in every string, on top of the built-in safety net. */
  patterns?: readonly RegExp[];
  /**
   * Known secret values (see `secretValues`), masked wherever they appear inside a string: vendors
   * echo the offending value in free text ("AB123456C is not a valid national id").
   */
  values?: readonly string[];
}

/** Shorter values would mask ordinary words and codes everywhere. */
const MIN_SECRET_VALUE_LENGTH = 4;

/** Masks secret-looking substrings in free text (vendor messages, text bodies, URLs). */
export function redactText(text: string, options: Pick<RedactOptions, 'patterns' | 'values'> = {}): string {
  let out = text;
  for (const secret of options.values ?? []) {
    if (secret.length >= MIN_SECRET_VALUE_LENGTH) out = out.split(secret).join(MASK);
  }
  out = maskPatterns(out);
  for (const pattern of options.patterns ?? []) {
    out = out.replace(pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`), MASK);
  }
  return out;
}

function pathMatches(trail: readonly string[], paths: readonly string[][]): boolean {
  return paths.some((p) => p.length <= trail.length && p.every((seg, i) => seg === trail[trail.length - p.length + i]));
}

/** The string and number values found at secret paths or under secret keys, for `RedactOptions.values`. */
export function secretValues(value: unknown, paths: readonly string[]): string[] {
  const split = paths.map((p) => p.split('.').filter(Boolean));
  const found = new Set<string>();
  const seen = new WeakSet<object>();
  const walk = (v: unknown, trail: string[], secret: boolean): void => {
    if (typeof v === 'string' || typeof v === 'number') {
      if (secret) found.add(String(v));
      return;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) return v.forEach((item) => walk(item, trail, secret));
    for (const [key, child] of Object.entries(v)) {
      const childTrail = [...trail, key];
      walk(child, childTrail, secret || isSecretKey(key) || pathMatches(childTrail, split));
    }
  };
  walk(value, [], false);
  return [...found];
}

/**
 * Returns a redacted deep copy of `value`; the input is never changed. Arrays are transparent to
 * paths ('emails.address' matches `emails[3].address`), so a path names a field, not a position.
 */
export function redact<T>(value: T, options: RedactOptions = {}): T {
  const paths = (options.paths ?? []).map((p) => p.split('.').filter(Boolean));
  const seen = new WeakSet<object>();

  const walk = (v: unknown, trail: string[]): unknown => {
    if (typeof v === 'string') return redactText(v, options);
    if (typeof v === 'number') return Number.isInteger(v) && looksLikeCard(String(Math.abs(v))) ? MASK : v;
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return '[Circular]';
    seen.add(v);
    if (Array.isArray(v)) return v.map((item) => walk(item, trail));
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(v)) {
      const childTrail = [...trail, key];
      out[key] = isSecretKey(key) || pathMatches(childTrail, paths) ? MASK : walk(child, childTrail);
    }
    return out;
  };
  return walk(value, []) as T;
}

/**
 * A URL fit for a log line: credentials in the userinfo and secret query parameters masked. With
 * `secretPath`, everything after the origin goes too: for Slack and Teams incoming webhooks the URL
 * itself is the credential (docs/vendors/slack.md, docs/vendors/teams.md).
 */
export function redactUrl(url: string, options: RedactOptions & { secretPath?: boolean } = {}): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactText(url, options);
  }
  if (options.secretPath) return `${parsed.origin}/${MASK}`;
  if (parsed.username || parsed.password) {
    parsed.username = MASK;
    parsed.password = '';
  }
  const paths = options.paths ?? [];
  for (const key of [...parsed.searchParams.keys()]) {
    if (isSecretKey(key) || paths.includes(key)) parsed.searchParams.set(key, MASK);
  }
  return redactText(parsed.toString().replaceAll(encodeURIComponent(MASK), MASK), options);
}
