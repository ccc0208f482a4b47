import { canonicalJson } from './canonicalJson';
import { sha256Hex } from './crypto';
import type { AuditEntry, AuditVerdict, NewAuditEntry } from './types';

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

type Head = { id: number; hash: string } | null;

/** The next link after `head`: before/after masked, as both backends store and return them. */
export interface NextLink {
  entry: ChainedEntry;
  prevHash: string;
  hash: string;
  beforeJson: string | null;
  afterJson: string | null;
  appended: AuditEntry;
}

export function nextLink(head: Head, input: NewAuditEntry, at: Date, mask: (value: unknown) => unknown): NextLink {
  const beforeJson = toJsonText(mask(input.before));
  const afterJson = toJsonText(mask(input.after));
  const before = fromJsonText(beforeJson);
  const after = fromJsonText(afterJson);
  const entry: ChainedEntry = {
    id: (head?.id ?? 0) + 1,
    at,
    eventId: input.eventId ?? null,
    source: input.source,
    actor: input.actor,
    action: input.action,
    personGuid: input.personGuid ?? null,
    contentDigest: contentDigest(before, after),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = entryHash(prevHash, entry);
  return {
    entry,
    prevHash,
    hash,
    beforeJson,
    afterJson,
    appended: { ...withoutDigest(entry), before, after, erased: false },
  };
}

/** Follows the chain one link at a time, so the log can be read in pages rather than whole. */
class ChainWalk {
  private prevHash = GENESIS_HASH;
  last: { id: number; hash: string } | null = null;

  /** The verdict on the first bad link, or null while the chain holds. */
  step(link: StoredAuditLink): AuditVerdict | null {
    const { id } = link.entry;
    if (link.prevHash !== this.prevHash) {
      return {
        ok: false,
        firstBadId: id,
        reason: `audit entry ${id} does not follow the entry before it: an entry was removed, inserted or reordered`,
      };
    }
    if (link.content && contentDigest(link.content.before, link.content.after) !== link.entry.contentDigest) {
      return { ok: false, firstBadId: id, reason: `the before/after of audit entry ${id} was changed` };
    }
    if (entryHash(link.prevHash, link.entry) !== link.hash) {
      return { ok: false, firstBadId: id, reason: `audit entry ${id} was changed` };
    }
    this.prevHash = link.hash;
    this.last = { id, hash: link.hash };
    return null;
  }

  /**
   * `head` is the last entry as recorded when it was appended; without it removing the newest
   * entries would leave a valid-looking chain.
   */
  end(head: Head): AuditVerdict {
    const last = this.last;
    if (head && (!last || last.id < head.id)) {
      return {
        ok: false,
        firstBadId: last ? last.id + 1 : head.id,
        reason: `audit entries up to ${head.id} were written but the log ends at ${last?.id ?? 'nothing'}: entries were removed`,
      };
    }
    if (head && last && (last.id !== head.id || last.hash !== head.hash)) {
      return {
        ok: false,
        firstBadId: last.id > head.id ? head.id + 1 : head.id,
        reason: `the audit log does not end at entry ${head.id} as written: entries were added or rewritten outside the store`,
      };
    }
    return { ok: true };
  }
}

/** How a store's log is read for a paged verification. */
export interface AuditLogReader {
  head(): Promise<Head>;
  /** Up to `limit` links with afterId < id <= upToId, in id order. */
  page(afterId: number, upToId: number, limit: number): Promise<StoredAuditLink[]>;
  /** The highest id present, 0 for an empty log. */
  lastId(): Promise<number>;
}

/** Rows read at a time: a log of any length costs the memory of one page. */
export const AUDIT_PAGE_ROWS = 500;

/**
 * Walks the chain in id order, reading the log page by page. Without a snapshot (SQLite, whose one
 * connection cannot hold a read transaction across awaits) entries may be appended meanwhile: it
 * verifies up to the head read first, then follows the head until it stands still. Rows only ever get
 * appended, so the rows it read cannot have changed since, except by tampering, which the chain shows.
 */
export async function verifyChainInPages(log: AuditLogReader): Promise<AuditVerdict> {
  const walk = new ChainWalk();
  let head = await log.head();
  let verifiedTo = 0;
  for (;;) {
    // No head recorded: nothing tells where the log should end, so every row present is verified.
    const upTo = head ? head.id : Number.MAX_SAFE_INTEGER;
    for (
      let page = await log.page(verifiedTo, upTo, AUDIT_PAGE_ROWS);
      page.length > 0;
      page = await log.page(verifiedTo, upTo, AUDIT_PAGE_ROWS)
    ) {
      for (const link of page) {
        const bad = walk.step(link);
        if (bad) return bad;
      }
      verifiedTo = walk.last?.id ?? verifiedTo;
    }
    // Read in this order, an append in between cannot pass for a row written outside the store.
    const present = await log.lastId();
    const latest = await log.head();
    if (latest && latest.id > upTo) {
      head = latest;
      continue;
    }
    // A row past the head was not appended by the store; the first of them is where the log went wrong.
    const [beyond] = present > upTo ? await log.page(upTo, present, 1) : [];
    return (beyond && walk.step(beyond)) || walk.end(head);
  }
}

/** An entry as callers see it: the content digest is the chain's business, not theirs. */
export function withoutDigest(entry: ChainedEntry): Omit<ChainedEntry, 'contentDigest'> {
  const { contentDigest: _digest, ...rest } = entry;
  return rest;
}

/** Before/after as stored: JSON text, or null for "not given". */
export const toJsonText = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
export const fromJsonText = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));
