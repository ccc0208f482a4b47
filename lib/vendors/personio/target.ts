import { z } from 'zod';
import { oauthClientCredentials, type HttpClientOptions, type HttpRequest } from '../../http';
import { employeeState, idAt } from '../hris/answers';
import { classifyHttpFailure, IdMissingError } from '../hris/classify';
import type { CallContext, EmployeeState, HrisTarget, RecoveryKeyField } from '../hris/types';

export interface PersonioConnection {
  system: 'personio';
  clientId: string;
  clientSecret: string;
  baseUrl?: string;
  /** The id of a custom attribute the writer stamps with its recovery key; none when empty. */
  recoveryAttribute?: string;
}

/**
 * [unconfirmed] docs/vendors/personio.md lists the persons filters (email, first_name, last_name, status, updated_at) but
 * none on custom attributes, and v2 list limits of at most 50: a recovery key is found by narrowing
 * on the name and reading the attribute of each person listed.
 */
export const PERSONIO_UNCONFIRMED = { listLimit: 50, maxPages: 20 } as const;

const Attribute = z.object({ id: z.string(), value: z.unknown() });
const Person = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  employments: z.array(z.object({ status: z.string().nullish() })).optional(),
  custom_attributes: z.array(Attribute).nullish(),
});
const Persons = z.object({
  _data: z.array(Person),
  _meta: z.object({ links: z.object({ next: z.object({ href: z.string() }).nullish() }).nullish() }).nullish(),
});

const attributesOf = (record: Record<string, unknown>) =>
  Array.isArray(record.custom_attributes) ? (record.custom_attributes as unknown[]) : [];
const attributeValue = (attributes: unknown[], id: string) => {
  const found = Attribute.safeParse(attributes.find((a) => Attribute.safeParse(a).data?.id === id));
  const value = found.success ? found.data.value : undefined;
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number' ? String(value) : undefined;
};

function recoveryIn(attribute: string): RecoveryKeyField {
  return {
    stamp(record, key) {
      const attributes = attributesOf(record);
      const present = attributeValue(attributes, attribute);
      return present
        ? { record, key: present }
        : { record: { ...record, custom_attributes: [...attributes, { id: attribute, value: key }] }, key };
    },
    async find(key, record, ctx) {
      const { first_name: first, last_name: last } = record;
      if (typeof first !== 'string' || typeof last !== 'string') return null;
      let page: HttpRequest | null = {
        method: 'GET',
        url: 'v2/persons',
        query: { first_name: first, last_name: last, limit: PERSONIO_UNCONFIRMED.listLimit },
      };
      for (let n = 0; page && n < PERSONIO_UNCONFIRMED.maxPages; n += 1) {
        const answer = Persons.parse((await ctx.send(page)).body);
        const person = answer._data.find((p) => attributeValue(p.custom_attributes ?? [], attribute) === key);
        if (person) return { employeeId: person.id, status: await stateOf(person, ctx) };
        const next = answer._meta?.links?.next?.href;
        page = next ? { method: 'GET', url: next } : null;
      }
      return null;
    },
  };
}

const Employments = z.object({ _data: z.array(z.object({ status: z.string().nullish() })) });

/** A person is employed while any employment is; all employments inactive means they left. */
function stateOfEmployments(employments: ReadonlyArray<{ status?: string | null }>): EmployeeState {
  const states = employments.map((e) => employeeState(e.status));
  if (states.includes('active')) return 'active';
  return states.length > 0 && states.every((s) => s === 'terminated') ? 'terminated' : 'unknown';
}

/**
 * A person answer lists its employments by id only (docs/vendors/personio.md, "Persons"): their status
 * is read from the person's employments list when the person answer does not carry it.
 */
async function stateOf(person: z.infer<typeof Person>, ctx: CallContext): Promise<EmployeeState> {
  const listed = person.employments ?? [];
  if (listed.length > 0 && listed.every((e) => e.status)) return stateOfEmployments(listed);
  const answer = await ctx.send({
    method: 'GET',
    url: `v2/persons/${encodeURIComponent(person.id)}/employments`,
    query: { limit: PERSONIO_UNCONFIRMED.listLimit },
  });
  return stateOfEmployments(Employments.parse(answer.body)._data);
}

export function personioHttpOptions(conn: PersonioConnection): HttpClientOptions {
  const baseUrl = conn.baseUrl || 'https://api.personio.de';
  // v2 client credentials, id and secret in the form body; the token lasts 24 h (docs/vendors/personio.md).
  const auth = oauthClientCredentials({
    tokenUrl: `${baseUrl.replace(/\/+$/, '')}/v2/auth/token`,
    clientId: conn.clientId,
    clientSecret: conn.clientSecret,
    clientAuth: 'body',
  });
  return { baseUrl, auth, headers: { Accept: 'application/json' } };
}

export function personio(conn: Pick<PersonioConnection, 'recoveryAttribute'> = {}): HrisTarget {
  return {
    id: 'personio',
    searchesByEmail: true,
    ...(conn.recoveryAttribute ? { recovery: recoveryIn(conn.recoveryAttribute) } : {}),
    async createEmployee(record, ctx) {
      // One call creates the person and their employment.
      const response = await ctx.send({ method: 'POST', url: 'v2/persons', body: record });
      const employeeId = idAt(response.body, 'id');
      if (!employeeId) throw new IdMissingError('Personio', 'no "id" in the answer');
      return { employeeId };
    },
    async findByWorkEmail(email, ctx) {
      const response = await ctx.send({ method: 'GET', url: 'v2/persons', query: { email, limit: 1 } });
      const [first] = Persons.parse(response.body)._data;
      return first ? { employeeId: first.id, status: await stateOf(first, ctx) } : null;
    },
    async employeeStatus(id, ctx) {
      return stateOf(
        Person.parse((await ctx.send({ method: 'GET', url: `v2/persons/${encodeURIComponent(id)}` })).body),
        ctx,
      );
    },
    async updateEmployee(id, patch, ctx) {
      await ctx.send({ method: 'PATCH', url: `v2/persons/${encodeURIComponent(id)}`, body: patch, idempotent: true });
    },
    workEmail: (record) => (typeof record.email === 'string' ? record.email : undefined),
    classify: classifyHttpFailure,
  };
}
