import { canonicalJson } from './canonicalJson';
import { sha256Hex } from './crypto';
import type { AuditVerdict } from './types';

export const GENESIS_HASH = '0'.repeat(64);

/** The parts of an audit entry the chain covers; before/after enter through their digest. */
export interface ChainedEntry {
  id: number;
  at: Date;
  eventId: string | null;
  source: string;
  actor: string;
  action: string;
  personGuid: string | null;
  contentDigest: string;
}

export interface StoredAuditLink {
  entry: ChainedEntry;
  prevHash: string;
  hash: string;
  /** null once the person was forgotten: the digest then stands in for the erased content. */
  content: { before: unknown; after: unknown } | null;
}

/**
 * Before/after are chained by digest so that forgetting a person can erase them without breaking
 * the chain, while any other change to them still shows.
 */
export function contentDigest(before: unknown, after: unknown): string {
  return sha256Hex(canonicalJson({ before: before ?? null, after: after ?? null }));
}

export function entryHash(prevHash: string, entry: ChainedEntry): string {
  return sha256Hex(prevHash + canonicalJson({ ...entry, at: entry.at.toISOString() }));
}

/**
 * Walks the log in id order. `head` is the last entry as recorded when it was appended; without it
 * removing the newest entries would leave a valid-looking chain.
 */
export function verifyChain(links: Iterable<StoredAuditLink>, head: { id: number; hash: string } | null): AuditVerdict {
  let prevHash = GENESIS_HASH;
  let last: { id: number; hash: string } | null = null;
  for (const link of links) {
    const { id } = link.entry;
    if (link.prevHash !== prevHash) {
      return { ok: false, firstBadId: id, reason: `audit entry ${id} does not follow the entry before it: an entry was removed, inserted or reordered` };
    }
    if (link.content && contentDigest(link.content.before, link.content.after) !== link.entry.contentDigest) {
      return { ok: false, firstBadId: id, reason: `the before/after of audit entry ${id} was changed` };
    }
    if (entryHash(link.prevHash, link.entry) !== link.hash) {
      return { ok: false, firstBadId: id, reason: `audit entry ${id} was changed` };
    }
    prevHash = link.hash;
    last = { id, hash: link.hash };
  }
  if (head && (!last || last.id < head.id)) {
    return { ok: false, firstBadId: last ? last.id + 1 : head.id, reason: `audit entries up to ${head.id} were written but the log ends at ${last?.id ?? 'nothing'}: entries were removed` };
  }
  if (head && last && (last.id !== head.id || last.hash !== head.hash)) {
    return { ok: false, firstBadId: last.id > head.id ? head.id + 1 : head.id, reason: `the audit log does not end at entry ${head.id} as written: entries were added or rewritten outside the store` };
  }
  return { ok: true };
}

/** An entry as callers see it: the content digest is the chain's business, not theirs. */
export function withoutDigest(entry: ChainedEntry): Omit<ChainedEntry, 'contentDigest'> {
  const { contentDigest: _digest, ...rest } = entry;
  return rest;
}

/** Before/after as stored: JSON text, or null for "not given". */
export const toJsonText = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
export const fromJsonText = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));
