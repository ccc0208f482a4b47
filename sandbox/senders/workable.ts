import type { SignedDelivery } from './delivery';
import { randomUUID } from 'node:crypto';
import { clockOf, hmacDigest, jsonBody, type SenderOptions } from './signing';

export interface WorkableCandidateFields {
  /** The delivery's event id, the envelope's `id`. */
  eventId: string;
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  jobShortcode: string;
  jobTitle: string;
  stage: string;
}

const defaults: Omit<WorkableCandidateFields, 'eventId'> = {
  id: '3fc9a80f',
  firstName: 'Lakita',
  lastName: 'Marrero',
  email: 'lakita_marrero@gmail.com',
  phone: '+1 555-555-5555',
  jobShortcode: 'GROOV003',
  jobTitle: 'Groove Tester',
  stage: 'Hired',
};

/**
 * Workable has no "hired" event: `candidate_moved` into the hired stage stands for it. The body is an
 * envelope `{ id, event_type, fired_at, resource_type, data }` whose `data` is the candidate as the
 * candidate-details endpoint returns it (docs/vendors/workable.md "Webhooks"). Signed as hex.
 */
export function workableSender(options: SenderOptions) {
  const signed = (payload: unknown): SignedDelivery => {
    const rawBody = jsonBody(payload);
    return {
      rawBody,
      headers: {
        'Content-Type': 'application/json',
        'X-Workable-Signature': hmacDigest('sha256', options.secret, rawBody),
      },
    };
  };
  return {
    candidateMoved: (fields: Partial<WorkableCandidateFields> = {}) => envelope('candidate_moved', fields),
    candidateCreated: (fields: Partial<WorkableCandidateFields> = {}) => envelope('candidate_created', fields),
    signed,
  };

  function envelope(
    eventType: 'candidate_moved' | 'candidate_created',
    fields: Partial<WorkableCandidateFields>,
  ): SignedDelivery {
    const { eventId = randomUUID(), ...rest } = fields;
    const f = { ...defaults, ...rest };
    const firedAt = clockOf(options)().toISOString();
    return signed({
      id: eventId,
      event_type: eventType,
      fired_at: firedAt,
      resource_type: 'candidate',
      data: {
        id: f.id,
        name: `${f.firstName} ${f.lastName}`,
        firstname: f.firstName,
        lastname: f.lastName,
        headline: null,
        account: { subdomain: 'groove-tech', name: 'Groove Tech' },
        job: { shortcode: f.jobShortcode, title: f.jobTitle },
        stage: f.stage,
        disqualified: false,
        sourced: false,
        email: f.email,
        phone: f.phone,
        created_at: '2026-01-15T12:00:00Z',
        updated_at: firedAt,
        ...(/^hired$/i.test(f.stage) ? { hired_at: firedAt.slice(0, 10) } : {}),
      },
    });
  }
}
