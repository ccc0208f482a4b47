import { bearerToken } from '../../http';
import { HireEvent, parseOrThrow } from '../../model';
import { fetchParsed, hireKey, parsePayload } from '../ats/boundary';
import { CandidateEvent } from '../ats/events';
import { compact, normaliser } from '../ats/people';
import type { AtsContext, AtsSource, Canonical, Delivery } from '../ats/types';
import { workableRecentHires } from './hires';
import { workableOfferTerms } from './offer';
import { WorkableCandidate, WorkableJob, WorkableOffer, WorkableWebhook } from './schema';

/**
 * Workable (docs/vendors/workable.md) has no "hired" event: `candidate_moved` into the hired stage
 * stands for the hire. A delivery is an envelope whose `data` is the candidate at send time; the job
 * and the offer are read back from the API.
 */
export const workableApi = {
  defaultBaseUrl: (subdomain: string) => `https://${subdomain}.workable.com/spi/v3`,
  hiredStage: /^hired$/i,
  job: (shortcode: string) => ({ method: 'GET' as const, url: `jobs/${encodeURIComponent(shortcode)}` }),
  offer: (candidateId: string) => ({
    method: 'GET' as const,
    url: `candidates/${encodeURIComponent(candidateId)}/offer`,
  }),
} as const;

/** The candidate of a delivery: a webhook's envelope carries it in `data`; the poll journals the listed candidate itself. */
function candidateOf(body: unknown): WorkableCandidate {
  const isEnvelope = typeof body === 'object' && body !== null && 'event_type' in body;
  return isEnvelope
    ? parsePayload(WorkableWebhook, body, 'The Workable webhook').data
    : parsePayload(WorkableCandidate, body, 'The Workable candidate');
}

async function hire(delivery: Delivery, ctx: AtsContext): Promise<Canonical> {
  const c = candidateOf(delivery.body);
  const job = await fetchParsed(ctx, workableApi.job(c.job.shortcode), WorkableJob, 'The Workable job');
  const offer = await fetchParsed(ctx, workableApi.offer(c.id), WorkableOffer, 'The Workable offer');
  const n = normaliser(ctx.settings);
  const terms = workableOfferTerms(offer, job, ctx.settings, n);
  const location = [job.location?.city, job.location?.country].filter(Boolean).join(', ') || undefined;
  const event = {
    type: 'hire',
    eventId: delivery.key,
    system: 'workable',
    occurredAt: delivery.receivedAt,
    person: {
      legalName: { first: c.firstname, last: c.lastname || undefined },
      emails: n.emails(c.email ? [{ address: c.email, type: 'personal' }] : []),
      phones: n.phones(c.phone ? [{ number: c.phone }] : []),
    },
    application: { id: c.id, candidateId: c.id, jobId: job.shortcode, status: 'hired' },
    offer: compact({
      status: 'accepted',
      title: job.title,
      department: job.department ?? undefined,
      location,
      startDate: terms.startDate,
      compensation: terms.compensation,
      employmentType: terms.employmentType,
    }),
    job: compact({
      id: job.shortcode,
      title: job.title,
      department: job.department ? { name: job.department } : undefined,
      office: location ? { name: location } : undefined,
    }),
    sourceIds: { system: 'workable', candidateId: c.id, applicationId: c.id, jobId: job.shortcode },
  };
  return { event: parseOrThrow(HireEvent, event, 'The Workable hire'), warnings: n.warnings };
}

export const workable: AtsSource = {
  vendor: 'workable',
  successStatus: 200,
  classify({ body }) {
    const { id, event_type: eventType, data: c } = parsePayload(WorkableWebhook, body, 'The Workable webhook');
    const subjects = { candidateIds: [c.id], emails: c.email ? [c.email] : [] };
    // Workable's candidate id is per job, so it names the application as well; the hire is keyed by it, as the poll keys it.
    if (eventType === 'candidate_moved' && workableApi.hiredStage.test(c.stage ?? ''))
      return { type: 'hire', vendorType: eventType, key: hireKey(c.id), subjects };
    return { type: 'candidate.updated', vendorType: eventType, key: `${eventType}:${id}`, subjects };
  },
  async canonical(delivery, ctx) {
    if (delivery.type === 'hire') return hire(delivery, ctx);
    const c = candidateOf(delivery.body);
    const event = {
      type: 'candidate.updated',
      eventId: delivery.key,
      system: 'workable',
      occurredAt: delivery.receivedAt,
      candidateId: c.id,
      ...(c.stage ? { status: c.stage } : {}),
    };
    return { event: parseOrThrow(CandidateEvent, event, 'The Workable candidate event'), warnings: [] };
  },
  recentHires: workableRecentHires,
  httpOptions: (api) =>
    api.apiKey && (api.baseUrl || api.account)
      ? { baseUrl: api.baseUrl || workableApi.defaultBaseUrl(api.account!), auth: bearerToken(api.apiKey) }
      : null,
};
