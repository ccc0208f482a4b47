import { HrError } from '../../errors';
import { basicAuth, type HttpClientOptions } from '../../http';
import type { CallContext } from '../hris/types';
import { checkOutcomeText, type AtsRef, type AtsWriteBack, type WriteBackConnection } from '../writeback/types';

export function greenhouseHttpOptions(conn: WriteBackConnection): HttpClientOptions {
  // Harvest v1/v2: the API key as the Basic username, empty password (vendor-apis.md §1.5).
  return { baseUrl: conn.baseUrl || 'https://harvest.greenhouse.io', auth: basicAuth(conn.apiKey, '') };
}

/**
 * Greenhouse has no employee-id field on candidates and offers lock after the hire, so the id (and a
 * background-check result) goes into a candidate custom field; every Harvest write needs On-Behalf-Of
 * (vendor-apis.md §1.5, §10.5).
 */
export function greenhouseWriteBack(conn: WriteBackConnection): AtsWriteBack {
  const setField = async (ref: AtsRef, field: string | undefined, value: string, ctx: CallContext, what: string) => {
    if (!conn.actAs || !field) {
      throw new HrError('writeback.not_configured', `Greenhouse write-back needs the user id to act on behalf of and the custom field key for the ${what}.`);
    }
    await ctx.send({
      method: 'PATCH',
      url: `v1/candidates/${encodeURIComponent(ref.candidateId)}`,
      headers: { 'On-Behalf-Of': conn.actAs },
      body: { custom_fields: [{ name_key: field, value }] },
      // Setting a field to the same value twice leaves one value.
      idempotent: true,
    });
  };
  return {
    id: 'greenhouse',
    writeEmployeeId: (ref, employeeId, ctx) => setField(ref, conn.field, employeeId, ctx, 'employee id'),
    writeCheckResult: (ref, check, ctx) => setField(ref, conn.checkField, checkOutcomeText(check), ctx, 'background-check result'),
  };
}
