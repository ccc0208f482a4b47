import { z } from 'zod';
import { apiKeyHeader } from '../../http';
import { headerValue } from '../../webhooks/headers';
import { HireEvent, parseOrThrow } from '../../model';
import { fetchParsed, hireKey, parsePayload, VendorId } from '../ats/boundary';
import { CandidateEvent, type CanonicalType } from '../ats/events';
import { compact, decimalText, employmentType, normaliser, payPeriod } from '../ats/people';
import { smartRecruitersApplicationId, smartRecruitersRecentHires } from './hires';
import type { AtsContext, AtsSource, Canonical, Delivery } from '../ats/types';

/**
 * SmartRecruiters notifications are thin (vendor-apis.md §3.3): what happened is in the `event-*`
 * headers, the ids in the body, the entity's URL in `Link`. A status change is read back through the
 * API (by the ids, never by following `Link`, so no request can point us at another host) and becomes
 * a hire when the new status is the hired one; the hire is keyed by its application (see hireKey), as
 * the poll keys it, while the notification itself keeps its event id. [unconfirmed] the hired status value,
 * the offer route and its fields; change them here only.
 */
export const smartRecruitersApi = {
  defaultBaseUrl: 'https://api.smartrecruiters.com',
  hiredStatus: 'HIRED',
  status: (jobId: string, candidateId: string) => `jobs/${encodeURIComponent(jobId)}/candidates/${encodeURIComponent(candidateId)}/status`,
  candidate: (candidateId: string) => `candidates/${encodeURIComponent(candidateId)}`,
  job: (jobId: string) => `jobs/${encodeURIComponent(jobId)}`,
  offers: (jobId: string, candidateId: string) => `candidates/${encodeURIComponent(candidateId)}/jobs/${encodeURIComponent(jobId)}/offers`,
  defaultPayPeriod: 'year',
} as const;

const EVENTS: Record<string, CanonicalType> = {
  // Which of these is a hire is only known once the new status is read.
  'application.status.updated': 'candidate.updated',
  'candidate.updated': 'candidate.updated',
  'candidate.deleted': 'candidate.deleted',
};

const Ids = z.object({ candidate_id: VendorId, job_id: VendorId.nullish() });
const ApplicationIds = z.object({ candidate_id: VendorId, job_id: VendorId });
const get = (url: string) => ({ method: 'GET' as const, url });

const Status = z.object({ status: z.string().min(1) }).loose();
const Candidate = z.object({ id: VendorId, firstName: z.string(), lastName: z.string().nullish(), email: z.string().nullish(), phoneNumber: z.string().nullish() }).loose();
const Label = z.object({ label: z.string() }).nullish();
const Job = z.object({ id: VendorId, title: z.string(), department: Label, typeOfEmployment: Label, location: z.object({ city: z.string().nullish(), country: z.string().nullish() }).loose().nullish() }).loose();
const Offers = z.object({
  content: z.array(
    z.object({
      id: VendorId,
      status: z.string().nullish(),
      startDate: z.string().nullish(),
      salary: z.object({ value: z.union([z.number(), z.string()]).nullish(), currency: z.string().nullish(), period: z.string().nullish() }).nullish(),
    }).loose(),
  ),
});

async function hire(delivery: Delivery, ids: { candidateId: string; jobId: string }, ctx: AtsContext): Promise<Canonical> {
  const applicationId = smartRecruitersApplicationId(ids.jobId, ids.candidateId);
  const c = await fetchParsed(ctx, get(smartRecruitersApi.candidate(ids.candidateId)), Candidate, 'The SmartRecruiters candidate');
  const job = await fetchParsed(ctx, get(smartRecruitersApi.job(ids.jobId)), Job, 'The SmartRecruiters job');
  const offer = (await fetchParsed(ctx, get(smartRecruitersApi.offers(ids.jobId, ids.candidateId)), Offers, 'The SmartRecruiters offers')).content.at(-1);
  const n = normaliser(ctx.settings);
  const location = [job.location?.city, job.location?.country].filter(Boolean).join(', ') || undefined;
  const event = {
    type: 'hire',
    eventId: hireKey(applicationId),
    system: 'smartrecruiters',
    occurredAt: delivery.receivedAt,
    person: {
      legalName: { first: c.firstName, last: c.lastName || undefined },
      emails: n.emails(c.email ? [{ address: c.email }] : []),
      phones: n.phones(c.phoneNumber ? [{ number: c.phoneNumber }] : []),
    },
    application: { id: applicationId, candidateId: ids.candidateId, jobId: ids.jobId, status: 'hired' },
    offer: compact({
      id: offer?.id,
      status: 'accepted',
      title: job.title,
      department: job.department?.label,
      location,
      startDate: n.date(offer?.startDate),
      compensation: offer?.salary
        ? compact({ amount: decimalText(offer.salary.value), currency: offer.salary.currency ?? undefined, period: payPeriod(offer.salary.period) ?? smartRecruitersApi.defaultPayPeriod })
        : undefined,
      employmentType: employmentType(job.typeOfEmployment?.label),
    }),
    job: compact({ id: job.id, title: job.title, department: job.department ? { name: job.department.label } : undefined, office: location ? { name: location } : undefined }),
    sourceIds: compact({ system: 'smartrecruiters', candidateId: ids.candidateId, applicationId, offerId: offer?.id, jobId: ids.jobId }),
  };
  return { event: parseOrThrow(HireEvent, event, 'The SmartRecruiters hire'), warnings: n.warnings };
}

export const smartrecruiters: AtsSource = {
  vendor: 'smartrecruiters',
  successStatus: 202,
  classify({ body, headers, vendorEventId }) {
    const name = headerValue(headers, 'event-name') ?? '';
    const type = EVENTS[name];
    if (!type) return null;
    const ids = parsePayload(Ids, body, `The SmartRecruiters ${name} notification`);
    // event-id is signed and names the notification, so a retry carries the same one (§3.3).
    return { type, vendorType: name, key: `${name}:${vendorEventId ?? ''}`, subjects: { candidateIds: [ids.candidate_id], emails: [] } };
  },
  async canonical(delivery, ctx) {
    if (delivery.type === 'hire') {
      const ids = parsePayload(ApplicationIds, delivery.body, 'The SmartRecruiters hire');
      return hire(delivery, { candidateId: ids.candidate_id, jobId: ids.job_id }, ctx);
    }
    const ids = Ids.parse(delivery.body);
    const base = { eventId: delivery.key, system: 'smartrecruiters', occurredAt: delivery.receivedAt, candidateId: ids.candidate_id };
    if (delivery.vendorType === 'application.status.updated' && ids.job_id) {
      const { status } = await fetchParsed(ctx, get(smartRecruitersApi.status(ids.job_id, ids.candidate_id)), Status, 'The SmartRecruiters status');
      if (status === smartRecruitersApi.hiredStatus) return hire(delivery, { candidateId: ids.candidate_id, jobId: ids.job_id }, ctx);
      return { event: parseOrThrow(CandidateEvent, { ...base, type: 'candidate.updated', applicationIds: [smartRecruitersApplicationId(ids.job_id, ids.candidate_id)], status }, 'The SmartRecruiters event'), warnings: [] };
    }
    return { event: parseOrThrow(CandidateEvent, { ...base, type: delivery.type }, 'The SmartRecruiters event'), warnings: [] };
  },
  recentHires: smartRecruitersRecentHires(smartRecruitersApi.hiredStatus),
  httpOptions: (api) => (api.apiKey ? { baseUrl: api.baseUrl || smartRecruitersApi.defaultBaseUrl, auth: apiKeyHeader('X-SmartToken', api.apiKey) } : null),
};
