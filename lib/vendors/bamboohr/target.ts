import { z } from 'zod';
import { basicAuth, oauthRefreshToken, type HttpClientOptions } from '../../http';
import { employeeState, idFromLocation } from '../hris/answers';
import { classifyHttpFailure, IdMissingError } from '../hris/classify';
import { stampAt } from '../hris/recoveryField';
import { emailKey, rosterCache } from '../hris/roster';
import type { FoundEmployee, HrisTarget } from '../hris/types';

export interface BambooConnection {
  system: 'bamboohr';
  companyDomain: string;
  /** Overrides the API root for a sandbox; the paths below are appended to it. */
  baseUrl?: string;
  auth:
    | { kind: 'apiKey'; apiKey: string }
    | { kind: 'oauth'; clientId: string; clientSecret: string; refreshToken: string };
  /** How long the roster copy answers lookups before a create. */
  rosterMaxAgeMs?: number;
  /**
   * The field the writer stamps with its recovery key (undefined: employeeNumber; empty: none). A
   * standard field (docs/vendors/bamboohr.md) or the name of a custom text field.
   */
  recoveryField?: string;
}

export const DEFAULT_BAMBOOHR_RECOVERY_FIELD = 'employeeNumber';

/**
 * BambooHR has no find-by-email endpoint (docs/vendors/bamboohr.md) and its directory "may omit inactive"
 * employees, so the roster comes from a custom report, which lists former employees too: a rehire is
 * found by email, and a create whose answer was lost by the recovery key, without the identity graph.
 */
export const BAMBOOHR_ROSTER_REPORT = 'v1/reports/custom';

/** [unconfirmed] docs/vendors/bamboohr.md names the custom report but not its parameters: n8n, Workato and fyle send these. */
export const BAMBOOHR_UNCONFIRMED = {
  reportQuery: { format: 'JSON', onlyCurrent: 'false' },
} as const;

const DEFAULT_ROSTER_MAX_AGE_MS = 60_000;

const Text = z.union([z.string(), z.number()]).transform(String).nullish();
const Report = z.object({
  employees: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String) }).catchall(Text)),
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
  // Without Accept BambooHR answers XML (docs/vendors/bamboohr.md).
  return { baseUrl, auth, headers: { Accept: 'application/json' } };
}

export function bamboohr(conn: BambooConnection, now: () => number = Date.now): HrisTarget {
  const recoveryField = conn.recoveryField ?? DEFAULT_BAMBOOHR_RECOVERY_FIELD;
  const roster = rosterCache(
    async (ctx) => {
      const fields = ['status', 'workEmail', ...(recoveryField ? [recoveryField] : [])];
      const answer = await ctx.send({
        method: 'POST',
        url: BAMBOOHR_ROSTER_REPORT,
        query: BAMBOOHR_UNCONFIRMED.reportQuery,
        body: { title: 'HR integration roster', fields },
        idempotent: true,
      });
      const byEmail = new Map<string, FoundEmployee>();
      const byKey = new Map<string, FoundEmployee>();
      for (const e of Report.parse(answer.body).employees) {
        const found: FoundEmployee = { employeeId: e.id, status: employeeState(e.status) };
        if (e.workEmail) byEmail.set(emailKey(e.workEmail), found);
        const key = recoveryField ? e[recoveryField] : undefined;
        if (key) byKey.set(key, found);
      }
      return { byEmail, byKey };
    },
    conn.rosterMaxAgeMs ?? DEFAULT_ROSTER_MAX_AGE_MS,
    now,
  );
  const workEmail = (record: Record<string, unknown>) =>
    typeof record.workEmail === 'string' ? record.workEmail : undefined;

  return {
    id: 'bamboohr',
    searchesByEmail: true,
    ...(recoveryField
      ? {
          recovery: {
            stamp: (record, key) => stampAt(record, recoveryField, key),
            find: async (key, _record, ctx, options) => (await roster.read(ctx, options?.fresh)).byKey.get(key) ?? null,
          },
        }
      : {}),
    async createEmployee(record, ctx) {
      const response = await ctx.send({ method: 'POST', url: 'v1/employees', body: record });
      // 201 with an empty body: the id is the last segment of the Location header (docs/vendors/bamboohr.md).
      const employeeId = idFromLocation(response.headers.location);
      if (!employeeId) throw new IdMissingError('BambooHR', 'no Location header');
      const key = recoveryField ? record[recoveryField] : undefined;
      roster.remember({ employeeId, status: 'active' }, workEmail(record), typeof key === 'string' ? key : undefined);
      return { employeeId };
    },
    findByWorkEmail: async (email, ctx, options) =>
      (await roster.read(ctx, options?.fresh)).byEmail.get(emailKey(email)) ?? null,
    async employeeStatus(id, ctx) {
      const response = await ctx.send({
        method: 'GET',
        url: `v1/employees/${encodeURIComponent(id)}`,
        query: { fields: 'status' },
      });
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
