import type { SignedDelivery } from './delivery';
import { hmacDigest, jsonBody, type SenderOptions } from './signing';

export interface WorkableCandidateFields {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  jobShortcode: string;
  jobTitle: string;
  stage: string;
}

const defaults: WorkableCandidateFields = {
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
 * Workable has no "hired" event: `candidate_moved` into the hired stage stands for it, and the body is
 * the candidate as the candidate-details endpoint returns it (vendor-apis.md §3.2). Signed as hex,
 * the encoding lib/webhooks/workable.ts assumes [unconfirmed].
 */
export function workableSender(options: SenderOptions) {
  const signed = (payload: unknown): SignedDelivery => {
    const rawBody = jsonBody(payload);
    return {
      rawBody,
      headers: { 'Content-Type': 'application/json', 'X-Workable-Signature': hmacDigest('sha256', options.secret, rawBody) },
    };
  };
  return {
    candidateMoved: (fields: Partial<WorkableCandidateFields> = {}) => {
      const f = { ...defaults, ...fields };
      return signed({
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
        updated_at: new Date().toISOString(),
      });
    },
    signed,
  };
}
