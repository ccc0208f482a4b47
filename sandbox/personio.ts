import { z } from 'zod';
import { jsonBody, parseWith, type Problem } from './framework/body';
import { errorKit } from './framework/errors';
import { email, isoDay, sequence } from './framework/formats';
import { decodeCursor, encodeCursor, selfUrl } from './framework/links';
import { clientCredentialsRequest, expireTokensControl, tokenReply, type OAuthClient } from './framework/oauth';
import { json, type Reply } from './framework/reply';
import { bearerToken, type SandboxRequest } from './framework/request';
import { TokenIssuer } from './framework/tokens';
import { startVendor, type Emulator, type StartOptions } from './server';

/** Facts docs/vendors/personio.md marks [unconfirmed] (the create body is known only from a generated script). */
export const PERSONIO_UNCONFIRMED = {
  /** Which person fields the create requires; names are the least a person record can have. */
  requiredOnCreate: ['first_name', 'last_name'] as const,
  /** Error body; Personio v2 answers carry a trace id and a list of errors. */
  errorBody: (status: number, problems: Problem[]) => ({
    personio_trace_id: `sandbox-${Date.now().toString(36)}`,
    errors: problems.map((p) => ({
      title: status === 401 ? 'Unauthorized' : 'Invalid request',
      detail: p.field ? `${p.field}: ${p.message}` : p.message,
    })),
  }),
  /** List envelope: items under `_data`, cursor link at `_meta.links.next.href`. */
  listBody: (items: unknown[], next: string | undefined) => ({
    _data: items,
    _meta: { links: next ? { next: { href: next } } : {} },
  }),
  /** An `updated_at` filter is listed without its operator; taken as "updated after". */
  updatedAfterParam: 'updated_at.gt',
  /** One person's answer (`GET /v2/persons/{id}`): the person shaped like a list item; whether v2 wraps it is not documented. */
  personBody: (person: unknown) => person,
  /** A person answer lists employments by id with a link to them, as Personio's own forum shows real answers. */
  personAnswer: (
    person: { id: string; employments: Array<{ id: string }> } & Record<string, unknown>,
    base: string,
  ) => ({
    ...person,
    employments: person.employments.map((e) => ({ id: e.id })),
    _meta: { links: { employments: { href: `${base}/v2/persons/${person.id}/employments` } } },
  }),
  /** Whether a token from `/v2/auth/token` reads the v1 attributes listing; the emulator accepts it. */
  v1AttributesWithV2Token: true,
  /** Create answer: the new person's id and its employment's id. */
  createdBody: (person: { id: string; employments: Array<{ id: string }> }) => ({
    id: person.id,
    employments: person.employments.map((e) => ({ id: e.id })),
  }),
} as const;

const ref = z.object({ id: z.string().min(1) }).strict();
const Employment = z
  .object({
    supervisor: ref,
    office: ref,
    subcompany: ref,
    legal_entity: ref,
    org_units: z.array(z.object({ type: z.string().min(1), id: z.string().min(1) }).strict()),
    position: z.object({ title: z.string().min(1) }).strict(),
    status: z.enum(['ACTIVE', 'INACTIVE', 'ONBOARDING', 'LEAVE']),
    employment_start_date: isoDay,
    contract_end_date: isoDay,
    probation_end_date: isoDay,
    type: z.enum(['INTERNAL', 'EXTERNAL']),
    probation_period_length: z.number().int().nonnegative(),
    weekly_working_hours: z.number().positive(),
    full_time_weekly_working_hours: z.number().positive(),
    cost_centers: z.array(z.object({ id: z.string().min(1), weight: z.number().positive() }).strict()),
  })
  .partial()
  .strict();

/** Create body (docs/vendors/personio.md), strict: an unknown or misspelt field is refused rather than silently dropped. */
const PersonCreate = z
  .object({
    email,
    first_name: z.string().min(1),
    preferred_name: z.string(),
    last_name: z.string().min(1),
    gender: z.enum(['MALE', 'FEMALE', 'DIVERSE', 'UNKNOWN', 'UNDEFINED']),
    language_code: z.string().regex(/^[a-z]{2}$/),
    custom_attributes: z.array(z.object({ id: z.string().min(1), value: z.unknown() }).strict()),
    employments: z.array(Employment),
  })
  .partial()
  .required(
    Object.fromEntries(PERSONIO_UNCONFIRMED.requiredOnCreate.map((k) => [k, true])) as {
      first_name: true;
      last_name: true;
    },
  )
  .strict();

export type PersonioPerson = Omit<z.infer<typeof PersonCreate>, 'employments'> & {
  id: string;
  created_at: string;
  updated_at: string;
  employments: Array<z.infer<typeof Employment> & { id: string }>;
};

/** docs/vendors/personio.md list filters; `limit` at most 50. */
const PersonList = z
  .object({
    limit: z.coerce.number().int().min(1).max(50).default(10),
    email: z.string().optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    status: z.enum(['ACTIVE', 'INACTIVE', 'ONBOARDING', 'LEAVE']).optional(),
    [PERSONIO_UNCONFIRMED.updatedAfterParam]: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
type Filters = z.infer<typeof PersonList>;
const Cursor = z.object({ query: z.record(z.string(), z.string()), offset: z.number().int().min(0) });

const SCOPES = { read: 'personio:persons:read', write: 'personio:persons:write' } as const;

export interface PersonioOptions {
  clients?: ReadonlyArray<OAuthClient & { scopes?: readonly string[] }>;
  /** docs/vendors/personio.md: 24 h. */
  tokenTtlSeconds?: number;
}

/** The emulated account's attributes: the person fields the create takes, and two custom ones. */
const ATTRIBUTES = [
  { key: 'first_name', label: 'First name', type: 'standard', universal_id: 'first_name', options: [] },
  { key: 'last_name', label: 'Last name', type: 'standard', universal_id: 'last_name', options: [] },
  { key: 'preferred_name', label: 'Preferred name', type: 'standard', universal_id: 'preferred_name', options: [] },
  { key: 'email', label: 'Email', type: 'standard', universal_id: 'email', options: [] },
  { key: 'hire_date', label: 'Hire date', type: 'date', universal_id: 'hire_date', options: [] },
  { key: 'dynamic_1', label: 'IBAN', type: 'standard', universal_id: 'iban', options: [] },
  { key: 'dynamic_2', label: 'Marital status', type: 'list', universal_id: null, options: ['married', 'single'] },
];

export const PERSONIO_DEFAULTS = {
  clients: [
    {
      clientId: 'sandbox-personio-client',
      clientSecret: 'sandbox-personio-secret',
      scopes: [SCOPES.read, SCOPES.write],
    },
  ],
  tokenTtlSeconds: 24 * 3600,
};

const { error, stop } = errorKit((status, message, headers) =>
  json(status, PERSONIO_UNCONFIRMED.errorBody(status, [{ field: '', message }]), headers),
);
const invalid = (problems: Problem[]): Reply => json(400, PERSONIO_UNCONFIRMED.errorBody(400, problems));

export function createPersonio(options: PersonioOptions = {}): Emulator<{
  persons(): PersonioPerson[];
  /** Seeds a person as HR would have entered them, e.g. with an INACTIVE employment for rehire tests. */
  addPerson(body: unknown): string;
  /** Changes a person's attributes as HR would in Personio, which moves their `updated_at`. */
  editPerson(
    id: string,
    changes: Partial<Pick<PersonioPerson, 'first_name' | 'last_name' | 'preferred_name' | 'email'>>,
    at?: Date,
  ): void;
  tokens: TokenIssuer<{ scopes: readonly string[] }>;
}> {
  const clients = options.clients ?? PERSONIO_DEFAULTS.clients;
  const tokens = new TokenIssuer<{ scopes: readonly string[] }>(
    options.tokenTtlSeconds ?? PERSONIO_DEFAULTS.tokenTtlSeconds,
  );
  const ids = sequence(1001);
  const persons = new Map<string, PersonioPerson>();

  const authorize = (req: SandboxRequest, scope: string) => {
    const checked = tokens.check(bearerToken(req));
    if (checked.status !== 'valid')
      stop(401, checked.status === 'expired' ? 'The access token has expired' : 'Invalid access token');
    else if (!checked.grant.scopes.includes(scope)) stop(403, `The token lacks the scope ${scope}`);
  };

  const matches = (p: PersonioPerson, f: Filters) =>
    (!f.email || p.email === f.email) &&
    (!f.first_name || p.first_name === f.first_name) &&
    (!f.last_name || p.last_name === f.last_name) &&
    (!f.status || p.employments.some((e) => e.status === f.status)) &&
    (!f[PERSONIO_UNCONFIRMED.updatedAfterParam] ||
      Date.parse(p.updated_at) > Date.parse(f[PERSONIO_UNCONFIRMED.updatedAfterParam] ?? ''));

  function add(body: z.infer<typeof PersonCreate>): PersonioPerson {
    const now = new Date().toISOString();
    const person: PersonioPerson = {
      ...body,
      id: String(ids.next()),
      created_at: now,
      updated_at: now,
      employments: (body.employments ?? [{}]).map((e) => ({ ...e, id: String(ids.next()) })),
    };
    persons.set(person.id, person);
    return person;
  }

  return {
    helpers: {
      persons: () => [...persons.values()],
      addPerson: (body) => add(parseWith(PersonCreate, body, invalid)).id,
      editPerson: (id, changes, at = new Date()) => {
        const person = persons.get(id);
        if (!person) throw new Error(`no Personio person ${id}`);
        persons.set(id, { ...person, ...changes, updated_at: at.toISOString() });
      },
      tokens,
    },
    definition: {
      name: 'Personio',
      routes: [
        {
          method: 'POST',
          path: '/v2/auth/token',
          handle: (req) => {
            const { client } = clientCredentialsRequest(req, clients, 'body');
            const scopes = clients.find((c) => c.clientId === client.clientId)?.scopes ?? [];
            return tokenReply(tokens.issue({ scopes }), { scope: scopes.join(' ') });
          },
        },
        {
          // The attributes the credentials may read (docs/vendors/personio.md, "Field catalogue"), in the shape of Personio's
          // published example; served to the v2 token, which PERSONIO_UNCONFIRMED.v1AttributesWithV2Token takes as accepted.
          method: 'GET',
          path: '/v1/company/employees/attributes',
          handle: (req) => {
            authorize(req, SCOPES.read);
            return json(200, { success: true, data: ATTRIBUTES });
          },
        },
        {
          method: 'POST',
          path: '/v2/persons',
          handle: (req) => {
            authorize(req, SCOPES.write);
            const person = add(parseWith(PersonCreate, jsonBody(req, invalid), invalid));
            return json(201, PERSONIO_UNCONFIRMED.createdBody(person));
          },
        },
        {
          method: 'GET',
          path: '/v2/persons',
          handle: (req) => {
            authorize(req, SCOPES.read);
            const cursor = req.query.get('cursor');
            const position =
              cursor === null
                ? { query: Object.fromEntries(req.query), offset: 0 }
                : (Cursor.safeParse(decodeCursor(cursor)).data ?? stop(400, 'Invalid cursor'));
            const filters = parseWith(PersonList, position.query, invalid);
            const all = [...persons.values()].filter((p) => matches(p, filters));
            const end = position.offset + filters.limit;
            const next =
              end < all.length
                ? selfUrl(req, req.path, { cursor: encodeCursor({ ...position, offset: end }) })
                : undefined;
            return json(
              200,
              PERSONIO_UNCONFIRMED.listBody(
                all
                  .slice(position.offset, end)
                  .map((p) => PERSONIO_UNCONFIRMED.personAnswer(p, selfUrl(req, '', {}).replace(/\/$/, ''))),
                next,
              ),
            );
          },
        },
        {
          method: 'GET',
          path: '/v2/persons/:id',
          handle: (req) => {
            authorize(req, SCOPES.read);
            const person = persons.get(req.params.id ?? '') ?? stop(404, `Person ${req.params.id} not found`);
            return json(
              200,
              PERSONIO_UNCONFIRMED.personBody(
                PERSONIO_UNCONFIRMED.personAnswer(person, selfUrl(req, '', {}).replace(/\/$/, '')),
              ),
            );
          },
        },
        {
          // Most recent first, each with its person and status (docs/vendors/personio.md, "Employments").
          method: 'GET',
          path: '/v2/persons/:id/employments',
          handle: (req) => {
            authorize(req, SCOPES.read);
            const person = persons.get(req.params.id ?? '') ?? stop(404, `Person ${req.params.id} not found`);
            const employments = [...person.employments].reverse().map((e) => ({ ...e, person: { id: person.id } }));
            return json(200, PERSONIO_UNCONFIRMED.listBody(employments, undefined));
          },
        },
      ],
      controls: [expireTokensControl(tokens)],
      error,
      snapshot: () => ({ persons: [...persons.values()], oauthGrantsIssued: tokens.count() }),
      reset: () => {
        persons.clear();
        ids.reset();
        tokens.clear();
      },
    },
  };
}

export const startPersonio = (options: PersonioOptions & StartOptions = {}) =>
  startVendor(createPersonio(options), options);
export type PersonioHandle = Awaited<ReturnType<typeof startPersonio>>;
