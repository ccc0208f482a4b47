import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jsonBody, parseWith } from './framework/body';
import { errorKit } from './framework/errors';
import { json, type Reply } from './framework/reply';
import { requireBasicUser, type SandboxRequest } from './framework/request';
import { controlBody, startVendor, type Emulator, type Route, type StartOptions } from './server';

/** Facts vendor-apis.md leaves open (§3.1, §11), and the emulator's choice for each. */
export const ASHBY_UNCONFIRMED = {
  /** Ashby's RPC errors: HTTP 200 with `success: false` and the reasons; auth failures stay HTTP 401. */
  errorReply: (status: number, message: string): Reply =>
    json(status === 401 || status >= 429 ? status : 200, { success: false, errors: [message], errorInfo: { code: status === 404 ? 'not_found' : 'invalid_input', message } }),
  /** §3.1 documents the setValue request, not its result. */
  setValueResult: (field: AshbyCustomField, value: unknown) => ({ id: field.id, title: field.title, value }),
} as const;

const OBJECT_TYPES = ['Candidate', 'Application', 'Job', 'Opening'] as const;

/** §3.1: the value each custom field type takes in `customField.setValue`. */
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
    .object({ type: z.literal('compensation-range'), minValue: z.number(), maxValue: z.number(), currencyCode: z.string().length(3), interval: z.string() })
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
    { id: '6f7c1a52-0b1e-4f5a-9d2e-000000000001', title: 'HRIS Employee ID', objectType: 'Candidate', fieldType: 'String' },
    { id: '6f7c1a52-0b1e-4f5a-9d2e-000000000002', title: 'Background check', objectType: 'Candidate', fieldType: 'String' },
  ],
} as const satisfies Required<AshbyOptions>;

interface Candidate { id: string; name: string; email: string; applicationIds: string[] }
interface Application { id: string; candidateId: string; jobTitle: string; jobId: string | null; updatedAt: string }

const { error, stop, invalid } = errorKit(ASHBY_UNCONFIRMED.errorReply);
const SetValue = z.object({ objectId: z.string().min(1), objectType: z.enum(OBJECT_TYPES), fieldId: z.string().min(1), fieldValue: z.unknown() }).strict();
const HireSeed = z.object({ name: z.string().min(1), email: z.string().min(1), jobTitle: z.string().min(1), jobId: z.string().min(1) }).partial();

export interface AshbyJob {
  id: string;
  title: string;
  employmentType: string | null;
  departmentName: string | null;
  locationName: string | null;
}

export interface AshbyOffer {
  id: string;
  applicationId: string;
  latestVersion: { id: string; startDate: string | null; salary: { value: number; currencyCode: string; interval?: string } | null };
  /** [unconfirmed] values; the poll looks for the accepted one (§3.1: candidateHire carries "the most recent accepted offer"). */
  acceptanceStatus: string;
}

const JobSeed = z.object({ title: z.string().min(1), employmentType: z.string().min(1), departmentName: z.string().min(1), locationName: z.string().min(1) }).partial().required({ title: true });
/** `id`: the offer a `candidateHire` webhook names, so its offer.info answers. */
const OfferSeed = z.object({
  id: z.string().min(1).optional(),
  applicationId: z.string().min(1),
  startDate: z.string().min(1).optional(),
  salary: z.object({ value: z.number(), currencyCode: z.string().length(3), interval: z.string().min(1).optional() }).optional(),
  acceptanceStatus: z.string().min(1).default('Accepted'),
});

type Rpc = <T>(schema: z.ZodType<T>, run: (body: T) => unknown) => (req: SandboxRequest) => Reply;

/**
 * Jobs and offers, which a `candidateHire` is completed from (§3.1): `job.info` and `offer.info`. The
 * result fields are the ones lib/vendors/ats/ashby.ts reads [unconfirmed there, §11].
 */
function ashbyHiring(rpc: Rpc) {
  const jobs = new Map<string, AshbyJob>();
  const offers = new Map<string, AshbyOffer>();

  const helpers = {
    addJob(seed: z.input<typeof JobSeed>): string {
      const job = JobSeed.parse(seed);
      const id = randomUUID();
      jobs.set(id, { id, title: job.title, employmentType: job.employmentType ?? null, departmentName: job.departmentName ?? null, locationName: job.locationName ?? null });
      return id;
    },
    addOffer(seed: z.input<typeof OfferSeed>): string {
      const offer = OfferSeed.parse(seed);
      const id = offer.id ?? randomUUID();
      offers.set(id, { id, applicationId: offer.applicationId, latestVersion: { id: randomUUID(), startDate: offer.startDate ?? null, salary: offer.salary ?? null }, acceptanceStatus: offer.acceptanceStatus });
      return id;
    },
  };

  const routes: Route[] = [
    {
      method: 'POST',
      path: '/job.info',
      handle: rpc(z.object({ id: z.string().min(1) }).strict(), ({ id }) => jobs.get(id) ?? stop(404, `Job ${id} not found`)),
    },
    {
      method: 'POST',
      path: '/offer.info',
      handle: rpc(z.object({ offerId: z.string().min(1) }).strict(), ({ offerId }) => offers.get(offerId) ?? stop(404, `Offer ${offerId} not found`)),
    },
  ];

  // So a person trying the Ashby example against `npm start` can make a complete hire by hand.
  const controls: Route[] = [
    { method: 'POST', path: '/jobs', handle: (req) => json(201, { id: helpers.addJob(controlBody(req, JobSeed)) }) },
    { method: 'POST', path: '/offers', handle: (req) => json(201, { id: helpers.addOffer(controlBody(req, OfferSeed)) }) },
  ];

  return {
    helpers,
    routes,
    controls,
    snapshot: () => ({ jobs: [...jobs.values()], offers: [...offers.values()] }),
    reset: () => {
      jobs.clear();
      offers.clear();
    },
  };
}

const Paging = { limit: z.number().int().min(1).max(100).optional(), cursor: z.string().min(1).optional() };

/**
 * The lists the trigger's reconciliation poll reads, paged as Ashby's pagination guide describes:
 * `{ success, results, moreDataAvailable, nextCursor }`. Only the filters the poll uses are known here.
 */
function ashbyLists(authorize: (req: SandboxRequest) => void, applications: () => unknown[], offers: () => AshbyOffer[]): Route[] {
  const paged = <T extends { limit?: number; cursor?: string }>(schema: z.ZodType<T>, items: (body: T) => unknown[]) => (req: SandboxRequest): Reply => {
    authorize(req);
    const body = parseWith(schema, jsonBody(req, invalid), invalid);
    const start = body.cursor === undefined ? 0 : Number(Buffer.from(body.cursor, 'base64url').toString());
    if (!Number.isInteger(start) || start < 0) stop(400, 'cursor is not valid');
    const all = items(body);
    const end = start + (body.limit ?? 100);
    const more = end < all.length;
    return json(200, { success: true, results: all.slice(start, end), moreDataAvailable: more, ...(more ? { nextCursor: Buffer.from(String(end)).toString('base64url') } : {}) });
  };
  return [
    {
      method: 'POST',
      path: '/application.list',
      // Every application the emulator holds is a hire.
      handle: paged(z.object({ status: z.enum(['Hired', 'Archived', 'Active', 'Lead']).optional(), ...Paging }).strict(), ({ status }) => (status === undefined || status === 'Hired' ? applications() : [])),
    },
    {
      method: 'POST',
      path: '/offer.list',
      handle: paged(z.object({ applicationId: z.string().min(1).optional(), ...Paging }).strict(), ({ applicationId }) => offers().filter((o) => applicationId === undefined || o.applicationId === applicationId)),
    },
  ];
}

export function createAshby(options: AshbyOptions = {}): Emulator<{
  addHire(seed?: z.infer<typeof HireSeed>): { candidateId: string; applicationId: string };
  customFieldValues(objectId: string): Record<string, unknown>;
  addJob(seed: z.input<typeof JobSeed>): string;
  addOffer(seed: z.input<typeof OfferSeed>): string;
}> {
  const apiKeys = options.apiKeys ?? ASHBY_DEFAULTS.apiKeys;
  const fields: readonly AshbyCustomField[] = options.customFields ?? ASHBY_DEFAULTS.customFields;
  const candidates = new Map<string, Candidate>();
  const applications = new Map<string, Application>();
  const values = new Map<string, Record<string, unknown>>();

  const customFieldsOf = (objectId: string) => Object.entries(values.get(objectId) ?? {}).map(([id, value]) => ({ id, title: fields.find((f) => f.id === id)?.title, value }));
  const candidateJson = (c: Candidate) => ({
    id: c.id,
    name: c.name,
    primaryEmailAddress: { value: c.email, type: 'Personal', isPrimary: true },
    emailAddresses: [{ value: c.email, type: 'Personal', isPrimary: true }],
    phoneNumbers: [],
    applicationIds: c.applicationIds,
    customFields: customFieldsOf(c.id),
  });

  // RPC style (§3.1): every call is a POST of a JSON body, answered `{ success, results }`.
  const rpc = <T>(schema: z.ZodType<T>, run: (body: T) => unknown) => (req: SandboxRequest) => {
    requireBasicUser(req, apiKeys, () => stop(401, 'Invalid API key'));
    return json(200, { success: true, results: run(parseWith(schema, jsonBody(req, invalid), invalid)) });
  };
  const hiring = ashbyHiring(rpc);
  const listedApplication = (a: Application) => {
    const c = candidates.get(a.candidateId);
    return { id: a.id, status: 'Hired', updatedAt: a.updatedAt, candidate: c && { id: c.id, name: c.name, primaryEmailAddress: candidateJson(c).primaryEmailAddress }, job: a.jobId ? { id: a.jobId, title: a.jobTitle } : null };
  };
  const lists = ashbyLists(
    (req) => requireBasicUser(req, apiKeys, () => stop(401, 'Invalid API key')),
    () => [...applications.values()].map(listedApplication),
    () => hiring.snapshot().offers,
  );

  function setValue(body: z.infer<typeof SetValue>) {
    const field = fields.find((f) => f.id === body.fieldId && f.objectType === body.objectType) ?? stop(400, `No ${body.objectType} custom field ${body.fieldId}`);
    const exists = body.objectType === 'Candidate' ? candidates.has(body.objectId) : body.objectType === 'Application' && applications.has(body.objectId);
    if (!exists) stop(404, `${body.objectType} ${body.objectId} not found`);
    const parsed = FIELD_VALUE[field.fieldType].safeParse(body.fieldValue);
    if (!parsed.success) stop(400, `fieldValue is not a valid ${field.fieldType}`);
    const chosen = [parsed.data].flat().filter((v) => typeof v === 'string');
    if (field.selectableValues && chosen.some((v) => !field.selectableValues?.includes(v))) stop(400, `fieldValue is not an option of ${field.title}`);
    values.set(body.objectId, { ...values.get(body.objectId), [field.id]: parsed.data });
    return ASHBY_UNCONFIRMED.setValueResult(field, parsed.data);
  }


  /*
   * Erasure (hr-forget): `candidate.anonymize` (https://developers.ashbyhq.com/docs/candidateanonymize)
   * is irreversible and refused while an application is neither archived nor hired; the emulator's
   * applications are all hires, so it always applies.
   */
  function anonymize({ candidateId }: { candidateId: string }) {
    const candidate = candidates.get(candidateId) ?? stop(404, `Candidate ${candidateId} not found`);
    Object.assign(candidate, { name: 'Anonymized Candidate', email: '' });
    return { id: candidate.id, anonymized: true };
  }

  const helpers = {
    addHire(seed: z.infer<typeof HireSeed> = {}) {
      const candidateId = randomUUID();
      const applicationId = randomUUID();
      candidates.set(candidateId, { id: candidateId, name: seed.name ?? 'Ana Silva', email: seed.email ?? 'ana.silva@example.com', applicationIds: [applicationId] });
      applications.set(applicationId, { id: applicationId, candidateId, jobTitle: seed.jobTitle ?? 'Developer', jobId: seed.jobId ?? null, updatedAt: new Date().toISOString() });
      return { candidateId, applicationId };
    },
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
          handle: rpc(z.object({ id: z.string().min(1) }).strict(), ({ id }) => candidateJson(candidates.get(id) ?? stop(404, `Candidate ${id} not found`))),
        },
        {
          method: 'POST',
          path: '/application.info',
          handle: rpc(z.object({ applicationId: z.string().min(1), expand: z.array(z.string()).optional() }).strict(), ({ applicationId }) => {
            const a = applications.get(applicationId) ?? stop(404, `Application ${applicationId} not found`);
            const c = candidates.get(a.candidateId);
            return { id: a.id, status: 'Hired', candidate: c && { id: c.id, name: c.name, primaryEmailAddress: candidateJson(c).primaryEmailAddress }, job: { title: a.jobTitle }, customFields: customFieldsOf(a.id) };
          }),
        },
        { method: 'POST', path: '/customField.setValue', handle: rpc(SetValue, setValue) },
        { method: 'POST', path: '/candidate.anonymize', handle: rpc(z.object({ candidateId: z.string().min(1) }).strict(), anonymize) },
        ...hiring.routes,
        ...lists,
      ],
      controls: [{ method: 'POST', path: '/hires', handle: (req) => json(201, helpers.addHire(controlBody(req, HireSeed))) }, ...hiring.controls],
      error,
      snapshot: () => ({ candidates: [...candidates.values()], applications: [...applications.values()], customFieldValues: Object.fromEntries(values), ...hiring.snapshot() }),
      reset: () => {
        candidates.clear();
        applications.clear();
        values.clear();
        hiring.reset();
      },
    },
  };
}

export const startAshby = (options: AshbyOptions & StartOptions = {}) => startVendor(createAshby(options), options);
export type AshbyHandle = Awaited<ReturnType<typeof startAshby>>;
