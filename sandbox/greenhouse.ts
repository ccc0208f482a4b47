import { z } from 'zod';
import { jsonBody, parseWith, problemsOf, type Problem } from './framework/body';
import { errorKit } from './framework/errors';
import { sequence } from './framework/formats';
import { decodeCursor, encodeCursor, linkHeader, selfUrl } from './framework/links';
import { clientCredentialsRequest, expireTokensControl, tokenReply, type OAuthClient } from './framework/oauth';
import { json, refuse, type Reply } from './framework/reply';
import { bearerToken, header, requireBasicUser, type SandboxRequest } from './framework/request';
import { TokenIssuer } from './framework/tokens';
import {
  ApplicationFilters, applicationJson, candidateJson, CUSTOM_FIELD_VALUE, hireRecords, HireSeedBody, jobJson, matchesFilters, offerJson,
  type GreenhouseApplication, type GreenhouseCandidate, type GreenhouseCustomField, type GreenhouseJob, type GreenhouseOffer, type HireSeed,
} from './greenhouseRecords';
import { controlBody, startVendor, type Emulator, type StartOptions } from './server';

export type { HireSeed } from './greenhouseRecords';

/**
 * Facts vendor-apis.md leaves open (§1.5, §1.6, §11), and the emulator's choice for each. v3 resource
 * shapes and filter names are not documented either: v3 serves the v1 shapes and filter names.
 */
export const GREENHOUSE_UNCONFIRMED = {
  /** §1.5: writes require On-Behalf-Of; the status of the refusal is not documented. */
  missingOnBehalfOfStatus: 403,
  /** §1.6: lifetime of a client-credentials token (only partner tokens are documented, at 1 h). */
  tokenTtlSeconds: 3600,
  /** §1.6: "when cursor is present it must be the only query param"; the refusal status is not documented. */
  cursorWithOtherParamsStatus: 400,
  /** Harvest v1 `per_page` maximum, not in vendor-apis.md. */
  maxPerPage: 500,
  /** §0.2: `X-RateLimit-Limit` counts per 10 s; the number is not documented. */
  rateLimitPer10Seconds: 50,
} as const;

/**
 * Candidate PATCH parameters documented by Harvest v1 (§1.5). `external_id` is not among them
 * (whether it is writable is unconfirmed), so the emulator refuses it like any unknown parameter.
 */
const CustomFieldWrite = z
  .object({ id: z.number().int().optional(), name_key: z.string().optional(), value: z.unknown().optional(), delete_value: z.literal('true').optional() })
  .strict()
  .refine((f) => (f.id === undefined) !== (f.name_key === undefined), 'give exactly one of id or name_key')
  .refine((f) => (f.value === undefined) !== (f.delete_value === undefined), 'give either value or delete_value: "true"');
const CandidatePatch = z
  .object({
    first_name: z.string().min(1).optional(),
    last_name: z.string().min(1).optional(),
    company: z.string().optional(),
    title: z.string().optional(),
    is_private: z.boolean().optional(),
    phone_numbers: z.array(z.unknown()).optional(),
    addresses: z.array(z.unknown()).optional(),
    email_addresses: z.array(z.unknown()).optional(),
    website_addresses: z.array(z.unknown()).optional(),
    social_media_addresses: z.array(z.unknown()).optional(),
    recruiter: z.unknown().optional(),
    coordinator: z.unknown().optional(),
    tags: z.array(z.string()).optional(),
    custom_fields: z.array(CustomFieldWrite).optional(),
  })
  .strict();

export interface GreenhouseOptions {
  /** Harvest v1/v2 API keys (Basic username, empty password). */
  apiKeys?: readonly string[];
  /** Harvest v3 client-credentials clients. */
  oauthClients?: readonly OAuthClient[];
  /** Greenhouse user ids a caller may act as (`On-Behalf-Of`, or `sub` on the v3 token); the first is the service account. */
  userIds?: readonly number[];
  candidateCustomFields?: readonly GreenhouseCustomField[];
  tokenTtlSeconds?: number;
}

export const GREENHOUSE_DEFAULTS = {
  apiKeys: ['sandbox-greenhouse-key'],
  oauthClients: [{ clientId: 'sandbox-greenhouse-client', clientSecret: 'sandbox-greenhouse-secret' }],
  userIds: [4080, 158104],
  candidateCustomFields: [
    { id: 11111, name_key: 'employee_id', name: 'Employee ID', field_type: 'short_text' },
    { id: 11112, name_key: 'background_check', name: 'Background check', field_type: 'short_text' },
  ],
} as const satisfies Required<Omit<GreenhouseOptions, 'tokenTtlSeconds'>>;

const { error, stop } = errorKit((status, message, headers) => json(status, { message }, headers));
/** §1.5: validation errors are 422 `{ message, errors: [{ message, field }] }`. */
const invalid = (problems: Problem[]): Reply =>
  json(422, { message: 'Validation error', errors: problems.map((p) => ({ message: p.message, field: p.field })) });

export function createGreenhouse(options: GreenhouseOptions = {}): Emulator<{
  addHire(seed?: HireSeed): { candidateId: number; applicationId: number; offerId: number; jobId: number };
  candidate(id: number): GreenhouseCandidate | undefined;
  tokens: TokenIssuer<{ userId: number }>;
}> {
  const apiKeys = options.apiKeys ?? GREENHOUSE_DEFAULTS.apiKeys;
  const clients = options.oauthClients ?? GREENHOUSE_DEFAULTS.oauthClients;
  const userIds: readonly number[] = options.userIds ?? GREENHOUSE_DEFAULTS.userIds;
  const fields = options.candidateCustomFields ?? GREENHOUSE_DEFAULTS.candidateCustomFields;
  const tokens = new TokenIssuer<{ userId: number }>(options.tokenTtlSeconds ?? GREENHOUSE_UNCONFIRMED.tokenTtlSeconds);
  const candidateIds = sequence(35897443);
  const applicationIds = sequence(46194062);
  const jobIds = sequence(323753);
  const offerIds = sequence(506409);
  const candidates = new Map<number, GreenhouseCandidate>();
  const applications = new Map<number, GreenhouseApplication>();
  const jobs = new Map<number, GreenhouseJob>();
  /** The current offer of each application, by application id. */
  const offers = new Map<number, GreenhouseOffer>();

  const basicAuth = (req: SandboxRequest) => requireBasicUser(req, apiKeys, () => stop(401, 'Invalid Basic Auth credentials'));
  const bearerAuth = (req: SandboxRequest) => {
    const checked = tokens.check(bearerToken(req));
    return checked.status === 'valid' ? checked.grant : stop(401, checked.status === 'expired' ? 'Access token expired' : 'Invalid access token');
  };
  const findCandidate = (req: SandboxRequest) => candidates.get(Number(req.params.id)) ?? stop(404, 'Resource not found');
  const findJob = (req: SandboxRequest) => jobJson(jobs.get(Number(req.params.id)) ?? stop(404, 'Resource not found'));
  const findCurrentOffer = (req: SandboxRequest) => {
    if (!applications.has(Number(req.params.id))) stop(404, 'Resource not found');
    return offerJson(offers.get(Number(req.params.id)) ?? stop(404, 'Resource not found'));
  };

  function hiredApplications(filters: ApplicationFilters): GreenhouseApplication[] {
    return [...applications.values()].filter((a) => matchesFilters(a, filters)).sort((a, b) => a.id - b.id);
  }

  function parseQuery<T>(req: SandboxRequest, schema: z.ZodType<T>): T {
    const parsed = schema.safeParse(Object.fromEntries(req.query));
    return parsed.success ? parsed.data : refuse(invalid(problemsOf(parsed.error)));
  }

  const perPage = z.coerce.number().int().min(1).max(GREENHOUSE_UNCONFIRMED.maxPerPage).default(100);
  const V1List = ApplicationFilters.extend({ per_page: perPage, page: z.coerce.number().int().min(1).default(1) });
  const V3First = ApplicationFilters.extend({ per_page: perPage });
  const V3Cursor = z.object({ offset: z.number().int().min(0), per_page: z.number().int(), filters: ApplicationFilters });

  function v3Position(req: SandboxRequest): z.infer<typeof V3Cursor> {
    const cursor = req.query.get('cursor');
    if (cursor === null) {
      const { per_page, ...filters } = parseQuery(req, V3First);
      return { offset: 0, per_page, filters };
    }
    if ([...req.query.keys()].length > 1) stop(GREENHOUSE_UNCONFIRMED.cursorWithOtherParamsStatus, 'cursor must be the only query parameter');
    return V3Cursor.safeParse(decodeCursor(cursor)).data ?? stop(400, 'Invalid cursor');
  }

  function patchCandidate(req: SandboxRequest): Reply {
    basicAuth(req);
    const actor = Number(header(req, 'on-behalf-of'));
    if (!userIds.includes(actor)) stop(GREENHOUSE_UNCONFIRMED.missingOnBehalfOfStatus, 'Missing or invalid On-Behalf-Of header');
    const candidate = findCandidate(req);
    const patch = parseWith(CandidatePatch, jsonBody(req, invalid), invalid);
    const writes = (patch.custom_fields ?? []).map((write, i) => {
      const field = fields.find((f) => f.id === write.id || f.name_key === write.name_key);
      if (!field) return refuse(invalid([{ field: `custom_fields[${i}]`, message: 'Custom field not found' }]));
      const value = write.delete_value ? null : CUSTOM_FIELD_VALUE[field.field_type].safeParse(write.value);
      if (value && !value.success) refuse(invalid([{ field: `custom_fields[${i}].value`, message: `not a valid ${field.field_type} value` }]));
      return [field.name_key, value ? (value.data as string | number) : null] as const;
    });
    Object.assign(candidate, {
      first_name: patch.first_name ?? candidate.first_name,
      last_name: patch.last_name ?? candidate.last_name,
      custom_fields: { ...candidate.custom_fields, ...Object.fromEntries(writes) },
      updated_at: new Date().toISOString(),
    });
    return json(200, candidateJson(candidate, fields));
  }


  /*
   * Erasure (hr-forget): Harvest v1 "DELETE: Delete Candidate" answers `{ message }`, "PUT: Anonymize
   * Candidate" takes `fields` (comma-separated) and answers the candidate (greenhouse-api-docs
   * harvest/_candidates.md); both need On-Behalf-Of like every write.
   */
  function requireWriter(req: SandboxRequest) {
    basicAuth(req);
    if (!userIds.includes(Number(header(req, 'on-behalf-of')))) stop(GREENHOUSE_UNCONFIRMED.missingOnBehalfOfStatus, 'Missing or invalid On-Behalf-Of header');
  }
  const erasureRoutes = [
    {
      method: 'DELETE' as const,
      path: '/v1/candidates/:id',
      handle: (req: SandboxRequest) => {
        requireWriter(req);
        const candidate = findCandidate(req);
        candidates.delete(candidate.id);
        for (const id of candidate.application_ids) {
          applications.delete(id);
          offers.delete(id);
        }
        return json(200, { message: `Person ${candidate.id} has been deleted.` });
      },
    },
    {
      method: 'PUT' as const,
      path: '/v1/candidates/:id/anonymize',
      handle: (req: SandboxRequest) => {
        requireWriter(req);
        const candidate = findCandidate(req);
        const chosen = (req.query.get('fields') ?? '').split(',').filter(Boolean);
        if (chosen.length === 0) refuse(invalid([{ field: 'fields', message: 'fields is required' }]));
        Object.assign(candidate, {
          ...(chosen.includes('full_name') ? { first_name: 'Anonymized', last_name: 'Candidate' } : {}),
          ...(chosen.includes('email_addresses') || chosen.includes('emails') ? { email_addresses: [] } : {}),
          ...(chosen.includes('phone_numbers') ? { phone_numbers: [] } : {}),
          anonymized_fields: chosen,
          updated_at: new Date().toISOString(),
        });
        return json(200, candidateJson(candidate, fields));
      },
    },
  ];

  const helpers = {
    addHire(seed: HireSeed = {}) {
      const at = seed.hiredAt ?? new Date().toISOString();
      const candidateId = candidateIds.next();
      const applicationId = applicationIds.next();
      const { job, offer } = hireRecords(seed, { job: jobIds.next(), offer: offerIds.next(), application: applicationId, candidate: candidateId }, at);
      jobs.set(job.id, job);
      offers.set(applicationId, offer);
      candidates.set(candidateId, {
        id: candidateId,
        first_name: seed.firstName ?? 'Ana',
        last_name: seed.lastName ?? 'Silva',
        email_addresses: [{ value: seed.email ?? `candidate${candidateId}@example.com`, type: 'personal' }],
        phone_numbers: [],
        custom_fields: {},
        created_at: at,
        updated_at: at,
        application_ids: [applicationId],
      });
      applications.set(applicationId, {
        id: applicationId, candidate_id: candidateId, status: 'hired', applied_at: at, last_activity_at: at,
        jobs: [{ id: job.id, name: job.name }],
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
          // auth.greenhouse.io/token (§1.6), served on the same port.
          method: 'POST',
          path: '/token',
          handle: (req) => {
            const { form } = clientCredentialsRequest(req, clients, 'basic');
            // Without `sub` the credentials' service-account user acts (§1.6, per Nango).
            const userId = form.sub === undefined ? userIds[0] : Number(form.sub);
            if (userId === undefined || !userIds.includes(userId)) return json(400, { error: 'invalid_request', error_description: 'sub is not a Greenhouse user id' });
            return tokenReply(tokens.issue({ userId }));
          },
        },
        { method: 'GET', path: '/v1/candidates/:id', handle: (req) => (basicAuth(req), json(200, candidateJson(findCandidate(req), fields))) },
        { method: 'PATCH', path: '/v1/candidates/:id', handle: patchCandidate },
        ...erasureRoutes,
        {
          method: 'GET',
          path: '/v1/applications',
          handle: (req) => {
            basicAuth(req);
            const { page, per_page, ...filters } = parseQuery(req, V1List);
            const all = hiredApplications(filters);
            const last = Math.max(1, Math.ceil(all.length / per_page));
            const at = (p: number) => selfUrl(req, req.path, { ...Object.fromEntries(req.query), page: p, per_page });
            const link = linkHeader({ next: page < last ? at(page + 1) : undefined, prev: page > 1 ? at(page - 1) : undefined, last: at(last) });
            return json(200, all.slice((page - 1) * per_page, page * per_page).map(applicationJson), { Link: link });
          },
        },
        { method: 'GET', path: '/v1/applications/:id', handle: (req) => (basicAuth(req), json(200, applicationJson(applications.get(Number(req.params.id)) ?? stop(404, 'Resource not found')))) },
        { method: 'GET', path: '/v1/jobs/:id', handle: (req) => (basicAuth(req), json(200, findJob(req))) },
        { method: 'GET', path: '/v1/applications/:id/offers/current_offer', handle: (req) => (basicAuth(req), json(200, findCurrentOffer(req))) },
        { method: 'GET', path: '/v3/candidates/:id', handle: (req) => (bearerAuth(req), json(200, candidateJson(findCandidate(req), fields))) },
        { method: 'GET', path: '/v3/jobs/:id', handle: (req) => (bearerAuth(req), json(200, findJob(req))) },
        { method: 'GET', path: '/v3/applications/:id/offers/current_offer', handle: (req) => (bearerAuth(req), json(200, findCurrentOffer(req))) },
        {
          method: 'GET',
          path: '/v3/applications',
          handle: (req) => {
            bearerAuth(req);
            const position = v3Position(req);
            const all = hiredApplications(position.filters);
            const end = position.offset + position.per_page;
            // §1.6: v3 pages by cursor with only a `next` link.
            const next = end < all.length ? selfUrl(req, req.path, { cursor: encodeCursor({ ...position, offset: end }) }) : undefined;
            return json(200, all.slice(position.offset, end).map(applicationJson), next ? { Link: linkHeader({ next }) } : {});
          },
        },
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

export const startGreenhouse = (options: GreenhouseOptions & StartOptions = {}) => startVendor(createGreenhouse(options), options);
export type GreenhouseHandle = Awaited<ReturnType<typeof startGreenhouse>>;
