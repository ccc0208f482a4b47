import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseWith } from './framework/body';
import { errorKit } from './framework/errors';
import { decodeCursor, encodeCursor, linkHeader, selfUrl } from './framework/links';
import { json } from './framework/reply';
import { header, type SandboxRequest } from './framework/request';
import { controlBody, startVendor, type Emulator, type StartOptions } from './server';

/** Facts docs/vendors/smartrecruiters.md leaves open, and the emulator's choice for each. */
export const SMARTRECRUITERS_UNCONFIRMED = {
  /** Error body shape. */
  errorBody: (status: number, message: string) => ({
    errors: [{ code: status === 401 ? 'UNAUTHORIZED' : status === 404 ? 'NOT_FOUND' : 'INVALID_REQUEST', message }],
  }),
} as const;

/** The Customer API's application statuses (docs/vendors/smartrecruiters.md "Statuses"). */
export const SMARTRECRUITERS_STATUSES = [
  'LEAD',
  'NEW',
  'IN_REVIEW',
  'INTERVIEW',
  'OFFERED',
  'HIRED',
  'REJECTED',
  'WITHDRAWN',
  'TRANSFERRED',
] as const;
type Status = (typeof SMARTRECRUITERS_STATUSES)[number];

/** GET /candidates: 10 a page unless `limit` says otherwise, at most 100. */
export const SMARTRECRUITERS_LIST_LIMIT = { default: 10, max: 100 } as const;

/**
 * The emulated account's offer properties (GET /configuration/offer-properties). Accounts define their
 * own, so these keys are the sandbox account's choice, not SmartRecruiters'.
 */
export const SMARTRECRUITERS_SANDBOX_OFFER_PROPERTIES = [
  {
    id: 'compensation',
    properties: [
      { key: 'base_salary', label: 'Base salary', required: true, type: 'CURRENCY' },
      { key: 'pay_frequency', label: 'Pay frequency', required: false, type: 'SINGLE_SELECT' },
    ],
  },
  { id: 'details', properties: [{ key: 'start_date', label: 'Start date', required: true, type: 'DATE' }] },
];

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
  /** Moves with the candidate's applications: what the search's `updatedAfter` filters on. */
  updatedOn: string;
}

/** An offer as GET …/offers lists it: the terms are in the account's `properties`. */
export interface SmartRecruitersOffer {
  id: string;
  status: string;
  createdOn: string;
  updatedOn: string;
  properties: Record<string, unknown>;
}

interface Application {
  jobId: string;
  candidateId: string;
  status: Status;
  startsOn: string | null;
  history: Array<{ changedOn: string; status: Status }>;
  offers: SmartRecruitersOffer[];
}

export interface SmartRecruitersOptions {
  /** API keys accepted in `X-SmartToken`. */
  apiKeys?: readonly string[];
}

export const SMARTRECRUITERS_DEFAULTS = { apiKeys: ['sandbox-smartrecruiters-key'] };

const JobSeed = z.object({
  title: z.string().min(1),
  department: z.string().min(1).optional(),
  typeOfEmployment: z.string().min(1).optional(),
  city: z.string().min(1).optional(),
  country: z.string().min(1).optional(),
});
const CandidateSeed = z.object({
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  email: z.string().min(1).optional(),
  phoneNumber: z.string().min(1).optional(),
});
const ApplySeed = z.object({
  candidateId: z.string().min(1),
  jobId: z.string().min(1),
  status: z.enum(SMARTRECRUITERS_STATUSES).default('NEW'),
  startsOn: z.iso.datetime({ offset: true }).optional(),
});
const OfferSeed = z.object({
  status: z.string().min(1).default('ACCEPTED'),
  properties: z.record(z.string(), z.unknown()).default({}),
});

const SearchQuery = z
  .object({
    q: z.string().optional(),
    status: z.array(z.enum(SMARTRECRUITERS_STATUSES)),
    jobId: z.array(z.string().min(1)),
    updatedAfter: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(SMARTRECRUITERS_LIST_LIMIT.max)
      .default(SMARTRECRUITERS_LIST_LIMIT.default),
    pageId: z.string().min(1).optional(),
  })
  .strict();

const { error, stop, invalid } = errorKit((status, message, headers) =>
  json(status, SMARTRECRUITERS_UNCONFIRMED.errorBody(status, message), headers),
);
const label = (text: string | undefined) =>
  text ? { id: text.toLowerCase().replace(/\W+/g, '-'), label: text } : null;

/**
 * SmartRecruiters' Customer API as a thin notification and the reconciliation poll read it
 * (docs/vendors/smartrecruiters.md): the candidate with its assignments, the job, the candidate's offers
 * for the job, the status history, the account's offer properties and the candidates search paged by
 * `pageId`, authorised by `X-SmartToken`. There is no `GET /jobs/{jobId}/candidates/{id}/status`: like
 * any route SmartRecruiters does not serve, it answers 404.
 */
export function createSmartRecruiters(options: SmartRecruitersOptions = {}): Emulator<{
  addJob(seed: z.input<typeof JobSeed>): string;
  addCandidate(seed: z.input<typeof CandidateSeed>): string;
  apply(seed: z.input<typeof ApplySeed>): void;
  setStatus(jobId: string, candidateId: string, status: Status, startsOn?: string): void;
  addOffer(jobId: string, candidateId: string, seed?: z.input<typeof OfferSeed>): string;
  overrideListed(candidateId: string, fields: Record<string, unknown> | null): void;
}> {
  const apiKeys = options.apiKeys ?? SMARTRECRUITERS_DEFAULTS.apiKeys;
  const jobs = new Map<string, SmartRecruitersJob>();
  const candidates = new Map<string, SmartRecruitersCandidate>();
  /** Keyed `${jobId}/${candidateId}`, in the order the candidate applied: one application per candidate and job. */
  const applications = new Map<string, Application>();
  /** Fields the search shows instead of the stored ones: an answer drifted from the documented shape. */
  const listedOverrides = new Map<string, Record<string, unknown>>();

  const authorize = (req: SandboxRequest) => {
    if (!apiKeys.includes(header(req, 'x-smarttoken') ?? '')) stop(401, 'Invalid or missing X-SmartToken');
  };
  const applicationOf = (jobId: string, candidateId: string) =>
    applications.get(`${jobId}/${candidateId}`) ??
    stop(404, `Candidate ${candidateId} has not applied to job ${jobId}`);
  const applicationsOf = (candidateId: string) =>
    [...applications.values()].filter((a) => a.candidateId === candidateId);
  const candidateOf = (req: SandboxRequest) =>
    candidates.get(req.params.id ?? '') ?? stop(404, `Candidate ${req.params.id} not found`);

  const helpers = {
    addJob(seed: z.input<typeof JobSeed>): string {
      const s = JobSeed.parse(seed);
      const id = randomUUID();
      jobs.set(id, {
        id,
        title: s.title,
        department: label(s.department),
        typeOfEmployment: label(s.typeOfEmployment),
        location: { city: s.city ?? null, country: s.country ?? null, remote: false },
      });
      return id;
    },
    addCandidate(seed: z.input<typeof CandidateSeed>): string {
      const s = CandidateSeed.parse(seed);
      const id = randomUUID();
      const now = new Date().toISOString();
      candidates.set(id, {
        id,
        firstName: s.firstName,
        lastName: s.lastName,
        email: s.email ?? null,
        phoneNumber: s.phoneNumber ?? null,
        createdOn: now,
        updatedOn: now,
      });
      return id;
    },
    apply(seed: z.input<typeof ApplySeed>): void {
      const s = ApplySeed.parse(seed);
      const candidate = candidates.get(s.candidateId);
      if (!jobs.has(s.jobId) || !candidate) return stop(404, 'No such job or candidate');
      const now = new Date().toISOString();
      applications.set(`${s.jobId}/${s.candidateId}`, {
        jobId: s.jobId,
        candidateId: s.candidateId,
        status: s.status,
        startsOn: s.startsOn ?? null,
        history: [{ changedOn: now, status: s.status }],
        offers: [],
      });
      candidate.updatedOn = now;
    },
    /** As PUT /candidates/{id}/jobs/{jobId}/status would: the new status, and for HIRED the start it was given. */
    setStatus(jobId: string, candidateId: string, status: Status, startsOn?: string): void {
      const now = new Date().toISOString();
      const application = applicationOf(jobId, candidateId);
      Object.assign(application, { status, ...(startsOn ? { startsOn } : {}) });
      application.history.push({ changedOn: now, status });
      Object.assign(candidates.get(candidateId)!, { updatedOn: now });
    },
    addOffer(jobId: string, candidateId: string, seed: z.input<typeof OfferSeed> = {}): string {
      const s = OfferSeed.parse(seed);
      const now = new Date().toISOString();
      const offer = { id: randomUUID(), status: s.status, createdOn: now, updatedOn: now, properties: s.properties };
      applicationOf(jobId, candidateId).offers.push(offer);
      return offer.id;
    },
    /** From now on the search shows this candidate with these fields, unchecked; null shows it as stored again. */
    overrideListed(candidateId: string, fields: Record<string, unknown> | null): void {
      if (fields) listedOverrides.set(candidateId, fields);
      else listedOverrides.delete(candidateId);
    },
  };

  const jobRef = (jobId: string) => ({ id: jobId, title: jobs.get(jobId)?.title ?? null });

  /** GET /candidates/{id}: every assignment with its status and, once hired, its `startsOn`. */
  function details(candidate: SmartRecruitersCandidate) {
    const assignments = applicationsOf(candidate.id).map((a) => ({
      job: jobRef(a.jobId),
      status: a.status,
      ...(a.startsOn ? { startsOn: a.startsOn } : {}),
    }));
    return { ...candidate, primaryAssignment: assignments[0] ?? null, secondaryAssignments: assignments.slice(1) };
  }

  /** A search result: the primary assignment with its status, the secondary ones naming their job only. */
  function listed(candidate: SmartRecruitersCandidate) {
    const [primary, ...secondary] = applicationsOf(candidate.id);
    return {
      ...candidate,
      primaryAssignment: primary ? { job: jobRef(primary.jobId), status: primary.status } : null,
      secondaryAssignments: secondary.map((a) => ({ job: { id: a.jobId } })),
      ...listedOverrides.get(candidate.id),
    };
  }

  /** GET /candidates: filtered, `limit` at a time; the next page by the `nextPageId` (also in `Link` rel=next). */
  function search(req: SandboxRequest) {
    authorize(req);
    const query = parseWith(
      SearchQuery,
      { ...Object.fromEntries(req.query), status: req.query.getAll('status'), jobId: req.query.getAll('jobId') },
      invalid,
    );
    const from = query.pageId === undefined ? 0 : decodeCursor(query.pageId);
    if (typeof from !== 'number') return stop(400, 'pageId is not a page of this search');
    const matches = (c: SmartRecruitersCandidate) =>
      applicationsOf(c.id).some(
        (a) =>
          (query.status.length === 0 || query.status.includes(a.status)) &&
          (query.jobId.length === 0 || query.jobId.includes(a.jobId)),
      ) &&
      (!query.updatedAfter || Date.parse(c.updatedOn) > Date.parse(query.updatedAfter)) &&
      (!query.q || `${c.firstName} ${c.lastName} ${c.email ?? ''}`.toLowerCase().includes(query.q.toLowerCase()));
    const matching = [...candidates.values()].filter(matches);
    const end = from + query.limit;
    const nextPageId = end < matching.length ? encodeCursor(end) : undefined;
    const next = nextPageId
      ? selfUrl(req, req.path, { ...Object.fromEntries(req.query), pageId: nextPageId })
      : undefined;
    return json(
      200,
      {
        limit: query.limit,
        totalFound: matching.length,
        ...(nextPageId ? { nextPageId } : {}),
        content: matching.slice(from, end).map(listed),
      },
      next ? { Link: linkHeader({ next }) } : {},
    );
  }

  return {
    helpers,
    definition: {
      name: 'SmartRecruiters',
      routes: [
        { method: 'GET', path: '/candidates', handle: search },
        {
          method: 'GET',
          path: '/candidates/:id',
          handle: (req) => (authorize(req), json(200, details(candidateOf(req)))),
        },
        {
          method: 'GET',
          path: '/candidates/:id/status/history',
          handle: (req) => {
            authorize(req);
            // Its elements name no job; the emulator lists the primary assignment's changes [unconfirmed].
            const primary = applicationsOf(candidateOf(req).id)[0];
            const content = (primary?.history ?? []).map((h) => ({ changedOn: h.changedOn, status: h.status }));
            return json(200, { totalFound: content.length, content });
          },
        },
        {
          method: 'GET',
          path: '/jobs/:id',
          handle: (req) => (
            authorize(req),
            json(200, jobs.get(req.params.id ?? '') ?? stop(404, `Job ${req.params.id} not found`))
          ),
        },
        {
          method: 'GET',
          path: '/candidates/:candidateId/jobs/:jobId/offers',
          handle: (req) => {
            authorize(req);
            const { offers, candidateId, jobId } = applicationOf(req.params.jobId ?? '', req.params.candidateId ?? '');
            const base = selfUrl(req, '/');
            const actions = (o: SmartRecruitersOffer) => ({
              candidate: { url: `${base}candidates/${candidateId}`, method: 'GET' },
              job: { url: `${base}jobs/${jobId}`, method: 'GET' },
              details: { url: `${base}candidates/${candidateId}/jobs/${jobId}/offers/${o.id}`, method: 'GET' },
            });
            return json(200, {
              totalFound: offers.length,
              content: offers.map((o) => ({ ...o, actions: actions(o) })),
            });
          },
        },
        {
          method: 'GET',
          path: '/configuration/offer-properties',
          handle: (req) => (authorize(req), json(200, { categories: SMARTRECRUITERS_SANDBOX_OFFER_PROPERTIES })),
        },
      ],
      controls: [
        {
          method: 'POST',
          path: '/jobs',
          handle: (req) => json(201, { id: helpers.addJob(controlBody(req, JobSeed)) }),
        },
        {
          method: 'POST',
          path: '/candidates',
          handle: (req) => json(201, { id: helpers.addCandidate(controlBody(req, CandidateSeed)) }),
        },
        {
          method: 'POST',
          path: '/applications',
          handle: (req) => (helpers.apply(controlBody(req, ApplySeed)), json(201, { applied: true })),
        },
      ],
      error,
      snapshot: () => ({
        jobs: [...jobs.values()],
        candidates: [...candidates.values()],
        applications: Object.fromEntries(applications),
      }),
      reset: () => {
        jobs.clear();
        candidates.clear();
        applications.clear();
        listedOverrides.clear();
      },
    },
  };
}

export const startSmartRecruiters = (options: SmartRecruitersOptions & StartOptions = {}) =>
  startVendor(createSmartRecruiters(options), options);
export type SmartRecruitersHandle = Awaited<ReturnType<typeof startSmartRecruiters>>;
