import { z } from 'zod';
import type { EmployeeUpdatedEvent } from '../hris/changes';
import {
  BackgroundCheck,
  ExternalId,
  type HireEvent,
  IsoDateTime,
  Offer,
  OfferStatus,
  Person,
  SourceSystem,
  Text,
} from '../../model';

/**
 * The canonical events the ATS trigger emits on msg.payload, built from lib/model. A hire is the
 * model's HireEvent; the others are the smaller facts an integration reacts to.
 */
const Envelope = z.object({ eventId: Text, occurredAt: IsoDateTime });
const AtsEnvelope = Envelope.extend({ system: SourceSystem });

export const OfferEvent = AtsEnvelope.extend({
  type: z.literal('offer'),
  status: OfferStatus.optional(),
  applicationId: ExternalId,
  candidateId: ExternalId.optional(),
  /** Offer webhooks carry what changed, not always every field of a complete offer. */
  offer: Offer.partial(),
});
export type OfferEvent = z.infer<typeof OfferEvent>;

export const CandidateEvent = AtsEnvelope.extend({
  type: z.enum(['candidate.updated', 'candidate.deleted', 'candidate.merged', 'candidate.unhired']),
  candidateId: ExternalId,
  applicationIds: z.array(ExternalId).optional(),
  /** The surviving record of a merge. */
  mergedInto: ExternalId.optional(),
  person: Person.partial().optional(),
  /** The vendor's word for the new state, e.g. a SmartRecruiters status. */
  status: Text.optional(),
});
export type CandidateEvent = z.infer<typeof CandidateEvent>;

export const CheckEvent = Envelope.extend({
  type: z.enum(['check.completed', 'check.updated']),
  system: z.literal('checkr'),
  check: BackgroundCheck,
});
export type CheckEvent = z.infer<typeof CheckEvent>;

/** Standard Webhooks and generic HMAC senders: verified and de-duplicated, the data passed on as sent. */
export const WebhookEvent = Envelope.extend({
  type: z.literal('webhook'),
  system: z.enum(['standard-webhooks', 'generic']),
  name: Text,
  data: z.unknown(),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;

export type { HireEvent };

/** EmployeeUpdatedEvent: what the HRIS trigger emits through the same intake and journal. */
export type CanonicalEvent = HireEvent | OfferEvent | CandidateEvent | CheckEvent | WebhookEvent | EmployeeUpdatedEvent;
export type CanonicalType = CanonicalEvent['type'];
