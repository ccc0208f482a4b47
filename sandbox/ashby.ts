import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jsonBody, parseWith } from './framework/body';
import { errorKit } from './framework/errors';
import { json, refuse, type Reply } from './framework/reply';
import { requireBasicUser, type SandboxRequest } from './framework/request';
import { controlBody, startVendor, type Emulator, type Route, type StartOptions } from './server';

/** Facts docs/vendors/ashby.md leaves open, and the emulator's choice for each. */
export const ASHBY_UNCONFIRMED = {
  /** Ashby's RPC errors: HTTP 200 with `success: false` and the reasons; auth failures stay HTTP 401. */
  errorReply: (status: number, message: string): Reply =>
    json(status === 401 || status >= 429 ? status : 200, {
      success: false,
      errors: [message],
      errorInfo: { code: status === 404 ? 'not_found' : 'invalid_input', message },
    }),
  /**
   * An incremental read whose sync token has expired (the pagination guide documents tokens, not their
   * lifetime or this answer); a token Ashby never issued is refused as invalid input.
   */
  syncTokenExpired: (): Reply =>
    json(200, {
      success: false,
      errors: ['The sync token has expired; start a new full sync'],
      errorInfo: { code: 'sync_token_expired', message: 'The sync token has expired; start a new full sync' },
    }),
  /** The changelog (2026-05-14) names the code; the message is the emulator's. */
  incrementalSyncTooLarge: (): Reply =>
    json(200, {
      success: false,
      errors: ['Incremental sync too large; start a new full sync'],
      errorInfo: { code: 'incremental_sync_too_large', message: 'Incremental sync too large; start a new full sync' },
    }),
  /** The setValue request is documented, not its result. */
  setValueResult: (field: AshbyCustomField, value: unknown) => ({ id: field.id, title: field.title, value }),
} as const;

const OBJECT_TYPES = ['Candidate', 'Application', 'Job', 'Opening', 'Offer'] as const;

/** The value each custom field type takes in `customField.setValue` (docs/vendors/ashby.md). */
const FIELD_VALUE = {
  Boolean: z.boolean(),
  Date: z.iso.datetime({ offset: true }).or(z.iso.date()),
  String: z.string(),
  Email: z.email(),
  Phone: z.string(),
  LongText: z.string(),
  Number: z.number(),
  Url: z.url(),
  NumberRange: z.object({ type: z.literal('number-range'), minValue: z.number(), maxValue: z.number() }).strict(),
  CompensationRange: z
    .object({
      type: z.literal('compensation-range'),
      minValue: z.number(),
      maxValue: z.number(),
      currencyCode: z.string().length(3),
      interval: z.string(),
    })
    .strict(),
  ValueSelect: z.string(),
  MultiValueSelect: z.array(z.string()),
} satisfies Record<string, z.ZodType>;

export interface AshbyCustomField {
  id: string;
  title: string;
  objectType: (typeof OBJECT_TYPES)[number];
  fieldType: keyof typeof FIELD_VALUE;
  /** Allowed values of a ValueSelect / MultiValueSelect field. */
  selectableValues?: readonly string[];
}

export interface AshbyOptions {
  apiKeys?: readonly string[];
  customFields?: readonly AshbyCustomField[];
}

export const ASHBY_DEFAULTS = {
  apiKeys: ['sandbox-ashby-key'],
  customFields: [
    {
      id: '6f7c1a52-0b1e-4f5a-9d2e-000000000001',
      title: 'HRIS Employee ID',
      objectType: 'Candidate',
      fieldType: 'String',
    },
    {
      id: '6f7c1a52-0b1e-4f5a-9d2e-000000000002',
      title: 'Background check',
      objectType: 'Candidate',
      fieldType: 'String',
    },
    {
      id: '6f7c1a52-0b1e-4f5a-9d2e-000000000003',
      title: 'Pay frequency',
      objectType: 'Offer',
      fieldType: 'ValueSelect',
      selectableValues: ['Hourly', 'Monthly', 'Yearly'],
    },
  ],
} as const satisfies Required<AshbyOptions>;

interface Candidate {
  id: string;
  name: string;
  email: string;
  applicationIds: string[];
}
const APPLICATION_STATUSES = ['Hired', 'Archived', 'Active', 'Lead'] as const;
type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** `created` orders the list; `changed` is the change count at its last change, which sync tokens compare against. */
interface Application {
  id: string;
  candidateId: string;
  jobTitle: string;
  jobId: string | null;
  status: ApplicationStatus;
  createdAt: string;
  updatedAt: string;
  created: number;
  changed: number;
}

const { error, stop, invalid } = errorKit(ASHBY_UNCONFIRMED.errorReply);
const SetValue = z
  .object({
    objectId: z.string().min(1),
    objectType: z.enum(OBJECT_TYPES),
    fieldId: z.string().min(1),
    fieldValue: z.unknown(),
  })
  .strict();
const HireSeed = z
  .object({
    name: z.string().min(1),
    email: z.string().min(1),
    jobTitle: z.string().min(1),
    jobId: z.string().min(1),
    status: z.enum(APPLICATION_STATUSES),
    updatedAt: z.iso.datetime(),
  })
  .partial();

/** As `job.info` answers it: the department and location by id, their names from department.info and location.info. */
export interface AshbyJob {
  id: string;
  title: string;
  confidential: boolean;
  status: 'Open';
  employmentType: string | null;
  departmentId: string | null;
  locationId: string | null;
  customFields: [];
  updatedAt: string;
}

export interface AshbyOffer {
  id: string;
  applicationId: string;
  latestVersion: {
    id: string;
    startDate: string | null;
    salary: { value: number; currencyCode: string } | null;
    /** The offer form's custom fields, `{ id, title, value, isPrivate }`. */
    customFields: Array<{ id: string; title: string; value: unknown; isPrivate: boolean }>;
  };
  /** [unconfirmed] values; the poll looks for the accepted one (candidateHire carries "the most recent accepted offer", docs/vendors/ashby.md). */
  acceptanceStatus: string;
}

const JobSeed = z
  .object({
    title: z.string().min(1),
    employmentType: z.string().min(1),
    departmentName: z.string().min(1),
    locationName: z.string().min(1),
  })
  .partial()
  .required({ title: true });
/** `id`: the offer a `candidateHire` webhook names, so its offer.info answers. */
const OfferSeed = z.object({
  id: z.string().min(1).optional(),
  applicationId: z.string().min(1),
  startDate: z.string().min(1).optional(),
  salary: z.object({ value: z.number(), currencyCode: z.string().length(3) }).optional(),
  /** Custom field values by title. */
  customFields: z.record(z.string(), z.unknown()).default({}),
  acceptanceStatus: z.string().min(1).default('Accepted'),
});

type Rpc = <T>(schema: z.ZodType<T>, run: (body: T) => unknown) => (req: SandboxRequest) => Reply;

/**
 * Jobs and offers, which a `candidateHire` is completed from: `job.info` and `offer.info`, with the
 * result fields docs/vendors/ashby.md lists (some [unconfirmed] there).
 */
function ashbyHiring(rpc: Rpc) {
  const jobs = new Map<string, AshbyJob>();
  const offers = new Map<string, AshbyOffer>();
  const departments = new Map<string, string>();
  const locations = new Map<string, string>();
  const named = (names: Map<string, string>, name: string | undefined) => {
    if (name === undefined) return null;
    const id = randomUUID();
    names.set(id, name);
    return id;
  };

  const helpers = {
    addJob(seed: z.input<typeof JobSeed>): string {
      const job = JobSeed.parse(seed);
      const id = randomUUID();
      jobs.set(id, {
        id,
        title: job.title,
        confidential: false,
        status: 'Open',
        employmentType: job.employmentType ?? null,
        departmentId: named(departments, job.departmentName),
        locationId: named(locations, job.locationName),
        customFields: [],
        updatedAt: new Date().toISOString(),
      });
      return id;
    },
    addOffer(seed: z.input<typeof OfferSeed>): string {
      const offer = OfferSeed.parse(seed);
      const id = offer.id ?? randomUUID();
      const customFields = Object.entries(offer.customFields).map(([title, value]) => ({
        id: randomUUID(),
        title,
        value,
        isPrivate: false,
      }));
      offers.set(id, {
        id,
        applicationId: offer.applicationId,
        latestVersion: {
          id: randomUUID(),
          startDate: offer.startDate ?? null,
          salary: offer.salary ?? null,
          customFields,
        },
        acceptanceStatus: offer.acceptanceStatus,
      });
      return id;
    },
  };

  const routes: Route[] = [
    {
      method: 'POST',
      path: '/job.info',
      handle: rpc(
        z.object({ id: z.string().min(1) }).strict(),
        ({ id }) => jobs.get(id) ?? stop(404, `Job ${id} not found`),
      ),
    },
    {
      method: 'POST',
      path: '/department.info',
      handle: rpc(z.object({ departmentId: z.string().min(1) }).strict(), ({ departmentId }) => {
        const name = departments.get(departmentId) ?? stop(404, `Department ${departmentId} not found`);
        return { id: departmentId, name, isArchived: false };
      }),
    },
    {
      method: 'POST',
      path: '/location.info',
      handle: rpc(z.object({ locationId: z.string().min(1) }).strict(), ({ locationId }) => {
        const name = locations.get(locationId) ?? stop(404, `Location ${locationId} not found`);
        return { id: locationId, name, isArchived: false };
      }),
    },
    {
      method: 'POST',
      path: '/offer.info',
      handle: rpc(
        z.object({ offerId: z.string().min(1) }).strict(),
        ({ offerId }) => offers.get(offerId) ?? stop(404, `Offer ${offerId} not found`),
      ),
    },
  ];

  // So a person trying the Ashby example against `npm start` can make a complete hire by hand.
  const controls: Route[] = [
    { method: 'POST', path: '/jobs', handle: (req) => json(201, { id: helpers.addJob(controlBody(req, JobSeed)) }) },
    {
      method: 'POST',
      path: '/offers',
      handle: (req) => json(201, { id: helpers.addOffer(controlBody(req, OfferSeed)) }),
    },
  ];

  return {
    helpers,
    routes,
    controls,
    snapshot: () => ({ jobs: [...jobs.values()], offers: [...offers.values()] }),
    reset: () => {
      jobs.clear();
      offers.clear();
      departments.clear();
      locations.clear();
    },
  };
}

const Paging = { limit: z.number().int().min(1).max(100).optional(), cursor: z.string().min(1).optional() };
const ApplicationList = z
  .object({
    status: z.enum(APPLICATION_STATUSES).optional(),
    createdAfter: z.number().int().nonnegative().optional(),
    syncToken: z.string().min(1).optional(),
    ...Paging,
  })
  .strict();
/** What an application.list cursor carries: the last application listed, and the sync the read belongs to. */
const ListCursor = z.object({
  last: z.number().int(),
  after: z.number().int().nullable(),
  mark: z.number().int(),
  page: z.number().int().default(1),
});
type ListCursor = z.infer<typeof ListCursor>;

const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function decodeCursor<T>(schema: z.ZodType<T>, cursor: string): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
  } catch {
    return stop(400, 'cursor is not valid');
  }
}

/**
 * Ashby's incremental sync on application.list (pagination guide): a read pages by cursor; its last page
 * carries a sync token, and a read with that token lists only the applications changed after the read
 * that issued it began, whatever their status was then. Cursors are keyset-based, so an application
 * leaving the list mid-read shifts nothing.
 */
function applicationSync(applications: () => Application[], changes: () => number) {
  const tokens = new Map<string, { mark: number; expired: boolean }>();
  /** Pages an incremental read may have; a read asking for a later one is refused (changelog 2026-05-14). */
  let incrementalPageLimit = Infinity;
  const list = (
    body: z.infer<typeof ApplicationList>,
  ): { items: Application[]; more: boolean; nextCursor?: string; syncToken?: string } => {
    let at: ListCursor;
    if (body.cursor !== undefined) at = decodeCursor(ListCursor, body.cursor);
    else {
      const token =
        body.syncToken === undefined ? undefined : (tokens.get(body.syncToken) ?? stop(400, 'syncToken is not valid'));
      if (token?.expired) refuse(ASHBY_UNCONFIRMED.syncTokenExpired());
      at = { last: 0, after: token?.mark ?? null, mark: changes(), page: 1 };
    }
    if (at.after !== null && at.page > incrementalPageLimit) refuse(ASHBY_UNCONFIRMED.incrementalSyncTooLarge());
    const matching = applications().filter(
      (a) =>
        a.created > at.last &&
        (body.status === undefined || a.status === body.status) &&
        (at.after === null || a.changed > at.after) &&
        (body.createdAfter === undefined || Date.parse(a.createdAt) > body.createdAfter),
    );
    const items = matching.slice(0, body.limit ?? 100);
    if (items.length < matching.length)
      return { items, more: true, nextCursor: encodeCursor({ ...at, last: items.at(-1)!.created, page: at.page + 1 }) };
    const syncToken = randomUUID();
    tokens.set(syncToken, { mark: at.mark, expired: false });
    return { items, more: false, syncToken };
  };
  return {
    list,
    expireAll: () => tokens.forEach((t) => (t.expired = true)),
    limitIncrementalPages: (pages: number) => void (incrementalPageLimit = pages),
    reset: () => {
      tokens.clear();
      incrementalPageLimit = Infinity;
    },
  };
}

/**
 * The lists the trigger's reconciliation poll reads, paged as Ashby's pagination guide describes:
 * `{ success, results, moreDataAvailable, nextCursor }`, and `syncToken` on the last page of applications.
 */
function ashbyLists(
  authorize: (req: SandboxRequest) => void,
  sync: ReturnType<typeof applicationSync>,
  listed: (a: Application) => unknown,
  offers: () => AshbyOffer[],
): Route[] {
  const body = <T>(req: SandboxRequest, schema: z.ZodType<T>): T => {
    authorize(req);
    return parseWith(schema, jsonBody(req, invalid), invalid);
  };
  return [
    {
      method: 'POST',
      path: '/application.list',
      handle: (req) => {
        const { items, more, nextCursor, syncToken } = sync.list(body(req, ApplicationList));
        return json(200, {
          success: true,
          results: items.map(listed),
          moreDataAvailable: more,
          ...(nextCursor ? { nextCursor } : {}),
          ...(syncToken ? { syncToken } : {}),
        });
      },
    },
    {
      method: 'POST',
      path: '/offer.list',
      handle: (req) => {
        const { applicationId, cursor, limit } = body(
          req,
          z.object({ applicationId: z.string().min(1).optional(), ...Paging }).strict(),
        );
        const start = cursor === undefined ? 0 : decodeCursor(z.number().int().nonnegative(), cursor);
        const all = offers().filter((o) => applicationId === undefined || o.applicationId === applicationId);
        const end = start + (limit ?? 100);
        const more = end < all.length;
        return json(200, {
          success: true,
          results: all.slice(start, end),
          moreDataAvailable: more,
          ...(more ? { nextCursor: encodeCursor(end) } : {}),
        });
      },
    },
  ];
}

export function createAshby(options: AshbyOptions = {}): Emulator<{
  addHire(seed?: z.infer<typeof HireSeed>): { candidateId: string; applicationId: string };
  /** Moves an application to a status (a change a sync token reports). */
  setApplicationStatus(applicationId: string, status: ApplicationStatus): void;
  /** Every sync token issued so far is refused as expired from now on. */
  expireSyncTokens(): void;
  /** An incremental read asking for a page beyond this many is refused with `incremental_sync_too_large`. */
  limitIncrementalPages(pages: number): void;
  customFieldValues(objectId: string): Record<string, unknown>;
  addJob(seed: z.input<typeof JobSeed>): string;
  addOffer(seed: z.input<typeof OfferSeed>): string;
}> {
  const apiKeys = options.apiKeys ?? ASHBY_DEFAULTS.apiKeys;
  const fields: readonly AshbyCustomField[] = options.customFields ?? ASHBY_DEFAULTS.customFields;
  const candidates = new Map<string, Candidate>();
  const applications = new Map<string, Application>();
  const values = new Map<string, Record<string, unknown>>();
  let changes = 0;
  const changed = (a: Application) => Object.assign(a, { changed: ++changes, updatedAt: new Date().toISOString() });

  const customFieldsOf = (objectId: string) =>
    Object.entries(values.get(objectId) ?? {}).map(([id, value]) => ({
      id,
      title: fields.find((f) => f.id === id)?.title,
      value,
    }));
  const candidateJson = (c: Candidate) => ({
    id: c.id,
    name: c.name,
    primaryEmailAddress: { value: c.email, type: 'Personal', isPrimary: true },
    emailAddresses: [{ value: c.email, type: 'Personal', isPrimary: true }],
    phoneNumbers: [],
    applicationIds: c.applicationIds,
    customFields: customFieldsOf(c.id),
  });

  // RPC style (docs/vendors/ashby.md): every call is a POST of a JSON body, answered `{ success, results }`.
  const rpc =
    <T>(schema: z.ZodType<T>, run: (body: T) => unknown) =>
    (req: SandboxRequest) => {
      requireBasicUser(req, apiKeys, () => stop(401, 'Invalid API key'));
      return json(200, { success: true, results: run(parseWith(schema, jsonBody(req, invalid), invalid)) });
    };
  const hiring = ashbyHiring(rpc);
  const listedApplication = (a: Application) => {
    const c = candidates.get(a.candidateId);
    return {
      id: a.id,
      status: a.status,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      candidate: c && { id: c.id, name: c.name, primaryEmailAddress: candidateJson(c).primaryEmailAddress },
      job: a.jobId ? { id: a.jobId, title: a.jobTitle } : null,
    };
  };
  const sync = applicationSync(
    () => [...applications.values()],
    () => changes,
  );
  const lists = ashbyLists(
    (req) => requireBasicUser(req, apiKeys, () => stop(401, 'Invalid API key')),
    sync,
    listedApplication,
    () => hiring.snapshot().offers,
  );

  function setValue(body: z.infer<typeof SetValue>) {
    const field =
      fields.find((f) => f.id === body.fieldId && f.objectType === body.objectType) ??
      stop(400, `No ${body.objectType} custom field ${body.fieldId}`);
    const exists =
      body.objectType === 'Candidate'
        ? candidates.has(body.objectId)
        : body.objectType === 'Application' && applications.has(body.objectId);
    if (!exists) stop(404, `${body.objectType} ${body.objectId} not found`);
    const parsed = FIELD_VALUE[field.fieldType].safeParse(body.fieldValue);
    if (!parsed.success) stop(400, `fieldValue is not a valid ${field.fieldType}`);
    const chosen = [parsed.data].flat().filter((v) => typeof v === 'string');
    if (field.selectableValues && chosen.some((v) => !field.selectableValues?.includes(v)))
      stop(400, `fieldValue is not an option of ${field.title}`);
    values.set(body.objectId, { ...values.get(body.objectId), [field.id]: parsed.data });
    return ASHBY_UNCONFIRMED.setValueResult(field, parsed.data);
  }

  /*
   * Erasure (hr-forget): `candidate.anonymize` (https://developers.ashbyhq.com/docs/candidateanonymize)
   * is irreversible and refused while an application is neither archived nor hired.
   */
  function anonymize({ candidateId }: { candidateId: string }) {
    const candidate = candidates.get(candidateId) ?? stop(404, `Candidate ${candidateId} not found`);
    const open = candidate.applicationIds.some(
      (id) => !['Hired', 'Archived'].includes(applications.get(id)?.status ?? 'Archived'),
    );
    if (open) stop(400, `Candidate ${candidateId} has an application that is neither hired nor archived`);
    Object.assign(candidate, { name: 'Anonymized Candidate', email: '' });
    return { id: candidate.id, anonymized: true };
  }

  const helpers = {
    addHire(seed: z.infer<typeof HireSeed> = {}) {
      const candidateId = randomUUID();
      const applicationId = randomUUID();
      candidates.set(candidateId, {
        id: candidateId,
        name: seed.name ?? 'Ana Silva',
        email: seed.email ?? 'ana.silva@example.com',
        applicationIds: [applicationId],
      });
      const application = {
        id: applicationId,
        candidateId,
        jobTitle: seed.jobTitle ?? 'Developer',
        jobId: seed.jobId ?? null,
        status: seed.status ?? 'Hired',
        createdAt: '',
        updatedAt: '',
        created: changes + 1,
        changed: 0,
      };
      changed(application);
      // `updatedAt` seeds history: an application last changed long ago.
      if (seed.updatedAt) application.updatedAt = seed.updatedAt;
      application.createdAt = application.updatedAt;
      applications.set(applicationId, application);
      return { candidateId, applicationId };
    },
    setApplicationStatus(applicationId: string, status: ApplicationStatus) {
      const application = applications.get(applicationId) ?? stop(404, `Application ${applicationId} not found`);
      changed(Object.assign(application, { status }));
    },
    expireSyncTokens: () => sync.expireAll(),
    limitIncrementalPages: (pages: number) => sync.limitIncrementalPages(pages),
    customFieldValues: (objectId: string) => ({ ...values.get(objectId) }),
    ...hiring.helpers,
  };

  return {
    helpers,
    definition: {
      name: 'Ashby',
      routes: [
        {
          method: 'POST',
          path: '/candidate.info',
          handle: rpc(z.object({ id: z.string().min(1) }).strict(), ({ id }) =>
            candidateJson(candidates.get(id) ?? stop(404, `Candidate ${id} not found`)),
          ),
        },
        {
          method: 'POST',
          path: '/application.info',
          handle: rpc(
            z.object({ applicationId: z.string().min(1), expand: z.array(z.string()).optional() }).strict(),
            ({ applicationId }) => {
              const a = applications.get(applicationId) ?? stop(404, `Application ${applicationId} not found`);
              const c = candidates.get(a.candidateId);
              return {
                id: a.id,
                status: a.status,
                candidate: c && { id: c.id, name: c.name, primaryEmailAddress: candidateJson(c).primaryEmailAddress },
                job: { title: a.jobTitle },
                customFields: customFieldsOf(a.id),
              };
            },
          ),
        },
        { method: 'POST', path: '/customField.setValue', handle: rpc(SetValue, setValue) },
        {
          // Paged like every list; the emulator's few fields fit one page.
          method: 'POST',
          path: '/customField.list',
          handle: (req) => {
            requireBasicUser(req, apiKeys, () => stop(401, 'Invalid API key'));
            parseWith(z.object(Paging).strict(), jsonBody(req, invalid), invalid);
            const results = fields.map((f) => ({
              id: f.id,
              isPrivate: false,
              title: f.title,
              objectType: f.objectType,
              isArchived: false,
              fieldType: f.fieldType,
              ...(f.selectableValues
                ? { selectableValues: f.selectableValues.map((v) => ({ label: v, value: v, isArchived: false })) }
                : {}),
            }));
            return json(200, { success: true, results, moreDataAvailable: false });
          },
        },
        {
          method: 'POST',
          path: '/candidate.anonymize',
          handle: rpc(z.object({ candidateId: z.string().min(1) }).strict(), anonymize),
        },
        ...hiring.routes,
        ...lists,
      ],
      controls: [
        { method: 'POST', path: '/hires', handle: (req) => json(201, helpers.addHire(controlBody(req, HireSeed))) },
        ...hiring.controls,
      ],
      error,
      snapshot: () => ({
        candidates: [...candidates.values()],
        applications: [...applications.values()],
        customFieldValues: Object.fromEntries(values),
        ...hiring.snapshot(),
      }),
      reset: () => {
        candidates.clear();
        applications.clear();
        values.clear();
        hiring.reset();
        sync.reset();
        changes = 0;
      },
    },
  };
}

export const startAshby = (options: AshbyOptions & StartOptions = {}) => startVendor(createAshby(options), options);
export type AshbyHandle = Awaited<ReturnType<typeof startAshby>>;
