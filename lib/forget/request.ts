import { z } from 'zod';
import { HrError } from '../errors';
import { describeIssues, MISSING_IS_REQUIRED } from '../zodIssues';
import type { ForgetRequest } from './types';

const Id = z.union([z.string().trim().min(1), z.number().int().transform(String)]);

/** The canonical `candidate.deleted` event of the ATS trigger (lib/vendors/ats/events.ts). */
const CandidateDeleted = z.object({
  type: z.literal('candidate.deleted'),
  system: z.string().min(1),
  candidateId: Id,
  person: z.object({ emails: z.array(z.object({ address: z.email() })).optional() }).optional(),
});

/** A data-subject request typed by a person or sent by another system: one of three ways to name the person. */
const Manual = z.union([
  z.object({ guid: z.string().trim().min(1) }).strict(),
  z.object({ system: z.string().trim().min(1), externalId: Id }).strict(),
  z.object({ email: z.email() }).strict(),
]);

const TriggerEvent = z.object({ id: z.string().min(1), vendor: z.string().min(1) });

const HINT =
  'msg.payload must be a candidate.deleted event from the ATS trigger, or { guid }, { system, externalId } or { email }.';

export function requestFrom(msg: { payload?: unknown; event?: unknown }): ForgetRequest {
  const payload = msg.payload;
  if (payload && typeof payload === 'object' && 'type' in payload) {
    const type = (payload as { type: unknown }).type;
    if (type !== 'candidate.deleted')
      throw new HrError(
        'forget.not_a_deletion',
        `A ${String(type)} event is not a deletion; only candidate.deleted is. ${HINT}`,
      );
    const event = CandidateDeleted.safeParse(payload, MISSING_IS_REQUIRED);
    if (!event.success)
      throw new HrError(
        'forget.request_invalid',
        `The candidate.deleted event is incomplete: ${describeIssues(event.error)}`,
      );
    const { system, candidateId, person } = event.data;
    const journal = TriggerEvent.safeParse(msg.event);
    const emails = (person?.emails ?? []).map((e) => e.address);
    return {
      by: { system, externalId: candidateId },
      deletedAt: { system, externalId: candidateId },
      ...(emails.length > 0 ? { emails } : {}),
      via: system,
      ...(journal.success ? { event: { source: journal.data.vendor, eventId: journal.data.id } } : {}),
    };
  }
  const manual = Manual.safeParse(payload);
  if (!manual.success)
    throw new HrError('forget.request_invalid', `The deletion request does not say who is to be forgotten. ${HINT}`);
  return { by: manual.data, via: 'manual' };
}
