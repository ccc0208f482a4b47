import { z } from 'zod';
import { basicAuth, type HttpClientOptions } from '../../http';
import { employeeState, idAt, readPath } from '../hris/answers';
import { classifyHttpFailure, IdMissingError } from '../hris/classify';
import type { HrisTarget } from '../hris/types';

export interface HibobConnection {
  system: 'hibob';
  serviceUserId: string;
  token: string;
  baseUrl?: string;
}

/** Facts docs/vendors/hibob.md marks [unconfirmed], kept in one place. */
export const HIBOB_UNCONFIRMED = {
  /** Where the create answer carries the new id. */
  createdIdPath: 'id',
  /** Where a person's employment state is (`Active`/`Inactive`); the first one present wins. */
  statusPaths: ['internal.status'],
  /** The people search body. */
  search: (email: string) => ({
    fields: ['root.id', 'root.email'],
    showInactive: true,
    filters: [{ fieldPath: 'root.email', operator: 'equals', values: [email] }],
  }),
  /** The fields a one-person read asks for: the id and the employment state. */
  readFields: ['root.id', 'internal.status'],
} as const;

const SearchAnswer = z.object({ employees: z.array(z.record(z.string(), z.unknown())) });

/** A field as HiBob answers it: nested (`internal.status`) or as a slash key (`"/internal/status": { value }`), docs/vendors/hibob.md. */
const fieldOf = (person: unknown, path: string) =>
  readPath(person, path) ??
  readPath((person as Record<string, unknown> | null)?.[`/${path.replace(/\./g, '/')}`], 'value');

const stateOf = (person: unknown) =>
  employeeState(
    HIBOB_UNCONFIRMED.statusPaths.map((p) => fieldOf(person, p)).find((v) => v !== undefined && v !== null),
  );

export function hibobHttpOptions(conn: HibobConnection): HttpClientOptions {
  // A service user authenticates with Basic id:token (docs/vendors/hibob.md).
  return {
    baseUrl: conn.baseUrl || 'https://api.hibob.com',
    auth: basicAuth(conn.serviceUserId, conn.token),
    headers: { Accept: 'application/json' },
  };
}

export function hibob(): HrisTarget {
  return {
    id: 'hibob',
    // HiBob requires the email on every create (docs/vendors/hibob.md) and its search shows former employees too, so
    // the email is this target's recovery key; no field of its own is stamped.
    searchesByEmail: true,
    async createEmployee(record, ctx) {
      const response = await ctx.send({ method: 'POST', url: 'v1/people', body: record });
      const employeeId = idAt(response.body, HIBOB_UNCONFIRMED.createdIdPath);
      // HiBob reads may lag writes by ~20 s; the retry's lookup finds the record once it shows.
      if (!employeeId) throw new IdMissingError('HiBob', `no "${HIBOB_UNCONFIRMED.createdIdPath}" in the answer`);
      return { employeeId };
    },
    async findByWorkEmail(email, ctx) {
      // A search changes nothing, so repeating it is safe even though it is a POST.
      const response = await ctx.send({
        method: 'POST',
        url: 'v1/people/search',
        body: HIBOB_UNCONFIRMED.search(email),
        idempotent: true,
      });
      const [first] = SearchAnswer.parse(response.body).employees;
      const employeeId = first ? (idAt(first, 'id') ?? idAt(fieldOf(first, 'root.id'), '$')) : undefined;
      return employeeId ? { employeeId, status: stateOf(first) } : null;
    },
    async employeeStatus(id, ctx) {
      // GET /v1/people/{id} was shut off in 2025; the one-person read is a POST whose body names the
      // fields, and changes nothing (docs/vendors/hibob.md, "Reading people").
      const response = await ctx.send({
        method: 'POST',
        url: `v1/people/${encodeURIComponent(id)}`,
        body: { fields: HIBOB_UNCONFIRMED.readFields },
        idempotent: true,
      });
      return stateOf(response.body);
    },
    async updateEmployee(id, patch, ctx) {
      await ctx.send({ method: 'PUT', url: `v1/people/${encodeURIComponent(id)}`, body: patch });
    },
    workEmail: (record) => (typeof record.email === 'string' ? record.email : undefined),
    classify: classifyHttpFailure,
  };
}
