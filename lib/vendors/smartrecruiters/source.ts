import { apiKeyHeader } from '../../http';
import { headerValue } from '../../webhooks/headers';
import { HireEvent, parseOrThrow } from '../../model';
import { fetchParsed, hireKey, missingField, parsePayload } from '../ats/boundary';
import { CandidateEvent, type CanonicalType } from '../ats/events';
import { compact, normaliser } from '../ats/people';
import type { AtsContext, AtsSource, Canonical, Delivery, OfferFieldChoice } from '../ats/types';
import { smartRecruitersApplicationId, smartRecruitersRecentHires } from './hires';
import { srOfferTerms } from './offer';
import {
  ApplicationIds,
  assignmentsOf,
  NotificationIds,
  SrCandidate,
  SrJob,
  SrOfferProperties,
  SrOffers,
  type SrCandidate as Candidate,
  type SrOffer,
} from './schema';

/**
 * SmartRecruiters notifications are thin (docs/vendors/smartrecruiters.md "Webhooks"): what happened is
 * in the `event-*` headers, the ids in the body, the entity's URL in `Link`. A status change is read back
 * through the API (by the ids, never by following `Link`, so no request can point us at another host):
 * the candidate's assignment to the job carries the application's status, and it is a hire when that
 * status is HIRED. The hire is keyed by its application (see hireKey), as the poll keys it.
 */
export const smartRecruitersApi = {
  defaultBaseUrl: 'https://api.smartrecruiters.com',
  hiredStatus: 'HIRED',
  candidate: (candidateId: string) => get(`candidates/${encodeURIComponent(candidateId)}`),
  job: (jobId: string) => get(`jobs/${encodeURIComponent(jobId)}`),
  offers: (jobId: string, candidateId: string) =>
    get(`candidates/${encodeURIComponent(candidateId)}/jobs/${encodeURIComponent(jobId)}/offers`),
  offerProperties: () => get('configuration/offer-properties'),
} as const;

function get(url: string) {
  return { method: 'GET' as const, url };
}

const EVENTS: Record<string, CanonicalType> = {
  // Which of these is a hire is only known once the new status is read.
  'application.status.updated': 'candidate.updated',
  'candidate.updated': 'candidate.updated',
  'candidate.deleted': 'candidate.deleted',
};

/** The accepted offer, the most recently updated first; else the latest one, named in the warnings. */
function chosenOffer(offers: SrOffer[], warnings: string[]): SrOffer | undefined {
  const latest = [...offers].sort(
    (a, b) => Date.parse(b.updatedOn ?? b.createdOn ?? '') - Date.parse(a.updatedOn ?? a.createdOn ?? '') || 0,
  );
  const accepted = latest.find((o) => /^accepted$/i.test(o.status ?? ''));
  if (!accepted && latest[0])
    warnings.push(`offer ${latest[0].id} is ${latest[0].status ?? 'without a status'}, not accepted`);
  return accepted ?? latest[0];
}

async function hire(delivery: Delivery, c: Candidate, jobId: string, ctx: AtsContext): Promise<Canonical> {
  const applicationId = smartRecruitersApplicationId(jobId, c.id);
  const assignment = assignmentsOf(c).find((a) => a.job.id === jobId);
  if (!assignment) throw missingField('The SmartRecruiters candidate', `assignment to job ${jobId}`);
  const job = await fetchParsed(ctx, smartRecruitersApi.job(jobId), SrJob, 'The SmartRecruiters job');
  const offers = (
    await fetchParsed(ctx, smartRecruitersApi.offers(jobId, c.id), SrOffers, 'The SmartRecruiters offers')
  ).content;
  const n = normaliser(ctx.settings);
  const offer = chosenOffer(offers, n.warnings);
  const terms = srOfferTerms(offer, assignment, job, ctx.settings, n);
  const location = [job.location?.city, job.location?.country].filter(Boolean).join(', ') || undefined;
  const department = job.department?.label ?? undefined;
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
    application: { id: applicationId, candidateId: c.id, jobId, status: 'hired' },
    offer: compact({
      id: offer?.id,
      status: 'accepted',
      title: job.title,
      department,
      location,
      startDate: terms.startDate,
      compensation: terms.compensation,
      employmentType: terms.employmentType,
    }),
    job: compact({
      id: job.id,
      title: job.title,
      department: department ? { name: department } : undefined,
      office: location ? { name: location } : undefined,
    }),
    sourceIds: compact({ system: 'smartrecruiters', candidateId: c.id, applicationId, offerId: offer?.id, jobId }),
  };
  return { event: parseOrThrow(HireEvent, event, 'The SmartRecruiters hire'), warnings: n.warnings };
}

async function offerFieldChoices(ctx: AtsContext): Promise<OfferFieldChoice[]> {
  const { categories } = await fetchParsed(
    ctx,
    smartRecruitersApi.offerProperties(),
    SrOfferProperties,
    'The SmartRecruiters offer properties',
  );
  return categories.flatMap((category) =>
    (category.properties ?? []).map((p) => compact({ key: p.key, name: p.label ?? p.key, type: p.type ?? undefined })),
  );
}

export const smartrecruiters: AtsSource = {
  vendor: 'smartrecruiters',
  successStatus: 202,
  classify({ body, headers, vendorEventId }) {
    const name = headerValue(headers, 'event-name') ?? '';
    const type = EVENTS[name];
    if (!type) return null;
    const ids = parsePayload(NotificationIds, body, `The SmartRecruiters ${name} notification`);
    // event-id is signed and names the notification, so a retry carries the same one.
    return {
      type,
      vendorType: name,
      key: `${name}:${vendorEventId ?? ''}`,
      subjects: { candidateIds: [ids.candidate_id], emails: [] },
    };
  },
  async canonical(delivery, ctx) {
    if (delivery.type === 'hire') {
      const ids = parsePayload(ApplicationIds, delivery.body, 'The SmartRecruiters hire');
      const c = await fetchParsed(
        ctx,
        smartRecruitersApi.candidate(ids.candidate_id),
        SrCandidate,
        'The SmartRecruiters candidate',
      );
      return hire(delivery, c, ids.job_id, ctx);
    }
    const ids = parsePayload(NotificationIds, delivery.body, 'The SmartRecruiters notification');
    const base = {
      eventId: delivery.key,
      system: 'smartrecruiters',
      occurredAt: delivery.receivedAt,
      candidateId: ids.candidate_id,
    };
    if (delivery.vendorType === 'application.status.updated' && ids.job_id) {
      const c = await fetchParsed(
        ctx,
        smartRecruitersApi.candidate(ids.candidate_id),
        SrCandidate,
        'The SmartRecruiters candidate',
      );
      const status = assignmentsOf(c).find((a) => a.job.id === ids.job_id)?.status;
      if (status === smartRecruitersApi.hiredStatus) return hire(delivery, c, ids.job_id, ctx);
      const event = compact({
        ...base,
        type: 'candidate.updated',
        applicationIds: [smartRecruitersApplicationId(ids.job_id, ids.candidate_id)],
        status,
      });
      return { event: parseOrThrow(CandidateEvent, event, 'The SmartRecruiters event'), warnings: [] };
    }
    return {
      event: parseOrThrow(CandidateEvent, { ...base, type: delivery.type }, 'The SmartRecruiters event'),
      warnings: [],
    };
  },
  recentHires: smartRecruitersRecentHires(smartRecruitersApi.hiredStatus),
  offerFieldChoices,
  httpOptions: (api) =>
    api.apiKey
      ? { baseUrl: api.baseUrl || smartRecruitersApi.defaultBaseUrl, auth: apiKeyHeader('X-SmartToken', api.apiKey) }
      : null,
};
