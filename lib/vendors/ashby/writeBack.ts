import { z } from 'zod';
import { HrError } from '../../errors';
import { basicAuth, type HttpClientOptions } from '../../http';
import type { CallContext } from '../hris/types';
import { checkOutcomeText, type AtsRef, type AtsWriteBack, type WriteBackConnection } from '../writeback/types';

export function ashbyHttpOptions(conn: WriteBackConnection): HttpClientOptions {
  return {
    baseUrl: conn.baseUrl || 'https://api.ashbyhq.com',
    auth: basicAuth(conn.apiKey, ''),
    headers: { Accept: 'application/json; version=1' },
  };
}

const RpcAnswer = z.object({ success: z.boolean(), errors: z.array(z.unknown()).optional() });

/**
 * Ashby's RPC-style customField.setValue on the candidate (docs/vendors/ashby.md). RPC failures come
 * back as HTTP 200 with `success: false`, so the body decides, not the status.
 */
export function ashbyWriteBack(conn: WriteBackConnection): AtsWriteBack {
  const setValue = async (ref: AtsRef, fieldId: string | undefined, value: string, ctx: CallContext, what: string) => {
    if (!fieldId)
      throw new HrError(
        'writeback.not_configured',
        `Ashby write-back needs the id of the custom field that holds the ${what}.`,
      );
    const response = await ctx.send({
      method: 'POST',
      url: 'customField.setValue',
      body: { objectId: ref.candidateId, objectType: 'Candidate', fieldId, fieldValue: value },
      idempotent: true,
    });
    const answer = RpcAnswer.safeParse(response.body);
    if (!answer.success || !answer.data.success) {
      const said = answer.success ? (answer.data.errors ?? []).map(String).join('; ') : 'an answer without "success"';
      throw new HrError('writeback.rejected', `Ashby refused the ${what} for candidate ${ref.candidateId}: ${said}`);
    }
  };
  return {
    id: 'ashby',
    writeEmployeeId: (ref, employeeId, ctx) => setValue(ref, conn.field, employeeId, ctx, 'employee id'),
    writeCheckResult: (ref, check, ctx) =>
      setValue(ref, conn.checkField, checkOutcomeText(check), ctx, 'background-check result'),
  };
}
