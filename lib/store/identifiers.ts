import { looksLikeEmail } from '../transform/text';
import type { TombstoneProbe } from './types';

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The identifier strings a forgotten person leaves behind (before hashing). Emails and phones are
 * recognised by shape anywhere in the golden record and provenance values, since the store does not
 * own the record's schema; phones must already be E.164 (lib/transform normalises them).
 */
export function personIdentifiers(values: unknown[]): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      const text = node.trim();
      if (looksLikeEmail(text)) found.add(identifierOf({ email: text }));
      else if (E164.test(text.replace(/[\s().-]/g, ''))) found.add(identifierOf({ phone: text }));
    } else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') Object.values(node).forEach(visit);
  };
  values.forEach(visit);
  return [...found];
}

/** One normalised string per kind of identifier, so a probe and a forgotten value hash alike. */
export function identifierOf(probe: TombstoneProbe): string {
  if ('email' in probe) return `email:${probe.email.trim().toLowerCase()}`;
  if ('phone' in probe) return `phone:${probe.phone.replace(/[^\d+]/g, '')}`;
  if ('blockingKey' in probe) return `key:${probe.blockingKey}`;
  if ('guid' in probe) return `guid:${probe.guid}`;
  return `link:${probe.system}\u001f${probe.externalId}`;
}
