import { z } from 'zod';
import { HrError } from '../../errors';
import { basicAuth, type HttpClientOptions } from '../../http';
import type { AtsWriteBack, WriteBackConnection } from './types';

export function ashbyHttpOptions(conn: WriteBackConnection): HttpClientOptions {
  return { baseUrl: conn.baseUrl || 'https://api.ashbyhq.com', auth: basicAuth(conn.apiKey, ''), headers: { Accept: 'application/json; version=1' } };
}

const RpcAnswer = z.object({ success: z.boolean(), errors: z.array(z.unknown()).optional() });

/**
 * Ashby's RPC-style customField.setValue on the candidate (vendor-apis.md §3.1). RPC failures come
 * back as HTTP 200 with `success: false`, so the body decides, not the status.
 */
export function ashbyWriteBack(conn: WriteBackConnection): AtsWriteBack {
  return {
    id: 'ashby',
    async writeEmployeeId(ref, employeeId, ctx) {
      if (!conn.field) throw new HrError('writeback.not_configured', 'Ashby write-back needs the id of the custom field that holds the employee id.');
      const response = await ctx.send({
        method: 'POST',
        url: 'customField.setValue',
        body: { objectId: ref.candidateId, objectType: 'Candidate', fieldId: conn.field, fieldValue: employeeId },
        idempotent: true,
      });
      const answer = RpcAnswer.safeParse(response.body);
      if (!answer.success || !answer.data.success) {
        const said = answer.success ? (answer.data.errors ?? []).map(String).join('; ') : 'an answer without "success"';
        throw new HrError('writeback.rejected', `Ashby refused the employee id for candidate ${ref.candidateId}: ${said}`);
      }
    },
  };
}
