import { HttpError, type HttpRequest, type HttpResponse } from '../../http';
import type { CallContext } from '../hris/types';
import type { ErasureAction, ErasureResult } from './types';

/**
 * Sends one erasure request. A 404 means the record is not there: deleted by hand, or by an earlier
 * attempt whose answer was lost, so a repeat after a crash ends as "already gone", never as a failure.
 * Every erasure is idempotent in effect, so lib/http may repeat it on a lost answer. `action` names
 * what a success did, or reads the answer where the vendor reports failures inside a 200 (Ashby).
 */
export async function sendErasure(
  ctx: CallContext,
  request: HttpRequest,
  action: ErasureAction | ((response: HttpResponse) => ErasureResult),
): Promise<ErasureResult> {
  let response: HttpResponse;
  try {
    response = await ctx.send({ ...request, idempotent: true });
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return { outcome: 'already_gone' };
    throw err;
  }
  return typeof action === 'function' ? action(response) : { outcome: 'erased', action };
}

export const manual = (reason: string): ErasureResult => ({ outcome: 'manual', reason });
