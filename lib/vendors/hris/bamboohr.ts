import { z } from 'zod';
import { basicAuth, oauthRefreshToken, type HttpClientOptions } from '../../http';
import { employeeState, idFromLocation } from './answers';
import { classifyHttpFailure, IdMissingError } from './classify';
import { rosterCache } from './roster';
import type { FoundEmployee, HrisTarget } from './types';

export interface BambooConnection {
  system: 'bamboohr';
  companyDomain: string;
  /** Overrides the API root for a sandbox; the paths below are appended to it. */
  baseUrl?: string;
  auth: { kind: 'apiKey'; apiKey: string } | { kind: 'oauth'; clientId: string; clientSecret: string; refreshToken: string };
  /** How long the roster copy answers lookups before a create. */
  rosterMaxAgeMs?: number;
}

/**
 * BambooHR has no find-by-email endpoint (vendor-apis.md §4.3); the directory lists id and work
 * email of current employees, but "may omit inactive" ones. Former employees are therefore found
 * through the identity graph (a link to their old id), not by email.
 */
export const BAMBOOHR_ROSTER_PATH = 'v1/employees/directory';

const DEFAULT_ROSTER_MAX_AGE_MS = 60_000;

const Directory = z.object({
  employees: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), workEmail: z.string().nullish(), status: z.string().nullish() })),
});
const Employee = z.object({ status: z.string().nullish() });

export function bamboohrHttpOptions(conn: BambooConnection): HttpClientOptions {
  const baseUrl = conn.baseUrl || `https://api.bamboohr.com/api/gateway.php/${encodeURIComponent(conn.companyDomain)}`;
  const auth =
    conn.auth.kind === 'apiKey'
      ? basicAuth(conn.auth.apiKey, 'x')
      : oauthRefreshToken({
          tokenUrl: `https://${conn.companyDomain}.bamboohr.com/token.php?request=token`,
          bodyFormat: 'json',
          clientId: conn.auth.clientId,
          clientSecret: conn.auth.clientSecret,
          refreshToken: conn.auth.refreshToken,
        });
  // Without Accept BambooHR answers XML (vendor-apis.md §4.1).
  return { baseUrl, auth, headers: { Accept: 'application/json' } };
}

export function bamboohr(conn: BambooConnection, now: () => number = Date.now): HrisTarget {
  const roster = rosterCache(
    async (ctx) => {
      const directory = Directory.parse((await ctx.send({ method: 'GET', url: BAMBOOHR_ROSTER_PATH })).body);
      const byEmail = new Map<string, FoundEmployee>();
      for (const e of directory.employees) {
        // Listed without a status means current: the directory leaves former employees out.
        if (e.workEmail) byEmail.set(e.workEmail.trim().toLowerCase(), { employeeId: e.id, status: e.status ? employeeState(e.status) : 'active' });
      }
      return byEmail;
    },
    conn.rosterMaxAgeMs ?? DEFAULT_ROSTER_MAX_AGE_MS,
    now,
  );
  const workEmail = (record: Record<string, unknown>) => (typeof record.workEmail === 'string' ? record.workEmail : undefined);

  return {
    id: 'bamboohr',
    async createEmployee(record, ctx) {
      const response = await ctx.send({ method: 'POST', url: 'v1/employees', body: record });
      // 201 with an empty body: the id is the last segment of the Location header (vendor-apis.md §4.2).
      const employeeId = idFromLocation(response.headers.location);
      if (!employeeId) throw new IdMissingError('BambooHR', 'no Location header');
      const email = workEmail(record);
      if (email) roster.remember(email, { employeeId, status: 'active' });
      return { employeeId };
    },
    findByWorkEmail: (email, ctx, options) => roster.find(email, ctx, options?.fresh),
    async employeeStatus(id, ctx) {
      const response = await ctx.send({ method: 'GET', url: `v1/employees/${encodeURIComponent(id)}`, query: { fields: 'status' } });
      return employeeState(Employee.parse(response.body).status);
    },
    async updateEmployee(id, patch, ctx) {
      // BambooHR updates with POST to the employee; setting the same fields twice is harmless.
      await ctx.send({ method: 'POST', url: `v1/employees/${encodeURIComponent(id)}`, body: patch, idempotent: true });
    },
    workEmail,
    classify: classifyHttpFailure,
  };
}
