import { z } from 'zod';
import { bearerToken } from '../../http';
import { HireEvent, parseOrThrow } from '../../model';
import { contentKey, fetchParsed, hireKey, parsePayload } from '../ats/boundary';
import { CandidateEvent } from '../ats/events';
import { compact, decimalText, employmentType, normaliser, payPeriod } from '../ats/people';
import type { AtsContext, AtsSource, Canonical, Delivery } from '../ats/types';
import { workableRecentHires } from './hires';
import { WorkableCandidate as Candidate } from './schema';

/**
 * Workable (vendor-apis.md §3.2) has no "hired" event and no event id: a webhook body is the candidate
 * as it is at send time, and `candidate_moved` into the hired stage stands for the hire. The job and
 * the offer are read back from the API. [unconfirmed] the stage's name, the offer route and the names
 * of its variables; change them here only.
 */
export const workableApi = {
  defaultBaseUrl: (subdomain: string) => `https://${subdomain}.workable.com/spi/v3`,
  hiredStage: /^hired$/i,
  job: (shortcode: string) => ({ method: 'GET' as const, url: `jobs/${encodeURIComponent(shortcode)}` }),
  offer: (candidateId: string) => ({ method: 'GET' as const, url: `candidates/${encodeURIComponent(candidateId)}/offer` }),
  offerVariables: { startDate: 'start_date', salary: 'salary', currency: 'salary_currency', period: 'salary_frequency' },
  defaultPayPeriod: 'year',
} as const;

const Job = z.object({
  shortcode: z.string(),
  title: z.string(),
  department: z.string().nullish(),
  employment_type: z.string().nullish(),
  location: z.object({ city: z.string().nullish(), country: z.string().nullish() }).loose().nullish(),
});

const Offer = z.object({ document_variables: z.array(z.object({ name: z.string(), value: z.unknown() })).nullish() }).loose();

async function hire(delivery: Delivery, ctx: AtsContext): Promise<Canonical> {
  const c = parsePayload(Candidate, delivery.body, 'The Workable candidate');
  const job = await fetchParsed(ctx, workableApi.job(c.job.shortcode), Job, 'The Workable job');
  const offer = await fetchParsed(ctx, workableApi.offer(c.id), Offer, 'The Workable offer');
  const variable = (name: string) => offer.document_variables?.find((v) => v.name === name)?.value;
  const v = workableApi.offerVariables;
  const n = normaliser(ctx.settings);
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
      startDate: n.date(variable(v.startDate) as string | undefined),
      compensation: compact({
        amount: decimalText(variable(v.salary)),
        currency: variable(v.currency) as string | undefined,
        period: payPeriod(variable(v.period)) ?? workableApi.defaultPayPeriod,
      }),
      employmentType: employmentType(job.employment_type),
    }),
    job: compact({ id: job.shortcode, title: job.title, department: job.department ? { name: job.department } : undefined, office: location ? { name: location } : undefined }),
    sourceIds: { system: 'workable', candidateId: c.id, applicationId: c.id, jobId: job.shortcode },
  };
  return { event: parseOrThrow(HireEvent, event, 'The Workable hire'), warnings: n.warnings };
}

export const workable: AtsSource = {
  vendor: 'workable',
  successStatus: 200,
  classify({ body, rawBody }) {
    const c = parsePayload(Candidate, body, 'The Workable candidate');
    const subjects = { candidateIds: [c.id], emails: c.email ? [c.email] : [] };
    // Workable's candidate id is per job, so it names the application as well.
    if (workableApi.hiredStage.test(c.stage ?? '')) return { type: 'hire', vendorType: 'candidate_moved', key: hireKey(c.id), subjects };
    return { type: 'candidate.updated', vendorType: 'candidate', key: contentKey('candidate', c.id, rawBody), subjects };
  },
  async canonical(delivery, ctx) {
    if (delivery.type === 'hire') return hire(delivery, ctx);
    const c = parsePayload(Candidate, delivery.body, 'The Workable candidate');
    const event = { type: 'candidate.updated', eventId: delivery.key, system: 'workable', occurredAt: delivery.receivedAt, candidateId: c.id, ...(c.stage ? { status: c.stage } : {}) };
    return { event: parseOrThrow(CandidateEvent, event, 'The Workable candidate event'), warnings: [] };
  },
  recentHires: workableRecentHires,
  httpOptions: (api) =>
    api.apiKey && (api.baseUrl || api.account) ? { baseUrl: api.baseUrl || workableApi.defaultBaseUrl(api.account!), auth: bearerToken(api.apiKey) } : null,
};
