import { HrError } from '../../errors';
import { basicAuth, type HttpClientOptions } from '../../http';
import type { AtsWriteBack, WriteBackConnection } from './types';

export const leverNote = (employeeId: string) => `Employee ID: ${employeeId}`;

export function leverHttpOptions(conn: WriteBackConnection): HttpClientOptions {
  return { baseUrl: conn.baseUrl || 'https://api.lever.co/v1', auth: basicAuth(conn.apiKey, '') };
}

/**
 * Lever has no writable custom field, so the id becomes a note on the opportunity (vendor-apis.md
 * §2.3). A note is not idempotent and no way to list notes is confirmed, so an attempt whose answer
 * was lost can leave the note twice; the outbox still never repeats a note that was acknowledged.
 */
export function leverWriteBack(conn: WriteBackConnection): AtsWriteBack {
  return {
    id: 'lever',
    async writeEmployeeId(ref, employeeId, ctx) {
      if (!ref.applicationId) throw new HrError('writeback.no_opportunity', 'Lever write-back needs the opportunity id (the application id of the hire).');
      await ctx.send({
        method: 'POST',
        url: `opportunities/${encodeURIComponent(ref.applicationId)}/notes`,
        ...(conn.actAs ? { query: { perform_as: conn.actAs } } : {}),
        body: { value: leverNote(employeeId) },
      });
    },
  };
}
