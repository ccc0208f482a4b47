import { createHash } from 'node:crypto';
import { z } from 'zod';
import { basicAuth } from '../../http';
import { HireEvent, parseOrThrow } from '../../model';
import { contentKey, fetchParsed, hireKey, missingField, parsePayload, VendorId } from '../ats/boundary';
import { CandidateEvent, type CanonicalType } from '../ats/events';
import { compact, employmentType, normaliser, splitName } from '../ats/people';
import { confirmDeleted, confirmHired } from './confirm';
import { hiredReasonIds, leverRecentHires } from './hires';
import { leverOfferFieldChoices, Offers, readLeverOffer, type LeverOffer } from './offer';
import type { AtsContext, AtsSource, Canonical, Delivery } from '../ats/types';

/**
 * Lever webhooks carry ids only (docs/vendors/lever.md, "Webhooks"): the hire is read back from the Data API.
 */
export const leverApi = {
  defaultBaseUrl: 'https://api.lever.co/v1',
  opportunity: (id: string) => ({
    method: 'GET' as const,
    url: `opportunities/${encodeURIComponent(id)}`,
    query: { expand: 'owner' },
  }),
  offers: (id: string) => ({ method: 'GET' as const, url: `opportunities/${encodeURIComponent(id)}/offers` }),
  posting: (id: string) => ({ method: 'GET' as const, url: `postings/${encodeURIComponent(id)}` }),
  signedStatus: 'signed',
} as const;

const EVENTS: Record<string, CanonicalType> = {
  candidateHired: 'hire',
  candidateDeleted: 'candidate.deleted',
  candidateStageChange: 'candidate.updated',
  candidateArchiveChange: 'candidate.updated',
  contactUpdated: 'candidate.updated',
};

const Webhook = z.object({
  event: z.string().min(1),
  token: z.string().min(1),
  triggeredAt: z.union([z.number(), z.string()]),
  data: z
    .object({ opportunityId: z.string().nullish(), candidateId: z.string().nullish(), contactId: z.string().nullish() })
    .loose()
    .nullish(),
});

const Opportunity = z.object({
  data: z.object({
    id: VendorId,
    name: z.string().min(1),
    contact: z.string().nullish(),
    emails: z.array(z.string()).nullish(),
    phones: z.array(z.object({ type: z.string().nullish(), value: z.string() })).nullish(),
    location: z.string().nullish(),
    archived: z.object({ archivedAt: z.number().nullish(), reason: z.string().nullish() }).loose().nullish(),
    owner: z.object({ id: z.string().nullish(), name: z.string().nullish(), email: z.string().nullish() }).nullish(),
    applications: z.array(z.union([z.string(), z.object({ posting: z.string().nullish() })])).nullish(),
  }),
});

const Posting = z.object({
  data: z.object({
    id: VendorId,
    text: z.string(),
    categories: z
      .object({
        team: z.string().nullish(),
        department: z.string().nullish(),
        location: z.string().nullish(),
        commitment: z.string().nullish(),
      })
      .nullish(),
  }),
});

function newestSigned(offers: LeverOffer[]) {
  const byAge = [...offers].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
  return byAge.find((o) => o.status === leverApi.signedStatus) ?? byAge[0];
}

/**
 * The key of one signed delivery: its token. Lever sends a new token with every delivery, so a token
 * seen before is a replay, which the journal recognises (and intake refuses) for as long as it keeps events.
 */
export const leverDeliveryKey = (token: string): string => `delivery:${token}`;

type Body = { triggeredAt: unknown; data: { opportunityId?: string; contactId?: string; candidateId?: string } };

/** The hire as the API reports it; the body's opportunity id is only the question asked. */
async function hire(delivery: Delivery, ctx: AtsContext): Promise<Canonical> {
  const asked = (delivery.body as Body).data.opportunityId!;
  const { data: opp } = await fetchParsed(ctx, leverApi.opportunity(asked), Opportunity, 'The Lever opportunity');
  await confirmHired(opp, ctx);
  const offer = newestSigned((await fetchParsed(ctx, leverApi.offers(opp.id), Offers, 'The Lever offers')).data);
  const postingId =
    offer?.posting ?? opp.applications?.map((a) => (typeof a === 'string' ? undefined : a.posting)).find(Boolean);
  const posting = postingId
    ? (await fetchParsed(ctx, leverApi.posting(postingId), Posting, 'The Lever posting')).data
    : undefined;
  const n = normaliser(ctx.settings);
  const read = readLeverOffer(offer, ctx.settings, n);
  const candidateId = opp.contact ?? opp.id;
  const title = read.title ?? posting?.text;
  const department = posting?.categories?.department ?? posting?.categories?.team ?? undefined;
  const location = posting?.categories?.location ?? opp.location ?? undefined;
  const event = {
    type: 'hire',
    eventId: hireKey(opp.id),
    system: 'lever',
    occurredAt: n.dateTime(opp.archived?.archivedAt ?? undefined) ?? delivery.receivedAt,
    person: {
      legalName: splitName(opp.name),
      emails: n.emails((opp.emails ?? []).map((address) => ({ address }))),
      phones: n.phones((opp.phones ?? []).map((p) => ({ number: p.value, type: p.type }))),
    },
    application: compact({ id: opp.id, candidateId, jobId: posting?.id, status: 'hired' }),
    offer: compact({
      id: offer?.id,
      status: 'accepted',
      title,
      department,
      location,
      startDate: read.startDate,
      compensation: read.compensation,
      employmentType: read.employmentType ?? employmentType(posting?.categories?.commitment),
    }),
    job: compact({
      id: posting?.id ?? opp.id,
      title,
      department: department ? { name: department } : undefined,
      office: location ? { name: location } : undefined,
    }),
    recruiter: opp.owner
      ? compact({
          id: opp.owner.id ?? undefined,
          name: opp.owner.name ?? undefined,
          email: opp.owner.email ?? undefined,
        })
      : undefined,
    sourceIds: compact({ system: 'lever', candidateId, applicationId: opp.id, offerId: offer?.id, jobId: posting?.id }),
  };
  return { event: parseOrThrow(HireEvent, event, 'The Lever hire'), warnings: n.warnings };
}

/**
 * A deletion is emitted once Lever no longer has the person; a change keyed by its content, so Lever's
 * retries of it (each with a new token) are one event.
 */
async function candidateEvent(delivery: Delivery, ctx: AtsContext): Promise<Canonical> {
  const { data, triggeredAt } = delivery.body as Body;
  const candidateId = (data.contactId ?? data.candidateId)!;
  if (delivery.type === 'candidate.deleted') await confirmDeleted(candidateId, data.opportunityId, ctx);
  const eventId =
    delivery.type === 'candidate.deleted'
      ? `${delivery.vendorType}:${candidateId}`
      : contentKey(
          delivery.vendorType,
          candidateId,
          createHash('sha256')
            .update(JSON.stringify([data, triggeredAt]))
            .digest(),
        );
  const event = {
    type: delivery.type,
    eventId,
    system: 'lever',
    occurredAt: delivery.receivedAt,
    candidateId,
    ...(data.opportunityId ? { applicationIds: [data.opportunityId] } : {}),
  };
  return { event: parseOrThrow(CandidateEvent, event, `The Lever ${delivery.vendorType} event`), warnings: [] };
}

export const lever: AtsSource = {
  vendor: 'lever',
  successStatus: 200,
  signatureInBody: true,
  singleUseKeys: true,
  classify({ body }) {
    const { event, data, token } = parsePayload(Webhook, body, 'The Lever webhook');
    const type = EVENTS[event];
    // Lever's connection test omits the opportunity (docs/vendors/lever.md): acknowledged, nothing to emit.
    if (!type || (type === 'hire' && !data?.opportunityId)) return null;
    const candidateId = data?.contactId ?? data?.candidateId ?? undefined;
    if (type !== 'hire' && !candidateId) throw missingField(`The Lever ${event} webhook`, 'data.contactId');
    const subjects = { candidateIds: candidateId ? [candidateId] : [], emails: [] };
    // The event's own key (the hire's, shared with the poll) is only known once the API confirms it.
    return { type, vendorType: event, key: leverDeliveryKey(token), subjects };
  },
  canonical: (delivery, ctx) => (delivery.type === 'hire' ? hire(delivery, ctx) : candidateEvent(delivery, ctx)),
  async offerFieldChoices(ctx) {
    return leverOfferFieldChoices(ctx, await hiredReasonIds(ctx));
  },
  recentHires: leverRecentHires,
  httpOptions: (api) =>
    api.apiKey ? { baseUrl: api.baseUrl || leverApi.defaultBaseUrl, auth: basicAuth(api.apiKey, '') } : null,
};
