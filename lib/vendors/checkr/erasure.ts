import { sendErasure } from '../erasure/call';
import type { Eraser } from '../erasure/types';

/**
 * Checkr's "Request PII removal for a Candidate" (docs.checkr.com, operation `deleteCandidate`; the
 * dashboard equivalent is "Delete candidate data", help.checkr.com 4407667106711). Its exact route was
 * not retrieved [unconfirmed]: DELETE on the candidate is assumed. Checkr keeps reports it must keep
 * under the FCRA, so the result is a removal *requested*.
 */
export const CHECKR_ERASURE = {
  candidate: (id: string) => `v1/candidates/${encodeURIComponent(id)}`,
  method: 'DELETE',
} as const;

export const checkrEraser: Eraser = {
  system: 'checkr',
  erase: (candidateId, ctx) =>
    sendErasure(
      ctx,
      { method: CHECKR_ERASURE.method, url: CHECKR_ERASURE.candidate(candidateId) },
      'removal_requested',
    ),
};
