import { z } from 'zod';
import { basicAuth } from '../../http';
import { parseOrThrow, type CheckResult, type CheckStatus } from '../../model';
import { fetchParsed, parsePayload } from '../ats/boundary';
import { CheckEvent } from '../ats/events';
import { normaliser } from '../ats/people';
import type { AtsContext, AtsSource, Delivery } from '../ats/types';

/**
 * Checkr's inbound events (docs/vendors/checkr.md): `{ id, type, created_at, data: { object } }`, the event
 * id stable across retries. With `include_object` off the object may be a stub; it is then read back
 * with `GET /v1/reports/{id}`. Ordering checks is the writer's business, not this module's.
 */
export const checkrApi = {
  defaultBaseUrl: 'https://api.checkr.com/v1',
  report: (id: string) => ({ method: 'GET' as const, url: `reports/${encodeURIComponent(id)}` }),
} as const;

const Event = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created_at: z.string().nullish(),
  data: z.object({ object: z.object({ id: z.string().min(1), object: z.string().min(1) }).loose() }),
});

const CheckObject = z.object({
  id: z.string(),
  object: z.enum(['report', 'invitation']),
  status: z.string(),
  result: z.string().nullish(),
  candidate_id: z.string().min(1),
  package: z.string().min(1),
  report_id: z.string().nullish(),
  completed_at: z.string().nullish(),
});
type CheckObject = z.infer<typeof CheckObject>;

// An invitation's own states before a report exists; report statuses are the model's already.
const INVITATION_STATUS: Record<string, CheckStatus> = { pending: 'invited', completed: 'pending', expired: 'expired' };
const RESULTS = new Set<string>(['clear', 'consider', 'suspended', 'pending', 'canceled']);

const handled = (type: string): CheckEvent['type'] | null =>
  type === 'report.completed'
    ? 'check.completed'
    : type.startsWith('report.') || type.startsWith('invitation.')
      ? 'check.updated'
      : null;

function check(o: CheckObject) {
  const status = (o.object === 'invitation' ? INVITATION_STATUS[o.status] : o.status) as CheckStatus;
  const result = (
    o.result && RESULTS.has(o.result) ? o.result : status === 'canceled' ? 'canceled' : 'pending'
  ) as CheckResult;
  return {
    provider: 'checkr',
    candidateId: o.candidate_id,
    ...(o.object === 'report'
      ? { reportId: o.id }
      : { invitationId: o.id, ...(o.report_id ? { reportId: o.report_id } : {}) }),
    status,
    result,
    package: o.package,
    ...(o.completed_at ? { completedAt: o.completed_at } : {}),
  };
}

async function checkObject(delivery: Delivery, ctx: AtsContext): Promise<CheckObject> {
  const { object } = (delivery.body as z.infer<typeof Event>).data;
  // A stub carries no status: only then is the report read back; a full object missing a field is named.
  if (object.object === 'report' && !('status' in object))
    return fetchParsed(ctx, checkrApi.report(object.id), CheckObject, 'The Checkr report');
  return parsePayload(CheckObject, object, `The Checkr ${delivery.vendorType} object`);
}

export const checkr: AtsSource = {
  vendor: 'checkr',
  successStatus: 200,
  classify({ body }) {
    const event = parsePayload(Event, body, 'The Checkr webhook');
    const type = handled(event.type);
    if (!type) return null;
    const candidateId = typeof event.data.object.candidate_id === 'string' ? event.data.object.candidate_id : undefined;
    return {
      type,
      vendorType: event.type,
      key: `${event.type}:${event.id}`,
      subjects: { candidateIds: candidateId ? [candidateId] : [], emails: [] },
    };
  },
  async canonical(delivery, ctx) {
    const n = normaliser(ctx.settings);
    const createdAt = (delivery.body as z.infer<typeof Event>).created_at;
    const event = {
      type: delivery.type,
      eventId: delivery.key,
      system: 'checkr',
      occurredAt: n.dateTime(createdAt) ?? delivery.receivedAt,
      check: check(await checkObject(delivery, ctx)),
    };
    return { event: parseOrThrow(CheckEvent, event, `The Checkr ${delivery.vendorType} event`), warnings: n.warnings };
  },
  // Basic with the secret API key as username and an empty password (docs/vendors/checkr.md).
  httpOptions: (api) =>
    api.apiKey ? { baseUrl: api.baseUrl || checkrApi.defaultBaseUrl, auth: basicAuth(api.apiKey, '') } : null,
};
