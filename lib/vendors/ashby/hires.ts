import { z } from 'zod';
import { HrError } from '../../errors';
import { fetchParsed, hireKey, missingField, parsePayload, VendorId } from '../ats/boundary';
import type { AtsContext, Delivery, HirePoll } from '../ats/types';

/** Where a list read stands: Ashby's sync token of the last completed read, and the next page of one in progress. */
type Position = { syncToken?: string; cursor?: string };

/**
 * Ashby's reconciliation poll (docs/vendors/ashby.md, "Incremental sync"): `application.list` of hired
 * applications, read as Ashby's pagination guide describes: a full read pages by `cursor` while
 * `moreDataAvailable`, its last page carries a `syncToken`, and a later read with that token lists only
 * the applications changed since. An incremental read that would be too long is refused, on whichever
 * page, with `incremental_sync_too_large`: the token is dropped and a full read done instead.
 * `offer.list` gives the accepted offer a `candidateHire` webhook would carry, so both key the hire alike.
 * [unconfirmed], change them here only: that the `status` filter holds on an incremental read (the status
 * is checked here too), that a cursor still works at the next poll, and how an expired token is refused:
 * any refusal of the first page of a read resumed from an earlier poll is taken as a lost position,
 * which costs one full read.
 */
export const ashbyHiresApi = {
  hired: (at: Position) => ({
    method: 'POST' as const,
    url: 'application.list',
    body: { status: ashbyHiresApi.hiredStatus, limit: 100, ...at },
    idempotent: true,
  }),
  hiredStatus: 'Hired',
  offers: (applicationId: string) => ({
    method: 'POST' as const,
    url: 'offer.list',
    body: { applicationId },
    idempotent: true,
  }),
  acceptedStatus: 'Accepted',
  /** Ashby's refusal of an incremental read that is too long (changelog 2026-05-14): do a full sync. */
  tooLargeCode: 'incremental_sync_too_large',
  /** Pages one poll reads at most; a longer read is continued by the next poll from its cursor. */
  maxPages: 50,
  /** Ashby's clock and ours may differ, so a full read reaches back this much further; the journal absorbs the repeats. */
  clockMarginMs: 10 * 60_000,
} as const;

const WHAT = 'The Ashby list of hired applications';

const Application = z
  .object({
    id: VendorId,
    status: z.string().nullish(),
    updatedAt: z.string().nullish(),
    candidate: z
      .object({
        id: VendorId,
        name: z.string().nullish(),
        primaryEmailAddress: z.object({ value: z.string() }).loose().nullish(),
      })
      .loose(),
    job: z.object({ id: VendorId, title: z.string().nullish() }).loose().nullish(),
  })
  .loose();
type Application = z.infer<typeof Application>;

// RPC errors come back as HTTP 200 with `success: false` (docs/vendors/ashby.md).
const HiredPage = z.discriminatedUnion('success', [
  z.object({
    success: z.literal(true),
    results: z.array(Application),
    moreDataAvailable: z.boolean().nullish(),
    nextCursor: z.string().nullish(),
    syncToken: z.string().nullish(),
  }),
  z
    .object({
      success: z.literal(false),
      errors: z.array(z.string()).nullish(),
      errorInfo: z.object({ code: z.string().nullish(), message: z.string().nullish() }).loose().nullish(),
    })
    .loose(),
]);

const Offers = z.object({
  success: z.literal(true),
  results: z.array(
    z
      .object({
        id: VendorId,
        acceptanceStatus: z.string().nullish(),
        decidedAt: z.string().nullish(),
        latestVersion: z.object({ startDate: z.string().nullish() }).loose().nullish(),
      })
      .loose(),
  ),
});

/**
 * What the poll keeps between runs (JSON, so read back through a schema like any boundary). `from`:
 * every hire changed before it has been read, so a full read that replaces a lost position starts there.
 * `startedAt`: when the read a cursor continues began, the `from` once it completes.
 */
const Resume = z.object({
  syncToken: z.string().min(1).optional(),
  cursor: z.string().min(1).optional(),
  from: z.iso.datetime(),
  startedAt: z.iso.datetime().optional(),
});
type Resume = z.infer<typeof Resume>;

/** Unreadable (written by another release, or damaged) counts as lost: a full read, never a failing poll. */
function readResume(saved: string | null): Resume | null {
  if (saved === null) return null;
  try {
    const parsed = Resume.safeParse(JSON.parse(saved));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

interface Read {
  found: Application[];
  next: Resume;
  capped: boolean;
}

/** Ashby refused the position an earlier poll saved (an expired token, a stale cursor, an incremental read too large). */
class PositionLost extends Error {}

/** Reads from `at` for up to maxPages. */
async function read(at: Resume, ctx: AtsContext, maxPages: number): Promise<Read> {
  const startedAt = at.cursor && at.startedAt ? at.startedAt : new Date().toISOString();
  // The token bounds an incremental read; a full read keeps what changed since `from`.
  const from = at.syncToken ? -Infinity : Date.parse(at.from) - ashbyHiresApi.clockMarginMs;
  let position: Position = {
    ...(at.syncToken ? { syncToken: at.syncToken } : {}),
    ...(at.cursor ? { cursor: at.cursor } : {}),
  };
  const found: Application[] = [];
  for (let page = 1; ; page += 1) {
    const answer = parsePayload(HiredPage, (await ctx.send(ashbyHiresApi.hired(position))).body, WHAT);
    if (!answer.success) {
      const tooLarge = at.syncToken !== undefined && answer.errorInfo?.code === ashbyHiresApi.tooLargeCode;
      if (tooLarge || (page === 1 && (at.syncToken || at.cursor))) throw new PositionLost();
      const reason = answer.errorInfo?.message ?? answer.errors?.join('; ') ?? 'no reason given';
      throw new HrError(
        'ats.api_refused',
        `Ashby refused the list of hired applications: ${reason} (${answer.errorInfo?.code ?? 'no code'})`,
        { code: answer.errorInfo?.code },
      );
    }
    found.push(
      ...answer.results.filter(
        (a) => a.status === ashbyHiresApi.hiredStatus && (!a.updatedAt || Date.parse(a.updatedAt) >= from),
      ),
    );
    if (!answer.moreDataAvailable) {
      return {
        found,
        next: { ...(answer.syncToken ? { syncToken: answer.syncToken } : {}), from: startedAt },
        capped: false,
      };
    }
    if (!answer.nextCursor) throw missingField(WHAT, 'nextCursor');
    position = { ...position, cursor: answer.nextCursor };
    if (page >= maxPages) return { found, next: { ...at, cursor: answer.nextCursor, startedAt }, capped: true };
  }
}

/** The newest accepted offer: the one Ashby puts in `candidateHire` (docs/vendors/ashby.md). */
async function acceptedOffer(applicationId: string, ctx: AtsContext) {
  const { results } = await fetchParsed(ctx, ashbyHiresApi.offers(applicationId), Offers, 'The Ashby offers');
  const decided = (o: (typeof results)[number]) => Date.parse(o.decidedAt ?? '') || 0;
  // Decided last wins; without decision times, the one listed last.
  return results
    .filter((o) => o.acceptanceStatus === ashbyHiresApi.acceptedStatus)
    .sort((a, b) => decided(a) - decided(b))
    .at(-1);
}

/** The hired application shaped as the `candidateHire` webhook that may never have come. */
async function asDelivery(application: Application, receivedAt: string, ctx: AtsContext): Promise<Delivery> {
  const offer = await acceptedOffer(application.id, ctx);
  const email = application.candidate.primaryEmailAddress?.value;
  return {
    vendor: 'ashby',
    type: 'hire',
    vendorType: 'candidateHire',
    key: hireKey(application.id, offer?.id),
    subjects: { candidateIds: [application.candidate.id], emails: email ? [email] : [] },
    body: {
      action: 'candidateHire',
      webhookActionId: `reconciliation:${application.id}`,
      data: { application, offer: offer ?? null },
    },
    receivedAt,
  };
}

/** The read continued from where the last poll left it; null when there is nowhere, or Ashby refuses it. */
async function resumed(saved: Resume | null, ctx: AtsContext, maxPages: number): Promise<Read | null> {
  if (!saved) return null;
  try {
    return await read(saved, ctx, maxPages);
  } catch (err) {
    if (err instanceof PositionLost) return null;
    throw err;
  }
}

/**
 * Hired applications changed since the last poll: with the saved sync token only those, else (first poll,
 * lost or expired token) a full read keeping those changed since `since`, or since where the lost
 * position had got to.
 */
export async function ashbyResumableHires(
  since: Date,
  resumeFrom: string | null,
  ctx: AtsContext,
  maxPages: number = ashbyHiresApi.maxPages,
): Promise<HirePoll> {
  const saved = readResume(resumeFrom);
  const result =
    (await resumed(saved, ctx, maxPages)) ?? (await read({ from: saved?.from ?? since.toISOString() }, ctx, maxPages));
  const receivedAt = new Date().toISOString();
  const hires: Delivery[] = [];
  for (const application of result.found) hires.push(await asDelivery(application, receivedAt, ctx));
  return { hires, resumeFrom: JSON.stringify(result.next), capped: result.capped };
}
