import { z } from 'zod';
import { basicAuth, type HttpClientOptions } from '../../http';
import type { CallContext } from '../hris/types';

export interface WorkLocation {
  country: string;
  state?: string;
  city?: string;
}

export interface CheckrConnection {
  apiKey: string;
  baseUrl?: string;
  /** Default package slug, e.g. "tasker_standard". */
  package: string;
  workLocation: WorkLocation;
  /** Account Hierarchy node; required by Checkr when the hierarchy is enabled (vendor-apis.md §6.1). */
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
  workLocation?: WorkLocation;
}

export interface CheckOrdered {
  candidateId: string;
  invitationId: string;
  invitationUrl: string;
  status: string;
  package: string;
}

const Candidate = z.object({ id: z.string().min(1) });
const Invitation = z.object({ id: z.string().min(1), invitation_url: z.string().min(1), status: z.string() });

export function checkrHttpOptions(conn: CheckrConnection): HttpClientOptions {
  // The secret key is the Basic username with an empty password (vendor-apis.md §6.1).
  return { baseUrl: conn.baseUrl || 'https://api.checkr.com', auth: basicAuth(conn.apiKey, ''), headers: { Accept: 'application/json' } };
}

/**
 * Orders a Checkr-hosted check: reuse or create the candidate, then invite them to the package.
 * `onCandidate` lets the caller record a new candidate at once, so a retry after a failed invitation
 * reuses it instead of creating a second one (Checkr asks to reuse candidates, §6.1).
 */
export function checkr(conn: CheckrConnection) {
  return {
    async orderCheck(order: CheckOrder, ctx: CallContext, onCandidate: (candidateId: string) => Promise<void>): Promise<CheckOrdered> {
      const pkg = order.package || conn.package;
      const location = order.workLocation ?? conn.workLocation;
      let candidateId = order.candidateId;
      if (!candidateId) {
        const created = await ctx.send({
          method: 'POST',
          url: 'v1/candidates',
          body: { first_name: order.firstName, last_name: order.lastName, email: order.email, ...(order.customId ? { custom_id: order.customId } : {}), work_locations: [location] },
        });
        candidateId = Candidate.parse(created.body).id;
        await onCandidate(candidateId);
      }
      const answer = await ctx.send({
        method: 'POST',
        url: 'v1/invitations',
        body: { candidate_id: candidateId, package: pkg, work_locations: [location], ...(conn.node ? { node: conn.node } : {}) },
      });
      const invitation = Invitation.parse(answer.body);
      return { candidateId, invitationId: invitation.id, invitationUrl: invitation.invitation_url, status: invitation.status, package: pkg };
    },
  };
}

export type CheckrClient = ReturnType<typeof checkr>;
