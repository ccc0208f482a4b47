import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseWith } from './framework/body';
import { errorKit } from './framework/errors';
import { json } from './framework/reply';
import { header, type SandboxRequest } from './framework/request';
import { controlBody, startVendor, type Emulator, type StartOptions } from './server';

/** Facts vendor-apis.md leaves open (§3.3, §11), and the emulator's choice for each. */
export const SMARTRECRUITERS_UNCONFIRMED = {
  /** Error body shape. */
  errorBody: (status: number, message: string) => ({ errors: [{ code: status === 401 ? 'UNAUTHORIZED' : status === 404 ? 'NOT_FOUND' : 'INVALID_REQUEST', message }] }),
  /** Application statuses; HIRED is the one lib/vendors/ats/smartrecruiters.ts treats as a hire. */
  statuses: ['LEAD', 'NEW', 'IN_REVIEW', 'INTERVIEW', 'OFFER', 'HIRED', 'REJECTED', 'WITHDRAWN', 'TRANSFERRED'] as const,
  /** GET /candidates: page size and its maximum; the first application is the primary assignment. */
  listLimit: { default: 10, max: 100 },
} as const;

type Status = (typeof SMARTRECRUITERS_UNCONFIRMED.statuses)[number];

export interface SmartRecruitersJob {
  id: string;
  title: string;
  department: { id: string; label: string } | null;
  typeOfEmployment: { id: string; label: string } | null;
  location: { city: string | null; country: string | null; remote: boolean };
}

export interface SmartRecruitersCandidate {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phoneNumber: string | null;
  createdOn: string;
  /** Moves with the candidate's applications: what the list's `updatedAfter` filters on. */
  updatedOn: string;
}

export interface SmartRecruitersOffer {
  id: string;
  status: string;
  startDate: string | null;
  salary: { value: number; currency: string; period: string } | null;
}

export interface SmartRecruitersOptions {
  /** API keys accepted in `X-SmartToken` (§3.3). */
  apiKeys?: readonly string[];
}

export const SMARTRECRUITERS_DEFAULTS = { apiKeys: ['sandbox-smartrecruiters-key'] };

const JobSeed = z.object({ title: z.string().min(1), department: z.string().min(1).optional(), typeOfEmployment: z.string().min(1).optional(), city: z.string().min(1).optional(), country: z.string().min(1).optional() });
const CandidateSeed = z.object({ firstName: z.string().min(1), lastName: z.string().min(1), email: z.string().min(1).optional(), phoneNumber: z.string().min(1).optional() });
const ApplySeed = z.object({ candidateId: z.string().min(1), jobId: z.string().min(1), status: z.enum(SMARTRECRUITERS_UNCONFIRMED.statuses).default('NEW') });
const OfferSeed = z.object({
  startDate: z.string().min(1).optional(),
  salary: z.object({ value: z.number(), currency: z.string().length(3), period: z.string().min(1).default('YEAR') }).optional(),
  status: z.string().min(1).default('ACCEPTED'),
});

const ListQuery = z
  .object({
    status: z.array(z.enum(SMARTRECRUITERS_UNCONFIRMED.statuses)),
    updatedAfter: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(SMARTRECRUITERS_UNCONFIRMED.listLimit.max).default(SMARTRECRUITERS_UNCONFIRMED.listLimit.default),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const { error, stop, invalid } = errorKit((status, message, headers) => json(status, SMARTRECRUITERS_UNCONFIRMED.errorBody(status, message), headers));
const label = (text: string | undefined) => (text ? { id: text.toLowerCase().replace(/\W+/g, '-'), label: text } : null);

/**
 * SmartRecruiters' API as a thin notification is read back (vendor-apis.md §3.3): an application's
 * status, the candidate, the job and the candidate's offers for it, authorised by `X-SmartToken`; and
 * the candidates list the reconciliation poll pages through.
 */
export function createSmartRecruiters(options: SmartRecruitersOptions = {}): Emulator<{
  addJob(seed: z.input<typeof JobSeed>): string;
  addCandidate(seed: z.input<typeof CandidateSeed>): string;
  apply(seed: z.input<typeof ApplySeed>): void;
  setStatus(jobId: string, candidateId: string, status: Status): void;
  addOffer(jobId: string, candidateId: string, seed?: z.input<typeof OfferSeed>): string;
  overrideListed(candidateId: string, fields: Record<string, unknown> | null): void;
}> {
  const apiKeys = options.apiKeys ?? SMARTRECRUITERS_DEFAULTS.apiKeys;
  const jobs = new Map<string, SmartRecruitersJob>();
  const candidates = new Map<string, SmartRecruitersCandidate>();
  /** Keyed `${jobId}/${candidateId}`: one application per candidate and job. */
  const applications = new Map<string, { jobId: string; candidateId: string; status: Status; lastModified: string; offers: SmartRecruitersOffer[] }>();
  /** Fields the candidates list shows instead of the stored ones: an answer drifted from the documented shape. */
  const listedOverrides = new Map<string, Record<string, unknown>>();

  const authorize = (req: SandboxRequest) => {
    if (!apiKeys.includes(header(req, 'x-smarttoken') ?? '')) stop(401, 'Invalid or missing X-SmartToken');
  };
  const applicationOf = (jobId: string, candidateId: string) => applications.get(`${jobId}/${candidateId}`) ?? stop(404, `Candidate ${candidateId} has not applied to job ${jobId}`);

  const helpers = {
    addJob(seed: z.input<typeof JobSeed>): string {
      const s = JobSeed.parse(seed);
      const id = randomUUID();
      jobs.set(id, { id, title: s.title, department: label(s.department), typeOfEmployment: label(s.typeOfEmployment), location: { city: s.city ?? null, country: s.country ?? null, remote: false } });
      return id;
    },
    addCandidate(seed: z.input<typeof CandidateSeed>): string {
      const s = CandidateSeed.parse(seed);
      const id = randomUUID();
      const now = new Date().toISOString();
      candidates.set(id, { id, firstName: s.firstName, lastName: s.lastName, email: s.email ?? null, phoneNumber: s.phoneNumber ?? null, createdOn: now, updatedOn: now });
      return id;
    },
    apply(seed: z.input<typeof ApplySeed>): void {
      const s = ApplySeed.parse(seed);
      const candidate = candidates.get(s.candidateId);
      if (!jobs.has(s.jobId) || !candidate) return stop(404, 'No such job or candidate');
      const now = new Date().toISOString();
      applications.set(`${s.jobId}/${s.candidateId}`, { jobId: s.jobId, candidateId: s.candidateId, status: s.status, lastModified: now, offers: [] });
      candidate.updatedOn = now;
    },
    setStatus(jobId: string, candidateId: string, status: Status): void {
      const now = new Date().toISOString();
      Object.assign(applicationOf(jobId, candidateId), { status, lastModified: now });
      Object.assign(candidates.get(candidateId)!, { updatedOn: now });
    },
    addOffer(jobId: string, candidateId: string, seed: z.input<typeof OfferSeed> = {}): string {
      const s = OfferSeed.parse(seed);
      const offer = { id: randomUUID(), status: s.status, startDate: s.startDate ?? null, salary: s.salary ?? null };
      applicationOf(jobId, candidateId).offers.push(offer);
      return offer.id;
    },
    /** From now on the candidates list shows this candidate with these fields, unchecked; null shows it as stored again. */
    overrideListed(candidateId: string, fields: Record<string, unknown> | null): void {
      if (fields) listedOverrides.set(candidateId, fields);
      else listedOverrides.delete(candidateId);
    },
  };

  /** The candidate as the list shows it: each application an assignment, the first one primary. */
  function listed(candidate: SmartRecruitersCandidate) {
    const assignments = [...applications.values()]
      .filter((a) => a.candidateId === candidate.id)
      .map((a) => ({ job: { id: a.jobId, title: jobs.get(a.jobId)?.title ?? null }, status: a.status, lastModified: a.lastModified }));
    return { ...candidate, primaryAssignment: assignments[0] ?? null, secondaryAssignments: assignments.slice(1), ...listedOverrides.get(candidate.id) };
  }

  /** GET /candidates: candidates with an application in one of the statuses, updated after a time; `offset`/`limit` paging, `totalFound`. */
  function listCandidates(req: SandboxRequest) {
    authorize(req);
    const query = parseWith(ListQuery, { ...Object.fromEntries(req.query), status: req.query.getAll('status') }, invalid);
    const inStatus = (c: SmartRecruitersCandidate) =>
      query.status.length === 0 || [...applications.values()].some((a) => a.candidateId === c.id && query.status.includes(a.status));
    const matching = [...candidates.values()].filter((c) => inStatus(c) && (!query.updatedAfter || Date.parse(c.updatedOn) > Date.parse(query.updatedAfter)));
    return json(200, { offset: query.offset, limit: query.limit, totalFound: matching.length, content: matching.slice(query.offset, query.offset + query.limit).map(listed) });
  }

  return {
    helpers,
    definition: {
      name: 'SmartRecruiters',
      routes: [
        { method: 'GET', path: '/candidates', handle: listCandidates },
        {
          method: 'GET',
          path: '/jobs/:jobId/candidates/:candidateId/status',
          handle: (req) => {
            authorize(req);
            const application = applicationOf(req.params.jobId ?? '', req.params.candidateId ?? '');
            return json(200, { status: application.status, lastModified: application.lastModified });
          },
        },
        {
          method: 'GET',
          path: '/candidates/:id',
          handle: (req) => (authorize(req), json(200, candidates.get(req.params.id ?? '') ?? stop(404, `Candidate ${req.params.id} not found`))),
        },
        {
          method: 'GET',
          path: '/jobs/:id',
          handle: (req) => (authorize(req), json(200, jobs.get(req.params.id ?? '') ?? stop(404, `Job ${req.params.id} not found`))),
        },
        {
          method: 'GET',
          path: '/candidates/:candidateId/jobs/:jobId/offers',
          handle: (req) => {
            authorize(req);
            const { offers } = applicationOf(req.params.jobId ?? '', req.params.candidateId ?? '');
            return json(200, { totalFound: offers.length, content: offers });
          },
        },
      ],
      controls: [
        { method: 'POST', path: '/jobs', handle: (req) => json(201, { id: helpers.addJob(controlBody(req, JobSeed)) }) },
        { method: 'POST', path: '/candidates', handle: (req) => json(201, { id: helpers.addCandidate(controlBody(req, CandidateSeed)) }) },
        { method: 'POST', path: '/applications', handle: (req) => (helpers.apply(controlBody(req, ApplySeed)), json(201, { applied: true })) },
      ],
      error,
      snapshot: () => ({ jobs: [...jobs.values()], candidates: [...candidates.values()], applications: Object.fromEntries(applications) }),
      reset: () => {
        jobs.clear();
        candidates.clear();
        applications.clear();
        listedOverrides.clear();
      },
    },
  };
}

export const startSmartRecruiters = (options: SmartRecruitersOptions & StartOptions = {}) => startVendor(createSmartRecruiters(options), options);
export type SmartRecruitersHandle = Awaited<ReturnType<typeof startSmartRecruiters>>;
