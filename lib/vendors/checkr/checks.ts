import { z } from 'zod';
import { HrError } from '../../errors';
import { basicAuth, type HttpClientOptions, type HttpRequest } from '../../http';
import type { CallContext } from '../hris/types';
import { workLocationFor, type HireOffice, type OfficeRow, type WorkLocation } from './workLocation';

export type { WorkLocation } from './workLocation';

export interface CheckrConnection {
  apiKey: string;
  baseUrl?: string;
  /** Default package slug, e.g. "tasker_standard". */
  package: string;
  /** Where a hire that names no office works. */
  workLocation: WorkLocation;
  /** Offices whose text does not say where they are (or says it wrongly), and where they are. */
  offices?: readonly OfficeRow[];
  /** Account Hierarchy node; required by Checkr when the hierarchy is enabled (docs/vendors/checkr.md). */
  node?: string;
}

export interface CheckOrder {
  /** A Checkr candidate already linked to the person: reused rather than created again. */
  candidateId?: string;
  firstName: string;
  lastName: string;
  email: string;
  /** Our person GUID, kept by Checkr as custom_id so the candidate can be traced back. */
  customId?: string;
  package?: string;
  /** Given on the message: used as it is (a US one still needs its state). */
  workLocation?: WorkLocation;
  /** The hire's office, from which the work location is read when the message gives none. */
  office?: HireOffice;
}

export interface CheckOrdered {
  candidateId: string;
  invitationId: string;
  invitationUrl: string;
  status: string;
  package: string;
}

const Candidate = z.object({ id: z.string().min(1) });
const Invitation = z.object({
  id: z.string().min(1),
  invitation_url: z.string().min(1),
  status: z.string(),
  package: z.string().nullish(),
});
const Candidates = z.object({ data: z.array(Candidate) });
const Invitations = z.object({ data: z.array(Invitation) });

/**
 * [unconfirmed] docs/vendors/checkr.md documents creating candidates and invitations, not listing them. Checkr's list
 * endpoints answer `{ data: [...] }` and filter candidates by custom_id and invitations by candidate
 * and status: what finds a candidate or an invitation whose creation answer was lost.
 */
export const CHECKR_LISTS_UNCONFIRMED = {
  candidatesWithCustomId: (customId: string): HttpRequest => ({
    method: 'GET',
    url: 'v1/candidates',
    query: { custom_id: customId },
  }),
  pendingInvitations: (candidateId: string): HttpRequest => ({
    method: 'GET',
    url: 'v1/invitations',
    query: { candidate_id: candidateId, status: 'pending' },
  }),
} as const;

export interface OrderOptions {
  /** An earlier attempt may have created the candidate or the invitation: look for them first. */
  retry?: boolean;
  /** The last attempt's answer never came, and nobody has checked Checkr since: it may have sent the invitation. */
  outcomeUnknown?: boolean;
}

export function checkrHttpOptions(conn: CheckrConnection): HttpClientOptions {
  // The secret key is the Basic username with an empty password (docs/vendors/checkr.md).
  return {
    baseUrl: conn.baseUrl || 'https://api.checkr.com',
    auth: basicAuth(conn.apiKey, ''),
    headers: { Accept: 'application/json' },
  };
}

/**
 * Orders a Checkr-hosted check: reuse or create the candidate, then invite them to the package.
 * `onCandidate` lets the caller record a new candidate at once, so a retry after a failed invitation
 * reuses it instead of creating a second one (Checkr asks to reuse candidates, docs/vendors/checkr.md). After an attempt
 * whose answer was lost, the candidate is found by our person GUID (custom_id) and a pending
 * invitation to the same package is reused, so neither is made twice.
 */
export function checkr(conn: CheckrConnection) {
  return {
    async orderCheck(
      order: CheckOrder,
      ctx: CallContext,
      onCandidate: (candidateId: string) => Promise<void>,
      options: OrderOptions = {},
    ): Promise<CheckOrdered> {
      const pkg = order.package || conn.package;
      // Read before any call, so an order held for a missing state has created nothing at Checkr.
      const location = order.workLocation
        ? workLocationFor(undefined, [], order.workLocation, 'give msg.check.workLocation.state (two-letter code)')
        : workLocationFor(order.office, conn.offices ?? [], conn.workLocation);
      let candidateId = order.candidateId;
      let createdNow = false;
      if (!candidateId && options.retry && order.customId) {
        candidateId = Candidates.parse(
          (await ctx.send(CHECKR_LISTS_UNCONFIRMED.candidatesWithCustomId(order.customId))).body,
        ).data[0]?.id;
        if (candidateId) await onCandidate(candidateId);
      }
      if (!candidateId) {
        const created = await ctx.send({
          method: 'POST',
          url: 'v1/candidates',
          body: {
            first_name: order.firstName,
            last_name: order.lastName,
            email: order.email,
            ...(order.customId ? { custom_id: order.customId } : {}),
            work_locations: [location],
          },
        });
        candidateId = Candidate.parse(created.body).id;
        createdNow = true;
        await onCandidate(candidateId);
      }
      if (options.retry) {
        const pending = Invitations.parse(
          (await ctx.send(CHECKR_LISTS_UNCONFIRMED.pendingInvitations(candidateId))).body,
        ).data.find((i) => i.package === pkg);
        if (pending)
          return {
            candidateId,
            invitationId: pending.id,
            invitationUrl: pending.invitation_url,
            status: pending.status,
            package: pkg,
          };
        // Checkr's invitation list leaves out work locations outside the US (docs/vendors/checkr.md), so
        // an invitation whose answer was lost cannot be seen there: a person looks instead.
        if (options.outcomeUnknown && !createdNow && location.country.toUpperCase() !== 'US') {
          throw new HrError(
            'checkr.outcome_unknown',
            `An earlier attempt to invite Checkr candidate ${candidateId} may have succeeded (its answer never came), and Checkr does not list invitations outside the US: look at the candidate in Checkr, then retry or discard this dead letter.`,
          );
        }
      }
      const answer = await ctx.send({
        method: 'POST',
        url: 'v1/invitations',
        body: {
          candidate_id: candidateId,
          package: pkg,
          work_locations: [location],
          ...(conn.node ? { node: conn.node } : {}),
        },
      });
      const invitation = Invitation.parse(answer.body);
      return {
        candidateId,
        invitationId: invitation.id,
        invitationUrl: invitation.invitation_url,
        status: invitation.status,
        package: pkg,
      };
    },
  };
}

export type CheckrClient = ReturnType<typeof checkr>;
