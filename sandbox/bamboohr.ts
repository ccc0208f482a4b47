import { z } from 'zod';
import {
  DIRECTORY_FIELDS,
  FIXED_LISTS,
  isKnownField,
  LIST_FIELDS,
  META_FIELDS,
  READ_ONLY,
  WRITABLE,
  type ListField,
} from './bamboohrFields';
import { jsonBody, parseWith } from './framework/body';
import { errorKit } from './framework/errors';
import { sequence } from './framework/formats';
import { empty, json, type Reply } from './framework/reply';
import { header, requireBasicUser, type SandboxRequest } from './framework/request';
import { controlBody, startVendor, type Emulator, type Route, type StartOptions } from './server';

/** Facts docs/vendors/bamboohr.md marks [unconfirmed], and what this emulator does about each. */
export const BAMBOOHR_UNCONFIRMED = {
  /** docs/vendors/bamboohr.md documents 409 for a duplicate email on employees, not whether a terminated employee's email still counts. */
  duplicateEmailIncludesInactive: true,
  /** docs/vendors/bamboohr.md: list values "must exist in the account's lists"; the status of the refusal is not documented. */
  unknownListValueStatus: 400,
  /** docs/vendors/bamboohr.md: the directory "may omit inactive" employees; this emulator's directory omits them. */
  directoryIncludesInactive: false,
  /**
   * docs/vendors/bamboohr.md names the custom report (`POST /v1/reports/custom`) without its parameters. Read here as the
   * n8n/Workato/fyle clients use it: `format` required, `onlyCurrent` true unless "false", and a
   * current-only report leaving former employees out, so a client looking for them must ask with
   * onlyCurrent=false.
   */
  customReportOnlyCurrentOmitsInactive: true,
} as const;

/** docs/vendors/bamboohr.md: "406 references to non-existent fields", detail in `X-BambooHR-Error-Message`. */
const NON_EXISTENT_FIELD_STATUS = 406;

export interface BambooHrOptions {
  companyDomain?: string;
  apiKeys?: readonly string[];
  lists?: Partial<Record<ListField, readonly string[]>>;
  /** How a rate-limited request is answered: 429 from 2026-09-16, 503 before (docs/vendors/bamboohr.md). Both carry Retry-After. */
  throttleStatus?: 429 | 503;
}

export const BAMBOOHR_DEFAULTS = {
  companyDomain: 'acme',
  apiKeys: ['sandbox-bamboohr-key'],
  lists: {
    department: ['Engineering', 'Technology', 'Sales', 'People'],
    division: ['North America', 'EMEA'],
    location: ['New York City', 'London', 'Remote'],
  },
} as const;

export interface BambooEmployee {
  id: string;
  status: 'Active' | 'Inactive';
  fields: Record<string, string>;
}

/**
 * The two documented base URLs (docs/vendors/bamboohr.md): the classic gateway, and `https://<domain>.bamboohr.com/api/v1`,
 * which locally becomes `/<domain>/api/v1` because `<domain>.127.0.0.1` cannot be resolved.
 */
const MOUNTS = ['/api/gateway.php/:company/v1', '/:company/api/v1'];

/** docs/vendors/bamboohr.md custom report body: a title and the fields wanted; report filters are not emulated. */
const CustomReport = z.object({ title: z.string().optional(), fields: z.array(z.string().min(1)).min(1) }).strict();

const CreateBody = z
  .object(WRITABLE)
  .partial()
  .extend({ firstName: z.string().min(1), lastName: z.string().min(1) });

/** docs/vendors/bamboohr.md: BambooHR puts the reason in a header, not the body; a header only carries printable ASCII safely. */
const {
  error,
  stop,
  invalid: describe,
} = errorKit((status, message, headers) =>
  empty(status, { ...headers, 'X-BambooHR-Error-Message': message.replace(/[^\x20-\x7e]/g, '?') }),
);

const displayName = (f: Record<string, string>) => `${f.preferredName || f.firstName} ${f.lastName}`;

function readable(employee: BambooEmployee, name: string): string | null {
  if (name === 'id') return employee.id;
  if (name === 'status') return employee.status;
  if (name === 'displayName') return displayName(employee.fields);
  return employee.fields[name] ?? null;
}

/** Without `Accept: application/json` BambooHR answers XML (docs/vendors/bamboohr.md), which a JSON client must not mistake for data. */
function toXml(tag: string, id: string, values: Record<string, string | null>): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const fields = Object.entries(values)
    .map(([k, v]) => `<field id="${esc(k)}">${v === null ? '' : esc(v)}</field>`)
    .join('');
  return `<${tag} id="${esc(id)}">${fields}</${tag}>`;
}

const wantsJson = (req: SandboxRequest) => (header(req, 'accept') ?? '').includes('application/json');
const answer = (req: SandboxRequest, body: unknown, xml: () => string): Reply =>
  wantsJson(req)
    ? json(200, body)
    : { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: `<?xml version="1.0"?>${xml()}` };

export function createBambooHr(options: BambooHrOptions = {}): Emulator<{
  employees(): BambooEmployee[];
  addEmployee(fields: Record<string, unknown>, status?: BambooEmployee['status']): string;
  /** What HR does when someone leaves (or comes back): the employee's status changes, the record stays. */
  setEmployeeStatus(id: string, status: BambooEmployee['status']): void;
  setThrottleStatus(status: 429 | 503): void;
}> {
  const company = options.companyDomain ?? BAMBOOHR_DEFAULTS.companyDomain;
  const apiKeys = options.apiKeys ?? BAMBOOHR_DEFAULTS.apiKeys;
  const lists = { ...BAMBOOHR_DEFAULTS.lists, ...options.lists };
  let throttleStatus = options.throttleStatus ?? 429;
  const ids = sequence(101);
  const employees = new Map<string, BambooEmployee>();
  // Employees by lower-cased work email: the duplicate check must not scan every employee, or seeding 50k takes minutes.
  const byWorkEmail = new Map<string, BambooEmployee[]>();

  const authorize = (req: SandboxRequest) => {
    // Any password is accepted; the key is the username (docs/vendors/bamboohr.md).
    requireBasicUser(req, apiKeys, () => stop(401, 'Invalid API key'));
    if (req.params.company !== company) stop(404, `Unknown company domain "${req.params.company}"`);
  };

  function validate(body: unknown): Record<string, string> {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      stop(400, 'Body must be a JSON object of field names');
    const names = Object.keys(body as object);
    const unknown = names.filter((n) => !isKnownField(n));
    if (unknown.length) stop(NON_EXISTENT_FIELD_STATUS, `Invalid field(s): ${unknown.join(', ')}`);
    const readOnly = names.filter((n) => READ_ONLY.has(n));
    if (readOnly.length) stop(400, `Field(s) are read-only: ${readOnly.join(', ')}`);
    const fields = parseWith(CreateBody, body, describe);
    for (const list of LIST_FIELDS) {
      const value = fields[list];
      if (value !== undefined && !lists[list].includes(value)) {
        stop(BAMBOOHR_UNCONFIRMED.unknownListValueStatus, `Invalid value "${value}" for list field ${list}`);
      }
    }
    const email = fields.workEmail?.toLowerCase();
    const clash = (email ? (byWorkEmail.get(email) ?? []) : []).find(
      (e) => e.status === 'Active' || BAMBOOHR_UNCONFIRMED.duplicateEmailIncludesInactive,
    );
    if (clash) stop(409, `Duplicate email: workEmail is already used by employee ${clash.id}`);
    return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
  }

  const add = (fields: Record<string, string>, status: BambooEmployee['status']): string => {
    const id = String(ids.next());
    const employee = { id, status, fields };
    employees.set(id, employee);
    const email = fields.workEmail?.toLowerCase();
    if (email) byWorkEmail.set(email, [...(byWorkEmail.get(email) ?? []), employee]);
    return id;
  };

  /** `GET /v1/meta/lists` (docs/vendors/bamboohr.md): each list field with its options, none archived here. */
  const metaLists = () =>
    META_FIELDS.filter((f) => f.type === 'list').map((f) => ({
      fieldId: f.id,
      alias: f.alias,
      manageable: (LIST_FIELDS as readonly string[]).includes(f.alias) ? 'yes' : 'no',
      multiple: 'no',
      name: f.name,
      options: ((lists as Record<string, readonly string[]>)[f.alias] ?? FIXED_LISTS[f.alias] ?? []).map((name, i) => ({
        id: i + 1,
        archived: 'no',
        createdDate: '2026-01-05T09:00:00+00:00',
        archivedDate: null,
        name,
      })),
    }));
  const xmlEsc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

  const routesAt = (mount: string): Route[] => [
    {
      method: 'POST',
      path: `${mount}/employees`,
      handle: (req) => {
        authorize(req);
        const id = add(validate(jsonBody(req, describe)), 'Active');
        const base = mount.replace(':company', company);
        return empty(201, { Location: `http://${header(req, 'host') ?? '127.0.0.1'}${base}/employees/${id}` });
      },
    },
    {
      method: 'GET',
      path: `${mount}/employees/directory`,
      handle: (req) => {
        authorize(req);
        const listed = [...employees.values()].filter(
          (e) => e.status === 'Active' || BAMBOOHR_UNCONFIRMED.directoryIncludesInactive,
        );
        const rows = listed.map((e) => ({
          id: e.id,
          ...Object.fromEntries(DIRECTORY_FIELDS.map((f) => [f, readable(e, f)])),
        }));
        return answer(
          req,
          { fields: DIRECTORY_FIELDS.map((id) => ({ id, type: 'text', name: id })), employees: rows },
          () =>
            `<directory><employees>${listed.map((e) => toXml('employee', e.id, Object.fromEntries(DIRECTORY_FIELDS.map((f) => [f, readable(e, f)])))).join('')}</employees></directory>`,
        );
      },
    },
    {
      method: 'GET',
      path: `${mount}/meta/fields`,
      handle: (req) => {
        authorize(req);
        return answer(
          req,
          META_FIELDS,
          () =>
            `<fields>${META_FIELDS.map((f) => `<field id="${f.id}" type="${f.type}" alias="${f.alias}">${xmlEsc(f.name)}</field>`).join('')}</fields>`,
        );
      },
    },
    {
      method: 'GET',
      path: `${mount}/meta/lists`,
      handle: (req) => {
        authorize(req);
        const all = metaLists();
        return answer(
          req,
          all,
          () =>
            `<lists>${all.map((l) => `<list fieldId="${l.fieldId}" alias="${l.alias}"><name>${xmlEsc(l.name)}</name><options>${l.options.map((o) => `<option id="${o.id}" archived="no">${xmlEsc(o.name)}</option>`).join('')}</options></list>`).join('')}</lists>`,
        );
      },
    },
    {
      method: 'POST',
      path: `${mount}/reports/custom`,
      handle: (req) => {
        authorize(req);
        const format =
          req.query.get('format') ?? stop(400, 'The report format is required (format=JSON, XML, CSV, PDF or XLS)');
        if (!['JSON', 'XML'].includes(format.toUpperCase()))
          stop(400, `Report format ${format} is not offered by this sandbox`);
        const { title = 'Report', fields } = parseWith(CustomReport, jsonBody(req, describe), describe);
        const unknown = fields.filter((f) => !isKnownField(f));
        if (unknown.length) stop(NON_EXISTENT_FIELD_STATUS, `Invalid field(s): ${unknown.join(', ')}`);
        const onlyCurrent = req.query.get('onlyCurrent') !== 'false';
        const listed = [...employees.values()].filter(
          (e) => e.status === 'Active' || !onlyCurrent || !BAMBOOHR_UNCONFIRMED.customReportOnlyCurrentOmitsInactive,
        );
        const values = (e: BambooEmployee) => Object.fromEntries(fields.map((f) => [f, readable(e, f)]));
        if (format.toUpperCase() === 'XML') {
          return {
            status: 200,
            headers: { 'Content-Type': 'text/xml; charset=utf-8' },
            body: `<?xml version="1.0"?><report><employees>${listed.map((e) => toXml('employee', e.id, values(e))).join('')}</employees></report>`,
          };
        }
        return json(200, {
          title,
          fields: fields.map((id) => ({ id, type: 'text', name: id })),
          employees: listed.map((e) => ({ id: e.id, ...values(e) })),
        });
      },
    },
    {
      method: 'GET',
      path: `${mount}/employees/:id`,
      handle: (req) => {
        authorize(req);
        const employee = employees.get(req.params.id ?? '') ?? stop(404, `Employee ${req.params.id} not found`);
        const wanted = (req.query.get('fields') ?? 'firstName,lastName')
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean);
        const unknown = wanted.filter((f) => !isKnownField(f));
        if (unknown.length) stop(NON_EXISTENT_FIELD_STATUS, `Invalid field(s): ${unknown.join(', ')}`);
        const values = Object.fromEntries(wanted.map((f) => [f, readable(employee, f)]));
        return answer(req, { id: employee.id, ...values }, () => toXml('employee', employee.id, values));
      },
    },
  ];

  const helpers = {
    employees: () => [...employees.values()].map((e) => ({ ...e, fields: { ...e.fields } })),
    /** Seeds an employee the way an HR admin would have entered it, e.g. a terminated one for rehire tests. */
    addEmployee: (fields: Record<string, unknown>, status: BambooEmployee['status'] = 'Active') =>
      add(validate(fields), status),
    setEmployeeStatus: (id: string, status: BambooEmployee['status']) => {
      const employee = employees.get(id);
      if (!employee) throw new Error(`No employee ${id} in the BambooHR sandbox`);
      employee.status = status;
    },
    setThrottleStatus: (status: 429 | 503) => void (throttleStatus = status),
  };

  const SeedBody = z.object({
    status: z.enum(['Active', 'Inactive']).default('Active'),
    fields: z.record(z.string(), z.unknown()),
  });
  return {
    helpers,
    definition: {
      name: 'BambooHR',
      routes: MOUNTS.flatMap(routesAt),
      controls: [
        {
          method: 'POST',
          path: '/employees',
          handle: (req) => {
            const seed = controlBody(req, SeedBody);
            return json(201, { id: helpers.addEmployee(seed.fields, seed.status) });
          },
        },
        {
          method: 'POST',
          path: '/throttle-status',
          handle: (req) => {
            const { status } = controlBody(req, z.object({ status: z.union([z.literal(429), z.literal(503)]) }));
            helpers.setThrottleStatus(status);
            return json(200, { throttleStatus: status });
          },
        },
      ],
      error,
      throttled: () => error(throttleStatus, throttleStatus === 429 ? 'Too Many Requests' : 'Service Unavailable'),
      snapshot: () => ({ company, throttleStatus, employees: helpers.employees() }),
      reset: () => {
        employees.clear();
        byWorkEmail.clear();
        ids.reset();
        throttleStatus = options.throttleStatus ?? 429;
      },
    },
  };
}

export const startBambooHr = (options: BambooHrOptions & StartOptions = {}) =>
  startVendor(createBambooHr(options), options);
export type BambooHrHandle = Awaited<ReturnType<typeof startBambooHr>>;
