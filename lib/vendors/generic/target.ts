import { HrError } from '../../errors';
import { apiKeyHeader, type HttpClientOptions, type HttpRequest } from '../../http';
import { employeeState, fillTemplate, idAt, idFromLocation, readPath } from '../hris/answers';
import { classifyHttpFailure, IdMissingError } from '../hris/classify';
import { stampAt } from '../hris/recoveryField';
import type { FoundEmployee, HrisTarget } from '../hris/types';

type WriteMethod = Extract<HttpRequest['method'], 'POST' | 'PUT' | 'PATCH'>;

/** Any REST HRIS, described by the HR team instead of a vendor module. */
export interface GenericConnection {
  system: 'generic';
  baseUrl: string;
  authHeader: string;
  authValue: string;
  createMethod: WriteMethod;
  createUrl: string;
  /** Where the new id is in the create answer ("data.id"); empty: the Location header. */
  idPath: string;
  /** e.g. "/employees/{{employeeId}}"; empty: updates are not offered. */
  updateUrl?: string;
  updateMethod?: WriteMethod;
  /** e.g. "/employees?email={{email}}"; empty: the API cannot look people up. */
  lookupUrl?: string;
  lookupIdPath?: string;
  lookupStatusPath?: string;
  /** Where the work email is in the record. */
  emailPath?: string;
  /** Where in the record the writer puts its recovery key, e.g. "externalId"; with recoveryLookupUrl. */
  recoveryField?: string;
  /** e.g. "/employees?externalId={{key}}": finds the record holding the key, read with lookupIdPath/lookupStatusPath. */
  recoveryLookupUrl?: string;
}

export function genericHttpOptions(conn: GenericConnection): HttpClientOptions {
  return {
    baseUrl: conn.baseUrl,
    auth: apiKeyHeader(conn.authHeader || 'Authorization', conn.authValue),
    headers: { Accept: 'application/json' },
  };
}

export function generic(conn: GenericConnection): HrisTarget {
  const found = (body: unknown): FoundEmployee | null => {
    const employeeId = idAt(body, conn.lookupIdPath || 'id');
    if (!employeeId) return null;
    return {
      employeeId,
      status: conn.lookupStatusPath ? employeeState(readPath(body, conn.lookupStatusPath)) : 'unknown',
    };
  };
  const { recoveryField, recoveryLookupUrl } = conn;
  return {
    id: 'generic',
    searchesByEmail: Boolean(conn.lookupUrl),
    ...(recoveryField && recoveryLookupUrl
      ? {
          recovery: {
            stamp: (record, key) => stampAt(record, recoveryField, key),
            find: async (key, _record, ctx) =>
              found((await ctx.send({ method: 'GET', url: fillTemplate(recoveryLookupUrl, { key }) })).body),
          },
        }
      : {}),
    async createEmployee(record, ctx) {
      const response = await ctx.send({ method: conn.createMethod, url: conn.createUrl, body: record });
      const employeeId = conn.idPath ? idAt(response.body, conn.idPath) : idFromLocation(response.headers.location);
      if (!employeeId)
        throw new IdMissingError('The HRIS', conn.idPath ? `nothing at "${conn.idPath}"` : 'no Location header');
      return { employeeId };
    },
    async findByWorkEmail(email, ctx) {
      if (!conn.lookupUrl) return null;
      return found((await ctx.send({ method: 'GET', url: fillTemplate(conn.lookupUrl, { email }) })).body);
    },
    // A generic API says nothing about former employees; rehires are left to the HR team.
    employeeStatus: async () => 'unknown',
    async updateEmployee(id, patch, ctx) {
      if (!conn.updateUrl)
        throw new HrError(
          'hris.update_unsupported',
          'The generic HRIS connection has no update URL: add one to update employees.',
        );
      await ctx.send({
        method: conn.updateMethod ?? 'PATCH',
        url: fillTemplate(conn.updateUrl, { employeeId: id }),
        body: patch,
        idempotent: true,
      });
    },
    workEmail(record) {
      const found = readPath(record, conn.emailPath || 'workEmail');
      return typeof found === 'string' ? found : undefined;
    },
    classify: classifyHttpFailure,
  };
}
