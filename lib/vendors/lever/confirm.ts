import { z } from 'zod';
import { HrError } from '../../errors';
import { HttpError } from '../../http';
import { fetchParsed, VendorId } from '../ats/boundary';
import type { AtsContext } from '../ats/types';
import { hiredReasonIds } from './hires';

/**
 * Lever signs a webhook's token and time, not its body (docs/vendors/lever.md, "Webhook signature"), so
 * what a body says happened is only a question to ask the API: the event is emitted once the API
 * agrees, and its ids come from the API's answer.
 */
export const leverConfirmApi = {
  opportunity: (id: string) => ({ method: 'GET' as const, url: `opportunities/${encodeURIComponent(id)}` }),
  opportunitiesOf: (contactId: string) => ({
    method: 'GET' as const,
    url: 'opportunities',
    query: { contact_id: contactId, limit: 1 },
  }),
} as const;

const unconfirmed = (message: string) => new HrError('ats.unconfirmed', message);

/** Throws unless the opportunity is archived with a reason of type "hired". */
export async function confirmHired(
  opportunity: { id: string; archived?: { reason?: string | null } | null },
  ctx: AtsContext,
): Promise<void> {
  const reason = opportunity.archived?.reason;
  if (reason && (await hiredReasonIds(ctx)).includes(reason)) return;
  throw unconfirmed(
    `Lever does not report opportunity ${opportunity.id} as archived as hired, so its candidateHired webhook is not emitted.`,
  );
}

const isGone = (err: unknown) => err instanceof HttpError && err.status === 404;
const Listed = z.object({ data: z.array(z.object({ id: VendorId }).loose()) });

/** Throws unless the named opportunity is gone and the contact has no opportunity left. */
export async function confirmDeleted(
  contactId: string,
  opportunityId: string | undefined,
  ctx: AtsContext,
): Promise<void> {
  if (opportunityId) {
    const stillThere = await ctx.send(leverConfirmApi.opportunity(opportunityId)).then(
      () => true,
      (err: unknown) => {
        if (isGone(err)) return false;
        throw err;
      },
    );
    if (stillThere)
      throw unconfirmed(
        `Lever still has opportunity ${opportunityId}, so the candidateDeleted webhook is not emitted.`,
      );
  }
  const { data } = await fetchParsed(
    ctx,
    leverConfirmApi.opportunitiesOf(contactId),
    Listed,
    'The Lever opportunities of the contact',
  );
  if (data.length > 0)
    throw unconfirmed(
      `Lever still has opportunities of contact ${contactId}, so the candidateDeleted webhook is not emitted.`,
    );
}
