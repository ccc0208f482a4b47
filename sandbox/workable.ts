import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseWith } from './framework/body';
import { errorKit } from './framework/errors';
import { selfUrl } from './framework/links';
import { json } from './framework/reply';
import { bearerToken, type SandboxRequest } from './framework/request';
import { controlBody, startVendor, type Emulator, type StartOptions } from './server';

/** Facts docs/vendors/workable.md leaves open, and the emulator's choice for each. */
export const WORKABLE_UNCONFIRMED = {
  /** Error body shape (the reference's examples show `{ "error": "Not authorized" }`). */
  errorBody: (message: string) => ({ error: message }),
  /** A stage's slug from its name. */
  stageSlug: (stage: string) => stage.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
} as const;

/** GET /candidates: 50 a page unless `limit` says otherwise, at most 100 (docs/vendors/workable.md "Candidates list"). */
export const WORKABLE_LIST_LIMIT = { default: 50, max: 100 } as const;

/**
 * The emulated account's own offer variables: accounts name them, so these are the sandbox account's
 * choice, not Workable's. Only a salary-type variable carries `value.data`.
 */
export const WORKABLE_SANDBOX_OFFER = {
  startDate: { slug: 'start_date', name: 'Start Date' },
  salary: { slug: 'salary', name: 'Salary' },
} as const;

/** 10 requests per 10 s for an account token; a 429 says when the window resets (docs/vendors/workable.md "Rate limits"). */
export const WORKABLE_RATE_LIMIT = { limit: 10 } as const;

export interface WorkableJob {
  shortcode: string;
  title: string;
  department: string | null;
  employment_type: string | null;
  state: 'published' | 'closed' | 'draft' | 'archived';
  location: { city: string | null; country: string | null; country_code: string | null; telecommuting: boolean };
}

export interface WorkableCandidate {
  id: string;
  firstname: string;
  lastname: string;
  email: string | null;
  phone: string | null;
  stage: string;
  job: { shortcode: string; title: string };
  created_at: string;
  updated_at: string;
}

export interface WorkableOptions {
  /** Account tokens (or OAuth access tokens) accepted as `Authorization: Bearer`. */
  tokens?: readonly string[];
  subdomain?: string;
}

export const WORKABLE_DEFAULTS = { tokens: ['sandbox-workable-token'], subdomain: 'groove-tech' };

const JobSeed = z.object({
  shortcode: z.string().min(1).optional(),
  title: z.string().min(1),
  department: z.string().min(1).optional(),
  employmentType: z.string().min(1).optional(),
  city: z.string().min(1).optional(),
  country: z.string().min(1).optional(),
});
const CandidateSeed = z.object({
  id: z.string().min(1).optional(),
  firstname: z.string().min(1),
  lastname: z.string().min(1),
  email: z.string().min(1).optional(),
  phone: z.string().min(1).optional(),
  jobShortcode: z.string().min(1),
  stage: z.string().min(1).default('Hired'),
});
const OfferSeed = z.object({
  state: z.string().min(1).default('accepted'),
  startDate: z.string().min(1).optional(),
  salary: z
    .object({ amount: z.number(), currency: z.string().length(3), frequency: z.string().min(1).optional() })
    .optional(),
  /** More of the account's variables, as text. */
  variables: z.array(z.object({ slug: z.string().min(1), name: z.string().min(1), body: z.string() })).default([]),
});

/** A document variable as GET /candidates/:id/offer lists it (docs/vendors/workable.md "Offer"). */
type OfferVariable = {
  document_variable: { name: string; slug: string };
  value:
    { body: string } | { data: { amount: number; frequency?: string; currency_iso: string; cached_value: string } };
};
interface StoredOffer {
  state: string;
  created_at: string;
  document_variables: OfferVariable[];
}

const ListQuery = z
  .object({
    stage: z.string().min(1).optional(),
    updated_after: z.iso.datetime({ offset: true }).optional(),
    created_after: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(WORKABLE_LIST_LIMIT.max).default(WORKABLE_LIST_LIMIT.default),
    since_id: z.string().min(1).optional(),
    max_id: z.string().min(1).optional(),
    shortcode: z.string().min(1).optional(),
    email: z.string().min(1).optional(),
  })
  .strict();

const { error, stop, invalid } = errorKit((status, message, headers) =>
  json(status, WORKABLE_UNCONFIRMED.errorBody(message), headers),
);

/**
 * Workable's SPI v3 (docs/vendors/workable.md) as the trigger reads it for a `candidate_moved` hire: the
 * job by shortcode and the candidate's latest offer with its document variables, Bearer-authorised,
 * under `/spi/v3` of the account's host; and the candidates list its reconciliation poll pages through.
 */
export function createWorkable(options: WorkableOptions = {}): Emulator<{
  addJob(seed: z.input<typeof JobSeed>): string;
  addCandidate(seed: z.input<typeof CandidateSeed>): string;
  setOffer(candidateId: string, seed: z.input<typeof OfferSeed>): void;
  candidate(id: string): WorkableCandidate | undefined;
  overrideListed(id: string, fields: Record<string, unknown> | null): void;
}> {
  const tokens = options.tokens ?? WORKABLE_DEFAULTS.tokens;
  const subdomain = options.subdomain ?? WORKABLE_DEFAULTS.subdomain;
  const jobs = new Map<string, WorkableJob>();
  const candidates = new Map<string, WorkableCandidate>();
  const offers = new Map<string, StoredOffer>();
  /** Fields the candidates list shows instead of the stored ones: an answer drifted from the documented shape. */
  const listedOverrides = new Map<string, Record<string, unknown>>();

  const authorize = (req: SandboxRequest) => {
    if (!tokens.includes(bearerToken(req) ?? '')) stop(401, 'Not authorized');
  };
  const candidateOf = (req: SandboxRequest) => candidates.get(req.params.id ?? '') ?? stop(404, 'Not found');

  const helpers = {
    addJob(seed: z.input<typeof JobSeed>): string {
      const s = JobSeed.parse(seed);
      const shortcode = s.shortcode ?? randomBytes(4).toString('hex').toUpperCase();
      jobs.set(shortcode, {
        shortcode,
        title: s.title,
        department: s.department ?? null,
        employment_type: s.employmentType ?? null,
        state: 'published',
        location: { city: s.city ?? null, country: s.country ?? null, country_code: null, telecommuting: false },
      });
      return shortcode;
    },
    addCandidate(seed: z.input<typeof CandidateSeed>): string {
      const s = CandidateSeed.parse(seed);
      const job = jobs.get(s.jobShortcode) ?? stop(404, `Job ${s.jobShortcode} not found`);
      const id = s.id ?? randomBytes(4).toString('hex');
      const now = new Date().toISOString();
      candidates.set(id, {
        id,
        firstname: s.firstname,
        lastname: s.lastname,
        email: s.email ?? null,
        phone: s.phone ?? null,
        stage: s.stage,
        job: { shortcode: job.shortcode, title: job.title },
        created_at: now,
        updated_at: now,
      });
      return id;
    },
    setOffer(candidateId: string, seed: z.input<typeof OfferSeed>): void {
      if (!candidates.has(candidateId)) stop(404, `Candidate ${candidateId} not found`);
      const s = OfferSeed.parse(seed);
      const v = WORKABLE_SANDBOX_OFFER;
      const text = (slug: string, name: string, body: string): OfferVariable => ({
        document_variable: { name, slug },
        value: { body },
      });
      const variables: OfferVariable[] = [
        ...(s.startDate ? [text(v.startDate.slug, v.startDate.name, s.startDate)] : []),
        ...(s.salary
          ? [
              {
                document_variable: { name: v.salary.name, slug: v.salary.slug },
                value: {
                  data: {
                    amount: s.salary.amount,
                    ...(s.salary.frequency ? { frequency: s.salary.frequency } : {}),
                    currency_iso: s.salary.currency,
                    cached_value: `${s.salary.currency} ${s.salary.amount}${s.salary.frequency ? ` per ${s.salary.frequency}` : ''}`,
                  },
                },
              },
            ]
          : []),
        ...s.variables.map((x) => text(x.slug, x.name, x.body)),
      ];
      offers.set(candidateId, { state: s.state, created_at: new Date().toISOString(), document_variables: variables });
    },
    candidate: (id: string) => candidates.get(id),
    /** From now on the candidates list shows this candidate with these fields, unchecked; null shows it as stored again. */
    overrideListed(id: string, fields: Record<string, unknown> | null): void {
      if (fields) listedOverrides.set(id, fields);
      else listedOverrides.delete(id);
    },
  };

  /** SPI v3 GET /candidates (§3.2): filtered, `limit` at a time, `paging.next` present while more remain. */
  function listCandidates(req: SandboxRequest) {
    authorize(req);
    const query = parseWith(ListQuery, Object.fromEntries(req.query), invalid);
    const after = (iso: string | undefined, at: string) => iso === undefined || Date.parse(at) > Date.parse(iso);
    const all = [...candidates.values()];
    const from = query.since_id === undefined ? 0 : all.findIndex((c) => c.id === query.since_id);
    if (from < 0) stop(400, `since_id ${query.since_id} is not a candidate`);
    const to = query.max_id === undefined ? all.length : all.findIndex((c) => c.id === query.max_id) + 1;
    const matching = all
      .slice(from, to)
      .filter(
        (c) =>
          (query.stage === undefined || WORKABLE_UNCONFIRMED.stageSlug(c.stage) === query.stage) &&
          after(query.updated_after, c.updated_at) &&
          after(query.created_after, c.created_at),
      )
      .filter(
        (c) =>
          (query.shortcode === undefined || c.job.shortcode === query.shortcode) &&
          (query.email === undefined || c.email === query.email),
      );
    const page = matching.slice(0, query.limit);
    const next = matching[query.limit];
    return json(200, {
      candidates: page.map((c) => ({ ...c, account: { subdomain }, ...listedOverrides.get(c.id) })),
      ...(next
        ? { paging: { next: selfUrl(req, req.path, { ...Object.fromEntries(req.query), since_id: next.id }) } }
        : {}),
    });
  }

  return {
    helpers,
    definition: {
      name: 'Workable',
      routes: [
        {
          method: 'GET',
          path: '/spi/v3/jobs/:shortcode',
          handle: (req) => (authorize(req), json(200, jobs.get(req.params.shortcode ?? '') ?? stop(404, 'Not found'))),
        },
        { method: 'GET', path: '/spi/v3/candidates', handle: listCandidates },
        {
          method: 'GET',
          path: '/spi/v3/candidates/:id',
          handle: (req) => (authorize(req), json(200, { candidate: { ...candidateOf(req), account: { subdomain } } })),
        },
        {
          method: 'GET',
          path: '/spi/v3/candidates/:id/offer',
          handle: (req) => {
            authorize(req);
            const candidate = candidateOf(req);
            const offer = offers.get(candidate.id) ?? stop(404, 'Not found');
            return json(200, {
              candidate: { id: candidate.id, name: `${candidate.firstname} ${candidate.lastname}` },
              ...offer,
              documents: [],
            });
          },
        },
      ],
      controls: [
        {
          method: 'POST',
          path: '/jobs',
          handle: (req) => json(201, { shortcode: helpers.addJob(controlBody(req, JobSeed)) }),
        },
        {
          method: 'POST',
          path: '/candidates',
          handle: (req) => json(201, { id: helpers.addCandidate(controlBody(req, CandidateSeed)) }),
        },
      ],
      error,
      throttled: (seconds) =>
        json(429, WORKABLE_UNCONFIRMED.errorBody('Too Many Requests'), {
          'X-Rate-Limit-Limit': String(WORKABLE_RATE_LIMIT.limit),
          'X-Rate-Limit-Remaining': '0',
          'X-Rate-Limit-Reset': String(Math.ceil(Date.now() / 1000) + seconds),
        }),
      snapshot: () => ({
        subdomain,
        jobs: [...jobs.values()],
        candidates: [...candidates.values()],
        offers: Object.fromEntries(offers),
      }),
      reset: () => {
        jobs.clear();
        candidates.clear();
        offers.clear();
        listedOverrides.clear();
      },
    },
  };
}

export const startWorkable = (options: WorkableOptions & StartOptions = {}) =>
  startVendor(createWorkable(options), options);
export type WorkableHandle = Awaited<ReturnType<typeof startWorkable>>;
