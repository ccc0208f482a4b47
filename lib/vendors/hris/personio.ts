import { z } from 'zod';
import { oauthClientCredentials, type HttpClientOptions } from '../../http';
import { employeeState, idAt } from './answers';
import { classifyHttpFailure, IdMissingError } from './classify';
import type { EmployeeState, HrisTarget } from './types';

export interface PersonioConnection {
  system: 'personio';
  clientId: string;
  clientSecret: string;
  baseUrl?: string;
}

const Person = z.object({ id: z.union([z.string(), z.number()]).transform(String), employments: z.array(z.object({ status: z.string().nullish() })).optional() });
const Persons = z.object({ _data: z.array(Person) });

/** A person is employed while any employment is; all employments inactive means they left. */
function stateOf(person: z.infer<typeof Person>): EmployeeState {
  const states = (person.employments ?? []).map((e) => employeeState(e.status));
  if (states.includes('active')) return 'active';
  return states.length > 0 && states.every((s) => s === 'terminated') ? 'terminated' : 'unknown';
}

export function personioHttpOptions(conn: PersonioConnection): HttpClientOptions {
  const baseUrl = conn.baseUrl || 'https://api.personio.de';
  // v2 client credentials, id and secret in the form body; the token lasts 24 h (vendor-apis.md §5.2).
  const auth = oauthClientCredentials({ tokenUrl: `${baseUrl.replace(/\/+$/, '')}/v2/auth/token`, clientId: conn.clientId, clientSecret: conn.clientSecret, clientAuth: 'body' });
  return { baseUrl, auth, headers: { Accept: 'application/json' } };
}

export function personio(): HrisTarget {
  return {
    id: 'personio',
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
      return first ? { employeeId: first.id, status: stateOf(first) } : null;
    },
    async employeeStatus(id, ctx) {
      return stateOf(Person.parse((await ctx.send({ method: 'GET', url: `v2/persons/${encodeURIComponent(id)}` })).body));
    },
    async updateEmployee(id, patch, ctx) {
      await ctx.send({ method: 'PATCH', url: `v2/persons/${encodeURIComponent(id)}`, body: patch, idempotent: true });
    },
    workEmail: (record) => (typeof record.email === 'string' ? record.email : undefined),
    classify: classifyHttpFailure,
  };
}
