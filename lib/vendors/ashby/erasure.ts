import { z } from 'zod';
import type { HttpResponse } from '../../http';
import { manual, sendErasure } from '../erasure/call';
import type { ErasureResult, Eraser } from '../erasure/types';

const RpcAnswer = z.object({ success: z.boolean(), errors: z.array(z.unknown()).optional() });

function readAnswer(response: HttpResponse): ErasureResult {
  const answer = RpcAnswer.safeParse(response.body);
  if (answer.success && answer.data.success) return { outcome: 'erased', action: 'anonymized' };
  const said = answer.success
    ? (answer.data.errors ?? []).map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('; ')
    : 'an answer without "success"';
  return manual(
    `Ashby did not anonymise the candidate: ${said || 'no reason given'}. Archive their open applications, then anonymise them in Ashby.`,
  );
}

/**
 * `POST candidate.anonymize` (https://developers.ashbyhq.com/docs/candidateanonymize): irreversible,
 * needs candidatesWrite, and only works once every application is archived or hired. Ashby answers RPC
 * failures with HTTP 200 and `success: false`; that is a precondition a person must meet, so it is
 * handed over as a manual step quoting Ashby, not retried.
 */
export const ashbyEraser: Eraser = {
  system: 'ashby',
  erase: (candidateId, ctx) =>
    sendErasure(ctx, { method: 'POST', url: 'candidate.anonymize', body: { candidateId } }, readAnswer),
};
