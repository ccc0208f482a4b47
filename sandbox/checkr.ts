import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { jsonOrFormBody, parseWith } from './framework/body';
import { errorKit } from './framework/errors';
import { email, isoDay } from './framework/formats';
import { json } from './framework/reply';
import { requireBasicUser, type SandboxRequest } from './framework/request';
import { controlBody, startVendor, type Emulator, type StartOptions } from './server';

/** Facts docs/vendors/checkr.md marks [unconfirmed], and the emulator's choice for each. */
export const CHECKR_UNCONFIRMED = {
  /** Error body shape and the status of a validation failure. */
  errorBody: (message: string) => ({ error: message }),
  validationStatus: 400,
  /** docs/vendors/checkr.md names `X-Ratelimit-*` on 429 but not the numbers. */
  rateLimitPerMinute: 1200,
  /** The list answers are [unconfirmed] (docs/vendors/checkr.md): a list answer, and the filters the emulator honours. */
  listBody: (data: unknown[]) => ({ object: 'list', data, count: data.length, next_href: null, previous_href: null }),
} as const;

const CandidateFilters = z
  .object({ custom_id: z.string().min(1).optional(), email: z.string().min(1).optional() })
  .strict();
const InvitationFilters = z
  .object({
    candidate_id: z.string().min(1).optional(),
    status: z.enum(['pending', 'completed', 'expired']).optional(),
  })
  .strict();

/** docs/vendors/checkr.md: invitations expire after 7 days by default. */
const INVITATION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

const checkrId = () => randomBytes(12).toString('hex');
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** docs/vendors/checkr.md "Work locations": `state` is required when `country` is US. */
const WorkLocation = z
  .object({
    country: z.string().length(2),
    state: z.string().min(2).max(2).optional(),
    city: z.string().min(1).optional(),
  })
  .strict()
  .refine((l) => l.country !== 'US' || l.state !== undefined, {
    path: ['state'],
    message: 'state is required for a work location in the US',
  });

/** docs/vendors/checkr.md candidate fields; for the invitation flow only `email` is strictly needed. */
const CandidateCreate = z
  .object({
    email,
    first_name: z.string().min(1),
    middle_name: z.string(),
    no_middle_name: z.union([z.boolean(), z.enum(['true', 'false'])]),
    last_name: z.string().min(1),
    phone: z.string(),
    zipcode: z.string(),
    dob: isoDay,
    ssn: z.string(),
    driver_license_number: z.string(),
    driver_license_state: z.string(),
    custom_id: z.string(),
    work_locations: z.array(WorkLocation),
  })
  .partial()
  .required({ email: true })
  .strict();

const InvitationCreate = z
  .object({
    candidate_id: z.string().min(1),
    package: z.string().min(1),
    work_locations: z.array(WorkLocation).min(1),
    node: z.string().min(1).optional(),
    tags: z.array(z.string()).optional(),
  })
  .strict();

export interface CheckrOptions {
  apiKeys?: readonly string[];
  packages?: readonly string[];
  /** With Account Hierarchy, `node` is required (docs/vendors/checkr.md). */
  accountHierarchy?: boolean;
  /** Where the emulated Checkr says it delivers webhooks (`webhook_url` in the event). */
  webhookUrl?: string;
}

export const CHECKR_DEFAULTS = {
  apiKeys: ['sandbox-checkr-key'],
  packages: ['tasker_standard', 'driver_pro'],
  webhookUrl: 'http://127.0.0.1:1880/hr/checkr',
  accountId: 'sandbox0account0id0000001',
};

type Candidate = z.infer<typeof CandidateCreate> & {
  id: string;
  object: 'candidate';
  uri: string;
  created_at: string;
  report_ids: string[];
};
type Invitation = z.infer<typeof InvitationCreate> & {
  id: string;
  object: 'invitation';
  uri: string;
  invitation_url: string;
  status: 'pending' | 'completed' | 'expired';
  report_id: string | null;
  created_at: string;
  expires_at: string;
  completed_at: string | null;
  deleted_at: null;
};
interface Report {
  id: string;
  object: 'report';
  uri: string;
  status: 'complete';
  result: 'clear' | 'consider';
  candidate_id: string;
  package: string;
  created_at: string;
  completed_at: string;
}

/** The `report.completed` event the real Checkr would POST (docs/vendors/checkr.md), for a test to sign and deliver. */
export interface CheckrEvent {
  eventId: string;
  body: {
    id: string;
    object: 'event';
    type: 'report.completed';
    created_at: string;
    webhook_url: string;
    data: { object: Report };
    account_id: string;
  };
}

const { error, stop, invalid } = errorKit(
  (status, message, headers) => json(status, CHECKR_UNCONFIRMED.errorBody(message), headers),
  CHECKR_UNCONFIRMED.validationStatus,
);
const Completion = z.object({ invitationId: z.string().min(1), result: z.enum(['clear', 'consider']) });

export function createCheckr(options: CheckrOptions = {}): Emulator<{
  candidates(): Candidate[];
  invitations(): Invitation[];
  completeReport(completion: z.infer<typeof Completion>): CheckrEvent;
}> {
  const apiKeys = options.apiKeys ?? CHECKR_DEFAULTS.apiKeys;
  const packages = options.packages ?? CHECKR_DEFAULTS.packages;
  const candidates = new Map<string, Candidate>();
  const invitations = new Map<string, Invitation>();
  const reports = new Map<string, Report>();

  const authorize = (req: SandboxRequest) =>
    requireBasicUser(req, apiKeys, () => stop(401, 'Bad authentication error'));
  const getter =
    <T>(kind: string, from: Map<string, T>) =>
    (req: SandboxRequest) => {
      authorize(req);
      return json(200, from.get(req.params.id ?? '') ?? stop(404, `${kind} not found`));
    };

  function createInvitation(req: SandboxRequest) {
    authorize(req);
    const body = parseWith(InvitationCreate, jsonOrFormBody(req, invalid), invalid);
    const candidate = candidates.get(body.candidate_id) ?? stop(404, 'Candidate not found');
    if (!packages.includes(body.package))
      stop(CHECKR_UNCONFIRMED.validationStatus, `Package ${body.package} not found`);
    if (options.accountHierarchy && !body.node)
      stop(CHECKR_UNCONFIRMED.validationStatus, 'node is required when account hierarchy is enabled');
    const id = checkrId();
    const created = new Date();
    const invitation: Invitation = {
      ...body,
      tags: body.tags ?? [],
      id,
      object: 'invitation',
      uri: `/v1/invitations/${id}`,
      invitation_url: `https://apply.checkr.com/invite/sandbox/${id}`,
      status: 'pending',
      candidate_id: candidate.id,
      report_id: null,
      created_at: now(),
      expires_at: new Date(created.getTime() + INVITATION_LIFETIME_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      completed_at: null,
      deleted_at: null,
    };
    invitations.set(id, invitation);
    return json(201, invitation);
  }

  /*
   * Erasure (hr-forget): "Request PII removal for a Candidate" (docs.checkr.com, operation
   * deleteCandidate); route and answer were not retrieved, so DELETE on the candidate answering the
   * candidate id is this emulator's assumption, as lib/vendors/erasure/checkr.ts assumes it.
   */
  const erasureRoute = {
    method: 'DELETE' as const,
    path: '/v1/candidates/:id',
    handle: (req: SandboxRequest) => {
      authorize(req);
      const candidate = candidates.get(req.params.id ?? '') ?? stop(404, 'Candidate not found');
      candidates.delete(candidate.id);
      return json(200, { id: candidate.id, object: 'candidate', pii_removal_requested_at: now() });
    },
  };

  const helpers = {
    candidates: () => [...candidates.values()],
    invitations: () => [...invitations.values()],
    /** The candidate finishes the invitation and the report completes; returns what Checkr would send. */
    completeReport({ invitationId, result }: z.infer<typeof Completion>): CheckrEvent {
      const invitation = invitations.get(invitationId) ?? stop(404, `Invitation ${invitationId} not found`);
      const id = checkrId();
      const report: Report = {
        id,
        object: 'report',
        uri: `/v1/reports/${id}`,
        status: 'complete',
        result,
        candidate_id: invitation.candidate_id,
        package: invitation.package,
        created_at: now(),
        completed_at: now(),
      };
      reports.set(id, report);
      Object.assign(invitation, { status: 'completed', report_id: id, completed_at: report.completed_at });
      candidates.get(invitation.candidate_id)?.report_ids.push(id);
      const eventId = checkrId();
      return {
        eventId,
        body: {
          id: eventId,
          object: 'event',
          type: 'report.completed',
          created_at: now(),
          webhook_url: options.webhookUrl ?? CHECKR_DEFAULTS.webhookUrl,
          data: { object: report },
          account_id: CHECKR_DEFAULTS.accountId,
        },
      };
    },
  };

  return {
    helpers,
    definition: {
      name: 'Checkr',
      routes: [
        {
          method: 'POST',
          path: '/v1/candidates',
          handle: (req) => {
            authorize(req);
            const body = parseWith(CandidateCreate, jsonOrFormBody(req, invalid), invalid);
            const id = checkrId();
            const candidate: Candidate = {
              ...body,
              id,
              object: 'candidate',
              uri: `/v1/candidates/${id}`,
              created_at: now(),
              report_ids: [],
            };
            candidates.set(id, candidate);
            return json(201, candidate);
          },
        },
        {
          method: 'GET',
          path: '/v1/candidates',
          handle: (req) => {
            authorize(req);
            const f = parseWith(CandidateFilters, Object.fromEntries(req.query), invalid);
            return json(
              200,
              CHECKR_UNCONFIRMED.listBody(
                [...candidates.values()].filter(
                  (c) => (!f.custom_id || c.custom_id === f.custom_id) && (!f.email || c.email === f.email),
                ),
              ),
            );
          },
        },
        { method: 'GET', path: '/v1/candidates/:id', handle: getter('Candidate', candidates) },
        erasureRoute,
        { method: 'POST', path: '/v1/invitations', handle: createInvitation },
        {
          method: 'GET',
          path: '/v1/invitations',
          handle: (req) => {
            authorize(req);
            const f = parseWith(InvitationFilters, Object.fromEntries(req.query), invalid);
            // Checkr's list leaves out invitations with work locations outside the US (docs/vendors/checkr.md).
            const listed = [...invitations.values()].filter((i) => i.work_locations.every((l) => l.country === 'US'));
            return json(
              200,
              CHECKR_UNCONFIRMED.listBody(
                listed.filter(
                  (i) => (!f.candidate_id || i.candidate_id === f.candidate_id) && (!f.status || i.status === f.status),
                ),
              ),
            );
          },
        },
        { method: 'GET', path: '/v1/invitations/:id', handle: getter('Invitation', invitations) },
        { method: 'GET', path: '/v1/reports/:id', handle: getter('Report', reports) },
      ],
      controls: [
        {
          method: 'POST',
          path: '/reports',
          handle: (req) => json(201, helpers.completeReport(controlBody(req, Completion))),
        },
      ],
      error,
      throttled: (retryAfter) =>
        error(429, 'Too Many Requests', {
          'X-Ratelimit-Limit': String(CHECKR_UNCONFIRMED.rateLimitPerMinute),
          'X-Ratelimit-Remaining': '0',
          'X-Ratelimit-Reset': String(Math.ceil(Date.now() / 1000) + retryAfter),
        }),
      snapshot: () => ({
        candidates: helpers.candidates(),
        invitations: helpers.invitations(),
        reports: [...reports.values()],
      }),
      reset: () => {
        candidates.clear();
        invitations.clear();
        reports.clear();
      },
    },
  };
}

export const startCheckr = (options: CheckrOptions & StartOptions = {}) => startVendor(createCheckr(options), options);
export type CheckrHandle = Awaited<ReturnType<typeof startCheckr>>;
