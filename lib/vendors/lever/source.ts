import { createHash } from 'node:crypto';
import { z } from 'zod';
import { basicAuth } from '../../http';
import { HireEvent, parseOrThrow } from '../../model';
import { contentKey, fetchParsed, hireKey, missingField, parsePayload, VendorId } from '../ats/boundary';
import { CandidateEvent, type CanonicalType } from '../ats/events';
import { offerPayPeriod } from '../ats/offerFields';
import { compact, decimalText, employmentType, normaliser, splitName } from '../ats/people';
import { leverRecentHires } from './hires';
import type { AtsContext, AtsSource, Canonical, Delivery } from '../ats/types';

/**
 * Lever webhooks carry ids only (vendor-apis.md §2.1): the hire is read back from the Data API.
 * Offer field identifiers are [unconfirmed] (no official list was retrieved); change them here only.
 */
export const leverApi = {
  defaultBaseUrl: 'https://api.lever.co/v1',
  opportunity: (id: string) => ({ method: 'GET' as const, url: `opportunities/${encodeURIComponent(id)}`, query: { expand: 'owner' } }),
  offers: (id: string) => ({ method: 'GET' as const, url: `opportunities/${encodeURIComponent(id)}/offers` }),
  posting: (id: string) => ({ method: 'GET' as const, url: `postings/${encodeURIComponent(id)}` }),
  offerFields: {
    startDate: 'anticipated_start_date',
    salaryAmount: 'salary_amount',
    salaryCurrency: 'salary_currency',
    salaryInterval: 'salary_interval',
    title: 'job_title',
  },
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
  triggeredAt: z.union([z.number(), z.string()]),
  data: z.object({ opportunityId: z.string().nullish(), candidateId: z.string().nullish(), contactId: z.string().nullish() }).loose().nullish(),
});

const Opportunity = z.object({
  data: z.object({
    id: VendorId,
    name: z.string().min(1),
    contact: z.string().nullish(),
    emails: z.array(z.string()).nullish(),
    phones: z.array(z.object({ type: z.string().nullish(), value: z.string() })).nullish(),
    location: z.string().nullish(),
    owner: z.object({ id: z.string().nullish(), name: z.string().nullish(), email: z.string().nullish() }).nullish(),
    applications: z.array(z.union([z.string(), z.object({ posting: z.string().nullish() })])).nullish(),
  }),
});

const Offers = z.object({
  data: z.array(z.object({ id: VendorId, status: z.string().nullish(), createdAt: z.number().nullish(), posting: z.string().nullish(), fields: z.array(z.object({ identifier: z.string(), value: z.unknown() })).nullish() })),
});

const Posting = z.object({
  data: z.object({
    id: VendorId,
    text: z.string(),
    categories: z.object({ team: z.string().nullish(), department: z.string().nullish(), location: z.string().nullish(), commitment: z.string().nullish() }).nullish(),
  }),
});

function newestSigned(offers: z.infer<typeof Offers>['data']) {
  const byAge = [...offers].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
  return byAge.find((o) => o.status === leverApi.signedStatus) ?? byAge[0];
}

async function hire(delivery: Delivery, ctx: AtsContext): Promise<Canonical> {
  const opportunityId = (delivery.body as { data: { opportunityId: string } }).data.opportunityId;
  const { data: opp } = await fetchParsed(ctx, leverApi.opportunity(opportunityId), Opportunity, 'The Lever opportunity');
  const offer = newestSigned((await fetchParsed(ctx, leverApi.offers(opportunityId), Offers, 'The Lever offers')).data);
  const postingId = offer?.posting ?? opp.applications?.map((a) => (typeof a === 'string' ? undefined : a.posting)).find(Boolean);
  const posting = postingId ? (await fetchParsed(ctx, leverApi.posting(postingId), Posting, 'The Lever posting')).data : undefined;
  const field = (identifier: string) => offer?.fields?.find((f) => f.identifier === identifier)?.value;
  const n = normaliser(ctx.settings);
  const f = leverApi.offerFields;
  const candidateId = opp.contact ?? opp.id;
  const title = (field(f.title) as string | undefined) ?? posting?.text;
  const department = posting?.categories?.department ?? posting?.categories?.team ?? undefined;
  const location = posting?.categories?.location ?? opp.location ?? undefined;
  const event = {
    type: 'hire',
    eventId: delivery.key,
    system: 'lever',
    occurredAt: n.dateTime(Number((delivery.body as { triggeredAt: unknown }).triggeredAt)) ?? delivery.receivedAt,
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
      startDate: n.date(field(f.startDate) as string | number | undefined),
      compensation: compact({
        amount: decimalText(field(f.salaryAmount)),
        currency: field(f.salaryCurrency) as string | undefined,
        period: offerPayPeriod(field(f.salaryInterval), ctx.settings, n.warnings),
      }),
      employmentType: employmentType(posting?.categories?.commitment),
    }),
    job: compact({ id: posting?.id ?? opp.id, title, department: department ? { name: department } : undefined, office: location ? { name: location } : undefined }),
    recruiter: opp.owner ? compact({ id: opp.owner.id ?? undefined, name: opp.owner.name ?? undefined, email: opp.owner.email ?? undefined }) : undefined,
    sourceIds: compact({ system: 'lever', candidateId, applicationId: opp.id, offerId: offer?.id, jobId: posting?.id }),
  };
  return { event: parseOrThrow(HireEvent, event, 'The Lever hire'), warnings: n.warnings };
}

export const lever: AtsSource = {
  vendor: 'lever',
  successStatus: 200,
  signatureInBody: true,
  classify({ body }) {
    const { event, data, triggeredAt } = parsePayload(Webhook, body, 'The Lever webhook');
    const type = EVENTS[event];
    // Lever's connection test omits the opportunity (§2.1): acknowledged, nothing to emit.
    if (!type || (type === 'hire' && !data?.opportunityId)) return null;
    const candidateId = data?.contactId ?? data?.candidateId ?? undefined;
    const subjects = { candidateIds: candidateId ? [candidateId] : [], emails: [] };
    if (type === 'hire') return { type, vendorType: event, key: hireKey(data!.opportunityId!), subjects };
    if (!candidateId) throw missingField(`The Lever ${event} webhook`, 'data.contactId');
    // The token changes with every delivery (§2.1), so it cannot tell a retry from a new event; the data and its time can.
    const content = createHash('sha256').update(JSON.stringify([data, triggeredAt])).digest();
    return { type, vendorType: event, key: contentKey(event, candidateId, content), subjects };
  },
  async canonical(delivery, ctx) {
    if (delivery.type === 'hire') return hire(delivery, ctx);
    const data = (delivery.body as { data: { contactId?: string; candidateId?: string; opportunityId?: string } }).data;
    const event = {
      type: delivery.type,
      eventId: delivery.key,
      system: 'lever',
      occurredAt: delivery.receivedAt,
      candidateId: data.contactId ?? data.candidateId,
      ...(data.opportunityId ? { applicationIds: [data.opportunityId] } : {}),
    };
    return { event: parseOrThrow(CandidateEvent, event, `The Lever ${delivery.vendorType} event`), warnings: [] };
  },
  recentHires: leverRecentHires,
  httpOptions: (api) => (api.apiKey ? { baseUrl: api.baseUrl || leverApi.defaultBaseUrl, auth: basicAuth(api.apiKey, '') } : null),
};
