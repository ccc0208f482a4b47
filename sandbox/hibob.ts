import { z } from 'zod';
import { jsonBody, parseWith } from './framework/body';
import { errorKit } from './framework/errors';
import { email, isoDay, sequence } from './framework/formats';
import { json } from './framework/reply';
import { basicCredentials, type SandboxRequest } from './framework/request';
import { startVendor, type Emulator, type StartOptions } from './server';

/** Facts docs/vendors/hibob.md marks [unconfirmed], and the emulator's choice for each. */
export const HIBOB_UNCONFIRMED = {
  /** Whether the create answer carries the new id; the emulator returns the created person with its id. */
  createStatus: 200,
  /** Error body shape. */
  errorBody: (message: string) => ({ error: message }),
  /** Search filters: `root.id` and `root.email` are documented; the emulator also accepts the two name fields. */
  searchFieldPaths: ['root.id', 'root.email', 'root.firstName', 'root.surname'] as const,
  /** What the shut-off `GET /v1/people` and `GET /v1/people/{id}` answer now. */
  retiredStatus: 404,
} as const;

/**
 * Create body (docs/vendors/hibob.md, "Creating an employee"): required firstName, surname, email, work.site, work.startDate; department and
 * title recommended; the contact field ids of HiBob's fields metadata (`home.mobilePhone`,
 * `home.privatePhone`, `home.privateEmail`, `work.workPhone`: docs/vendors/hibob.md). Strict, so a
 * field the account has no metadata for is refused instead of dropped.
 */
const PersonCreate = z
  .object({
    firstName: z.string().min(1),
    surname: z.string().min(1),
    email,
    work: z
      .object({
        site: z.string().min(1),
        startDate: isoDay,
        department: z.string().min(1).optional(),
        title: z.string().min(1).optional(),
        workPhone: z.string().min(1).optional(),
      })
      .strict(),
    home: z
      .object({ mobilePhone: z.string().min(1), privatePhone: z.string().min(1), privateEmail: email })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
type PersonCreate = z.infer<typeof PersonCreate>;

/**
 * `GET /v1/company/people/fields` (docs/vendors/hibob.md, "Fields metadata"): the fields this emulator's create accepts,
 * as `{ id, name, category, type, typeData }`; list fields name their list.
 */
const PEOPLE_FIELDS = [
  { id: 'root.firstName', name: 'First name', category: 'root', type: 'text' },
  { id: 'root.surname', name: 'Last name', category: 'root', type: 'text' },
  { id: 'root.email', name: 'Email', category: 'root', type: 'text' },
  { id: 'work.site', name: 'Site', category: 'work', type: 'list', typeData: { listId: 'site' } },
  { id: 'work.startDate', name: 'Start date', category: 'work', type: 'date' },
  { id: 'work.department', name: 'Department', category: 'work', type: 'list', typeData: { listId: 'department' } },
  { id: 'work.title', name: 'Job title', category: 'work', type: 'list', typeData: { listId: 'title' } },
  { id: 'work.workPhone', name: 'Work phone', category: 'work', type: 'text' },
  { id: 'home.mobilePhone', name: 'Mobile phone', category: 'home', type: 'text' },
  { id: 'home.privatePhone', name: 'Private phone', category: 'home', type: 'text' },
  { id: 'home.privateEmail', name: 'Private email', category: 'home', type: 'text' },
];

/** One-person read body: which fields, and how lists and dates are rendered (docs/vendors/hibob.md). */
const Read = z
  .object({ fields: z.array(z.string()).max(400).optional(), humanReadable: z.enum(['APPEND', 'REPLACE']).optional() })
  .strict();

const Search = z
  .object({
    fields: z.array(z.string()).optional(),
    humanReadable: z.enum(['APPEND', 'REPLACE']).optional(),
    filters: z
      .array(
        z
          .object({
            fieldPath: z.enum(HIBOB_UNCONFIRMED.searchFieldPaths),
            operator: z.literal('equals'),
            values: z.array(z.string()).min(1),
          })
          .strict(),
      )
      .optional(),
    showInactive: z.boolean().optional(),
  })
  .strict();

export interface HiBobPerson extends PersonCreate {
  id: string;
  displayName: string;
  state: 'active' | 'inactive';
  createdAt: number;
}

export interface HiBobOptions {
  serviceUsers?: ReadonlyArray<{ id: string; token: string }>;
  /** Named lists: values a site or department must be one of. */
  sites?: readonly string[];
  departments?: readonly string[];
  /** The job title list, served by the named-lists route (the create does not refuse another title). */
  titles?: readonly string[];
  /** Reads after writes may be stale for up to ~20 s; search hides people younger than this. Default 0. */
  readAfterWriteLagMs?: number;
}

export const HIBOB_DEFAULTS = {
  serviceUsers: [{ id: 'SERVICE-SANDBOX', token: 'sandbox-hibob-token' }],
  sites: ['New-York', 'London', 'Remote'],
  departments: ['Engineering', 'Technology', 'Sales', 'People'],
  titles: ['Chief Engineer', 'Payroll Specialist', 'Software Engineer', 'Account Executive'],
};

const { error, stop, invalid } = errorKit((status, message, headers) =>
  json(status, HIBOB_UNCONFIRMED.errorBody(message), headers),
);

const FIELD_OF: Record<(typeof HIBOB_UNCONFIRMED.searchFieldPaths)[number], (p: HiBobPerson) => string> = {
  'root.id': (p) => p.id,
  'root.email': (p) => p.email,
  'root.firstName': (p) => p.firstName,
  'root.surname': (p) => p.surname,
};

export function createHiBob(
  options: HiBobOptions = {},
): Emulator<{ people(): HiBobPerson[]; addPerson(body: unknown, state?: HiBobPerson['state']): string }> {
  const users = options.serviceUsers ?? HIBOB_DEFAULTS.serviceUsers;
  const sites = options.sites ?? HIBOB_DEFAULTS.sites;
  const departments = options.departments ?? HIBOB_DEFAULTS.departments;
  const lists: Record<string, readonly string[]> = {
    site: sites,
    department: departments,
    title: options.titles ?? HIBOB_DEFAULTS.titles,
  };
  const ids = sequence(3001);
  const people = new Map<string, HiBobPerson>();

  const authorize = (req: SandboxRequest) => {
    const presented = basicCredentials(req);
    if (!users.some((u) => u.id === presented?.user && u.token === presented.password))
      stop(401, 'Unauthorized: unknown service user or token');
  };

  function add(body: unknown, state: HiBobPerson['state']): HiBobPerson {
    const person = parseWith(PersonCreate, body, invalid);
    if (!sites.includes(person.work.site))
      stop(400, `work.site: "${person.work.site}" is not a value of the site list`);
    if (person.work.department !== undefined && !departments.includes(person.work.department)) {
      stop(400, `work.department: "${person.work.department}" is not a value of the department list`);
    }
    const created = {
      ...person,
      id: String(ids.next()),
      displayName: `${person.firstName} ${person.surname}`,
      state,
      createdAt: Date.now(),
    };
    people.set(created.id, created);
    return created;
  }

  /** A person as HiBob answers one: the employment state in `internal.status` [unconfirmed field, docs/vendors/hibob.md]. */
  const answer = ({ state, createdAt, ...person }: HiBobPerson) => ({
    ...person,
    internal: { status: state === 'active' ? 'Active' : 'Inactive' },
  });

  const visible = (p: HiBobPerson) => Date.now() - p.createdAt >= (options.readAfterWriteLagMs ?? 0);

  return {
    helpers: {
      people: () => [...people.values()],
      /** Seeds a person, e.g. an inactive one for rehire tests. */
      addPerson: (body, state = 'active') => add(body, state).id,
    },
    definition: {
      name: 'HiBob',
      routes: [
        {
          method: 'POST',
          path: '/v1/people',
          handle: (req) => {
            authorize(req);
            return json(HIBOB_UNCONFIRMED.createStatus, answer(add(jsonBody(req, invalid), 'active')));
          },
        },
        {
          method: 'GET',
          path: '/v1/company/people/fields',
          handle: (req) => {
            authorize(req);
            return json(200, PEOPLE_FIELDS);
          },
        },
        {
          // A named list (docs/vendors/hibob.md, "Field catalogue"): its items, each with an id and its display value.
          method: 'GET',
          path: '/v1/company/named-lists/:listName',
          handle: (req) => {
            authorize(req);
            const name = req.params.listName ?? '';
            const values = Object.hasOwn(lists, name) ? lists[name] : undefined;
            if (!values) return error(404, `List ${name} not found`);
            return json(200, {
              name,
              values: values.map((value, i) => ({
                id: String(9000 + i),
                value,
                name: value,
                archived: false,
                children: [],
              })),
            });
          },
        },
        {
          method: 'POST',
          path: '/v1/people/search',
          handle: (req) => {
            authorize(req);
            const search = parseWith(Search, jsonBody(req, invalid), invalid);
            const found = [...people.values()].filter(
              (p) =>
                visible(p) &&
                (search.showInactive || p.state === 'active') &&
                (search.filters ?? []).every((f) => f.values.includes(FIELD_OF[f.fieldPath](p))),
            );
            return json(200, { employees: found.map(answer) });
          },
        },
        {
          // The one-person read takes the backend id or the email in the path, fields in the body.
          method: 'POST',
          path: '/v1/people/:identifier',
          handle: (req) => {
            authorize(req);
            parseWith(Read, jsonBody(req, invalid), invalid);
            const key = req.params.identifier ?? '';
            const person =
              people.get(key) ?? [...people.values()].find((p) => p.email.toLowerCase() === key.toLowerCase());
            return person && visible(person) ? json(200, answer(person)) : error(404, `Employee ${key} not found`);
          },
        },
        ...['/v1/people', '/v1/people/:id'].map((path) => ({
          method: 'GET' as const,
          path,
          handle: () =>
            error(
              HIBOB_UNCONFIRMED.retiredStatus,
              'This endpoint was shut off: read people with POST /v1/people/search or POST /v1/people/{identifier}',
            ),
        })),
      ],
      error,
      snapshot: () => ({ people: [...people.values()] }),
      reset: () => {
        people.clear();
        ids.reset();
      },
    },
  };
}

export const startHiBob = (options: HiBobOptions & StartOptions = {}) => startVendor(createHiBob(options), options);
export type HiBobHandle = Awaited<ReturnType<typeof startHiBob>>;
