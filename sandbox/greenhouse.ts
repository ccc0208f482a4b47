import { z } from 'zod';
import { jsonBody, parseWith, problemsOf, type Problem } from './framework/body';
import { errorKit } from './framework/errors';
import { sequence } from './framework/formats';
import { decodeCursor, encodeCursor, linkHeader, selfUrl } from './framework/links';
import { clientCredentialsRequest, expireTokensControl, tokenReply, type OAuthClient } from './framework/oauth';
import { json, refuse, type Reply } from './framework/reply';
import { bearerToken, type SandboxRequest } from './framework/request';
import type { Route } from './framework/routes';
import { TokenIssuer } from './framework/tokens';
import {
  applicationJson,
  candidateJson,
  CUSTOM_FIELD_VALUE,
  DateFilter,
  hireRecords,
  HireSeedBody,
  IdList,
  jobJson,
  matchesDate,
  offerJson,
  type GreenhouseApplication,
  type GreenhouseCandidate,
  type GreenhouseCustomField,
  type GreenhouseJob,
  type GreenhouseOffer,
  type HireSeed,
} from './greenhouseRecords';
import { controlBody, startVendor, type Emulator, type StartOptions } from './server';

export type { HireSeed } from './greenhouseRecords';

/**
 * Harvest v3 as Greenhouse documents it (docs/vendors/greenhouse.md): the OAuth token endpoint, list
 * routes with operator filters and cursor links, the candidate update, anonymise and delete. Facts the
 * documents leave open, and the emulator's choice for each:
 */
export const GREENHOUSE_UNCONFIRMED = {
  /** Lifetime of a client-credentials token (only partner tokens are documented, at 1 h). */
  tokenTtlSeconds: 3600,
  /** "Do not use any other parameters" with a cursor; the refusal's status is not documented. */
  cursorWithOtherParamsStatus: 400,
  /** What a retired v1/v2 route answers is not documented. */
  retiredStatus: 410,
  /** The rate-limit numbers were not retrieved; the emulator announces this many requests per 10 s. */
  rateLimitPer10Seconds: 50,
} as const;

/** Candidate update parameters; `custom_fields` entries name a field by id or `name_key`. */
const CustomFieldWrite = z
  .object({
    id: z.number().int().optional(),
    name_key: z.string().optional(),
    value: z.unknown().optional(),
    delete_value: z.literal('true').optional(),
  })
  .strict()
  .refine((f) => (f.id === undefined) !== (f.name_key === undefined), 'give exactly one of id or name_key')
  .refine(
    (f) => (f.value === undefined) !== (f.delete_value === undefined),
    'give either value or delete_value: "true"',
  );
const CandidatePatch = z
  .object({
    first_name: z.string().min(1).optional(),
    last_name: z.string().min(1).optional(),
    company: z.string().optional(),
    title: z.string().optional(),
    phone_numbers: z.array(z.unknown()).optional(),
    addresses: z.array(z.unknown()).optional(),
    email_addresses: z.array(z.unknown()).optional(),
    website_addresses: z.array(z.unknown()).optional(),
    social_media_addresses: z.array(z.unknown()).optional(),
    recruiter_id: z.number().int().optional(),
    coordinator_id: z.number().int().optional(),
    custom_fields: z.array(CustomFieldWrite).optional(),
  })
  .strict();
const AnonymizeBody = z.object({ fields: z.array(z.string().min(1)).min(1) }).strict();

export interface GreenhouseOptions {
  /** Harvest v3 client-credentials clients. */
  oauthClients?: readonly OAuthClient[];
  /** Greenhouse user ids a token may act as (`sub`); the first is the credentials' service user. */
  userIds?: readonly number[];
  /** The account's candidate and offer custom fields. */
  customFields?: readonly GreenhouseCustomField[];
  tokenTtlSeconds?: number;
}

export const GREENHOUSE_DEFAULTS = {
  oauthClients: [{ clientId: 'sandbox-greenhouse-client', clientSecret: 'sandbox-greenhouse-secret' }],
  userIds: [4080, 158104],
  customFields: [
    {
      id: 11111,
      name_key: 'employee_id',
      name: 'Employee ID',
      field_type: 'candidate',
      value_type: 'short_text',
      active: true,
    },
    {
      id: 11112,
      name_key: 'background_check',
      name: 'Background check',
      field_type: 'candidate',
      value_type: 'short_text',
      active: true,
    },
    { id: 22221, name_key: 'salary', name: 'Salary', field_type: 'offer', value_type: 'currency', active: true },
    {
      id: 22222,
      name_key: 'pay_frequency',
      name: 'Pay frequency',
      field_type: 'offer',
      value_type: 'single_select',
      active: true,
    },
    { id: 22223, name_key: 'old_bonus', name: 'Old bonus', field_type: 'offer', value_type: 'currency', active: false },
  ],
} as const satisfies Required<Omit<GreenhouseOptions, 'tokenTtlSeconds'>>;

const { error, stop } = errorKit((status, message, headers) => json(status, { message }, headers));
/** Validation errors are 422 `{ message, errors: [{ message, field }] }`. */
const invalid = (problems: Problem[]): Reply =>
  json(422, { message: 'Validation error', errors: problems.map((p) => ({ message: p.message, field: p.field })) });

const perPage = z.coerce.number().int().min(1).max(500).default(100);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const ListBase = z
  .object({
    per_page: perPage,
    ids: IdList.optional(),
    created_at: DateFilter.optional(),
    updated_at: DateFilter.optional(),
  })
  .strict();

/** The v1/v2 routes the package called before v3, answering as a retired API. */
const RETIRED: Array<{ method: Route['method']; path: string }> = [
  { method: 'GET', path: '/v1/applications' },
  { method: 'GET', path: '/v1/applications/:id/offers/current_offer' },
  { method: 'GET', path: '/v1/candidates/:id' },
  { method: 'PATCH', path: '/v1/candidates/:id' },
  { method: 'DELETE', path: '/v1/candidates/:id' },
  { method: 'PUT', path: '/v1/candidates/:id/anonymize' },
  { method: 'GET', path: '/v1/jobs/:id' },
];

export function createGreenhouse(options: GreenhouseOptions = {}): Emulator<{
  addHire(seed?: HireSeed): { candidateId: number; applicationId: number; offerId: number; jobId: number };
  candidate(id: number): GreenhouseCandidate | undefined;
  tokens: TokenIssuer<{ userId: number }>;
}> {
  const clients = options.oauthClients ?? GREENHOUSE_DEFAULTS.oauthClients;
  const userIds: readonly number[] = options.userIds ?? GREENHOUSE_DEFAULTS.userIds;
  const fields: readonly GreenhouseCustomField[] = options.customFields ?? GREENHOUSE_DEFAULTS.customFields;
  const candidateFields = fields.filter((f) => f.field_type === 'candidate');
  const tokens = new TokenIssuer<{ userId: number }>(options.tokenTtlSeconds ?? GREENHOUSE_UNCONFIRMED.tokenTtlSeconds);
  const candidateIds = sequence(35897443);
  const applicationIds = sequence(46194062);
  const jobIds = sequence(323753);
  const offerIds = sequence(506409);
  const candidates = new Map<number, GreenhouseCandidate>();
  const applications = new Map<number, GreenhouseApplication>();
  const jobs = new Map<number, GreenhouseJob>();
  const offers = new Map<number, GreenhouseOffer>();

  const bearerAuth = (req: SandboxRequest) => {
    const checked = tokens.check(bearerToken(req));
    return checked.status === 'valid'
      ? checked.grant
      : stop(401, checked.status === 'expired' ? 'Access token expired' : 'Invalid access token');
  };
  const findCandidate = (req: SandboxRequest) =>
    candidates.get(Number(req.params.id)) ?? stop(404, 'Resource not found');

  /**
   * One v3 list: the first request's filters are parsed and kept in the cursor; a cursor request must
   * carry no other parameter. Pages are `per_page` rows with a `next` link only while rows remain.
   */
  function list<F extends z.ZodType<{ per_page: number }>, T>(filters: F, rows: (f: z.output<F>) => T[]) {
    return (req: SandboxRequest): Reply => {
      bearerAuth(req);
      const cursor = req.query.get('cursor');
      let position: { offset: number; query: Record<string, string> };
      if (cursor === null) {
        position = { offset: 0, query: Object.fromEntries(req.query) };
      } else {
        if ([...req.query.keys()].length > 1)
          stop(GREENHOUSE_UNCONFIRMED.cursorWithOtherParamsStatus, 'cursor must be the only query parameter');
        position = (decodeCursor(cursor) as typeof position | undefined) ?? stop(400, 'Invalid cursor');
      }
      const parsed = filters.safeParse(position.query);
      if (!parsed.success) return invalid(problemsOf(parsed.error));
      const all = rows(parsed.data);
      const end = position.offset + parsed.data.per_page;
      const next =
        end < all.length ? selfUrl(req, req.path, { cursor: encodeCursor({ ...position, offset: end }) }) : undefined;
      return json(200, all.slice(position.offset, end), next ? { Link: linkHeader({ next }) } : {});
    };
  }
  const inIds = (id: number, ids: number[] | undefined) => !ids || ids.includes(id);
  const byId = <T extends { id: number }>(map: Map<number, T>) => [...map.values()].sort((a, b) => a.id - b.id);

  const listApplications = list(
    ListBase.extend({
      candidate_ids: IdList.optional(),
      job_ids: IdList.optional(),
      status: z.enum(['rejected', 'paused', 'completed', 'unvisited', 'hired', 'converted', 'active']).optional(),
      last_activity_at: DateFilter.optional(),
    }),
    (f) =>
      byId(applications)
        .filter(
          (a) =>
            inIds(a.id, f.ids) &&
            inIds(a.candidate_id, f.candidate_ids) &&
            inIds(a.job_id, f.job_ids) &&
            (!f.status || a.status === f.status),
        )
        .filter(
          (a) =>
            matchesDate(a.created_at, f.created_at) &&
            matchesDate(a.updated_at, f.updated_at) &&
            matchesDate(a.last_activity_at, f.last_activity_at),
        )
        .map(applicationJson),
  );
  const listCandidates = list(ListBase, (f) =>
    byId(candidates)
      .filter(
        (c) => inIds(c.id, f.ids) && matchesDate(c.created_at, f.created_at) && matchesDate(c.updated_at, f.updated_at),
      )
      .map((c) => candidateJson(c, fields)),
  );
  const listJobs = list(ListBase, (f) =>
    byId(jobs)
      .filter((j) => inIds(j.id, f.ids))
      .map(jobJson),
  );
  const listOffers = list(
    ListBase.extend({
      application_ids: IdList.optional(),
      candidate_ids: IdList.optional(),
      job_ids: IdList.optional(),
      status: z.enum(['Created', 'Accepted', 'Rejected', 'Deprecated']).optional(),
      current_only: bool.optional(),
    }),
    (f) =>
      byId(offers)
        .filter(
          (o) =>
            inIds(o.id, f.ids) &&
            inIds(o.application_id, f.application_ids) &&
            inIds(o.candidate_id, f.candidate_ids) &&
            inIds(o.job_id, f.job_ids),
        )
        .filter((o) => (!f.status || o.status === f.status) && (!f.current_only || o.status !== 'Deprecated'))
        .map(offerJson),
  );
  const listCustomFields = list(
    ListBase.extend({ field_type: z.string().optional(), active: bool.optional(), name_key: z.string().optional() }),
    (f) =>
      [...fields]
        .filter(
          (c) =>
            inIds(c.id, f.ids) &&
            (!f.field_type || c.field_type === f.field_type) &&
            (f.active === undefined || c.active === f.active),
        )
        .filter((c) => !f.name_key || c.name_key === f.name_key),
  );

  function patchCandidate(req: SandboxRequest): Reply {
    bearerAuth(req);
    const candidate = findCandidate(req);
    const patch = parseWith(CandidatePatch, jsonBody(req, invalid), invalid);
    const writes = (patch.custom_fields ?? []).map((write, i) => {
      const field = candidateFields.find((f) => f.id === write.id || f.name_key === write.name_key);
      if (!field) return refuse(invalid([{ field: `custom_fields[${i}]`, message: 'Custom field not found' }]));
      const value = write.delete_value ? null : CUSTOM_FIELD_VALUE[field.value_type].safeParse(write.value);
      if (value && !value.success)
        refuse(invalid([{ field: `custom_fields[${i}].value`, message: `not a valid ${field.value_type} value` }]));
      return [field.name_key, value ? (value.data as string | number) : null] as const;
    });
    Object.assign(candidate, {
      first_name: patch.first_name ?? candidate.first_name,
      last_name: patch.last_name ?? candidate.last_name,
      title: patch.title ?? candidate.title,
      custom_fields: { ...candidate.custom_fields, ...Object.fromEntries(writes) },
      updated_at: new Date().toISOString(),
    });
    return json(200, candidateJson(candidate, fields));
  }

  function deleteCandidate(req: SandboxRequest): Reply {
    bearerAuth(req);
    const candidate = findCandidate(req);
    candidates.delete(candidate.id);
    for (const id of candidate.application_ids) {
      applications.delete(id);
      for (const [offerId, offer] of offers) if (offer.application_id === id) offers.delete(offerId);
    }
    return json(200, { message: `Person ${candidate.id} has been deleted.` });
  }

  function anonymizeCandidate(req: SandboxRequest): Reply {
    bearerAuth(req);
    const candidate = findCandidate(req);
    const { fields: chosen } = parseWith(AnonymizeBody, jsonBody(req, invalid), invalid);
    Object.assign(candidate, {
      ...(chosen.includes('full_name') ? { first_name: 'Anonymized', last_name: 'Candidate' } : {}),
      ...(chosen.includes('email_addresses') || chosen.includes('emails') ? { email_addresses: [] } : {}),
      ...(chosen.includes('phone_numbers') ? { phone_numbers: [] } : {}),
      anonymized_fields: chosen,
      updated_at: new Date().toISOString(),
    });
    return json(200, candidateJson(candidate, fields));
  }

  const helpers = {
    addHire(seed: HireSeed = {}) {
      const at = seed.hiredAt ?? new Date().toISOString();
      const candidateId = candidateIds.next();
      const applicationId = applicationIds.next();
      const { job, offer } = hireRecords(
        seed,
        { job: jobIds.next(), offer: offerIds.next(), application: applicationId, candidate: candidateId },
        at,
      );
      jobs.set(job.id, job);
      offers.set(offer.id, offer);
      candidates.set(candidateId, {
        id: candidateId,
        first_name: seed.firstName ?? 'Ana',
        last_name: seed.lastName ?? 'Silva',
        title: null,
        email_addresses: [{ value: seed.email ?? `candidate${candidateId}@example.com`, type: 'personal' }],
        phone_numbers: [],
        custom_fields: {},
        created_at: at,
        updated_at: at,
        application_ids: [applicationId],
      });
      applications.set(applicationId, {
        id: applicationId,
        candidate_id: candidateId,
        job_id: job.id,
        status: 'hired',
        applied_at: at,
        created_at: at,
        updated_at: at,
        last_activity_at: at,
      });
      return { candidateId, applicationId, offerId: offer.id, jobId: job.id };
    },
    candidate: (id: number) => candidates.get(id),
    tokens,
  };

  return {
    helpers,
    definition: {
      name: 'Greenhouse Harvest',
      routes: [
        {
          // auth.greenhouse.io/token, served on the same port.
          method: 'POST',
          path: '/token',
          handle: (req) => {
            const { form } = clientCredentialsRequest(req, clients, 'basic');
            // Without `sub` the credentials' own service user acts.
            const userId = form.sub === undefined ? userIds[0] : Number(form.sub);
            if (userId === undefined || !userIds.includes(userId))
              return json(400, { error: 'invalid_request', error_description: 'sub is not a Greenhouse user id' });
            return tokenReply(tokens.issue({ userId }));
          },
        },
        { method: 'GET', path: '/v3/applications', handle: listApplications },
        { method: 'GET', path: '/v3/candidates', handle: listCandidates },
        { method: 'GET', path: '/v3/jobs', handle: listJobs },
        { method: 'GET', path: '/v3/offers', handle: listOffers },
        { method: 'GET', path: '/v3/custom_fields', handle: listCustomFields },
        { method: 'PATCH', path: '/v3/candidates/:id', handle: patchCandidate },
        { method: 'PATCH', path: '/v3/candidates/:id/anonymize', handle: anonymizeCandidate },
        { method: 'DELETE', path: '/v3/candidates/:id', handle: deleteCandidate },
        ...RETIRED.map((r) => ({
          ...r,
          handle: () =>
            error(GREENHOUSE_UNCONFIRMED.retiredStatus, 'Harvest v1/v2 is no longer available; use Harvest v3.'),
        })),
      ],
      controls: [
        { method: 'POST', path: '/hires', handle: (req) => json(201, helpers.addHire(controlBody(req, HireSeedBody))) },
        expireTokensControl(tokens),
      ],
      error,
      throttled: (retryAfter) =>
        error(429, 'Too Many Requests', {
          'X-RateLimit-Limit': String(GREENHOUSE_UNCONFIRMED.rateLimitPer10Seconds),
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + retryAfter),
        }),
      snapshot: () => ({
        candidates: [...candidates.values()],
        applications: [...applications.values()],
        jobs: [...jobs.values()],
        offers: [...offers.values()],
        oauthGrantsIssued: tokens.count(),
      }),
      reset: () => {
        candidates.clear();
        applications.clear();
        jobs.clear();
        offers.clear();
        candidateIds.reset();
        applicationIds.reset();
        jobIds.reset();
        offerIds.reset();
        tokens.clear();
      },
    },
  };
}

export const startGreenhouse = (options: GreenhouseOptions & StartOptions = {}) =>
  startVendor(createGreenhouse(options), options);
export type GreenhouseHandle = Awaited<ReturnType<typeof startGreenhouse>>;
