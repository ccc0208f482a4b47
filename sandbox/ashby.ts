import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jsonBody, parseWith } from './framework/body';
import { errorKit } from './framework/errors';
import { json, type Reply } from './framework/reply';
import { requireBasicUser, type SandboxRequest } from './framework/request';
import { controlBody, startVendor, type Emulator, type StartOptions } from './server';

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
  customFields: [{ id: '6f7c1a52-0b1e-4f5a-9d2e-000000000001', title: 'HRIS Employee ID', objectType: 'Candidate', fieldType: 'String' }],
} as const satisfies Required<AshbyOptions>;

interface Candidate { id: string; name: string; email: string; applicationIds: string[] }
interface Application { id: string; candidateId: string; jobTitle: string }

const { error, stop, invalid } = errorKit(ASHBY_UNCONFIRMED.errorReply);
const SetValue = z.object({ objectId: z.string().min(1), objectType: z.enum(OBJECT_TYPES), fieldId: z.string().min(1), fieldValue: z.unknown() }).strict();
const HireSeed = z.object({ name: z.string().min(1), email: z.string().min(1), jobTitle: z.string().min(1) }).partial();

export function createAshby(options: AshbyOptions = {}): Emulator<{
  addHire(seed?: z.infer<typeof HireSeed>): { candidateId: string; applicationId: string };
  customFieldValues(objectId: string): Record<string, unknown>;
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

  const helpers = {
    addHire(seed: z.infer<typeof HireSeed> = {}) {
      const candidateId = randomUUID();
      const applicationId = randomUUID();
      candidates.set(candidateId, { id: candidateId, name: seed.name ?? 'Ana Silva', email: seed.email ?? 'ana.silva@example.com', applicationIds: [applicationId] });
      applications.set(applicationId, { id: applicationId, candidateId, jobTitle: seed.jobTitle ?? 'Developer' });
      return { candidateId, applicationId };
    },
    customFieldValues: (objectId: string) => ({ ...values.get(objectId) }),
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
      ],
      controls: [{ method: 'POST', path: '/hires', handle: (req) => json(201, helpers.addHire(controlBody(req, HireSeed))) }],
      error,
      snapshot: () => ({ candidates: [...candidates.values()], applications: [...applications.values()], customFieldValues: Object.fromEntries(values) }),
      reset: () => {
        candidates.clear();
        applications.clear();
        values.clear();
      },
    },
  };
}

export const startAshby = (options: AshbyOptions & StartOptions = {}) => startVendor(createAshby(options), options);
export type AshbyHandle = Awaited<ReturnType<typeof startAshby>>;
