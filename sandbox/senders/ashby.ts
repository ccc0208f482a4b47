import { randomUUID } from 'node:crypto';
import type { SignedDelivery } from './delivery';
import { hmacDigest, jsonBody, type SenderOptions } from './signing';

export interface AshbyApplicationFields {
  /** Shared by retries and by the related webhooks of one event (docs/vendors/ashby.md). */
  webhookActionId: string;
  applicationId: string;
  candidateId: string;
  name: string;
  email: string;
  jobId: string;
  jobTitle: string;
  /** YYYY-MM-DD */
  startDate: string;
}

const defaults = (): AshbyApplicationFields => ({
  webhookActionId: randomUUID(),
  applicationId: 'a1c5f6a2-3b0d-4f4e-9d53-0c2b2b5e7f10',
  candidateId: 'c0d6e7f8-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
  name: 'Johnny Smith',
  email: 'johnny@example.com',
  jobId: 'j9e8d7c6-5b4a-4392-8170-6f5e4d3c2b1a',
  jobTitle: 'Developer',
  startDate: '2026-12-01',
});

const application = (f: AshbyApplicationFields, status: 'Active' | 'Hired') => ({
  id: f.applicationId,
  status,
  candidate: {
    id: f.candidateId,
    name: f.name,
    primaryEmailAddress: { value: f.email, type: 'Personal', isPrimary: true },
  },
  job: { id: f.jobId, title: f.jobTitle },
});

/**
 * Ashby's envelope `{ webhookActionId, action, data }` (docs/vendors/ashby.md). The `candidateHire` offer
 * fields are [3rd-party] there; the exact data shape is unconfirmed.
 */
export function ashbySender(options: SenderOptions) {
  /** Any body, signed as Ashby signs: the raw bytes. */
  const raw = (body: Record<string, unknown>): SignedDelivery => {
    const rawBody = jsonBody(body);
    return {
      rawBody,
      headers: {
        'Content-Type': 'application/json',
        'Ashby-Signature': `sha256=${hmacDigest('sha256', options.secret, rawBody)}`,
      },
    };
  };
  const signed = (action: string, webhookActionId: string, data: unknown): SignedDelivery =>
    raw({ action, webhookActionId, data });
  return {
    applicationSubmit: (fields: Partial<AshbyApplicationFields> = {}) => {
      const f = { ...defaults(), ...fields };
      return signed('applicationSubmit', f.webhookActionId, { application: application(f, 'Active') });
    },
    candidateHire: (fields: Partial<AshbyApplicationFields> = {}) => {
      const f = { ...defaults(), ...fields };
      return signed('candidateHire', f.webhookActionId, {
        application: application(f, 'Hired'),
        offer: {
          id: `offer-${f.applicationId}`,
          applicationId: f.applicationId,
          acceptanceStatus: 'Accepted',
          offerStatus: 'OfferAccepted',
          decidedAt: new Date().toISOString(),
          latestVersion: { id: randomUUID(), startDate: f.startDate },
        },
      });
    },
    /** Sent when a webhook is set up or tested: `data.webhookActionType` names the webhook, and there is no webhookActionId. */
    ping: () => raw({ action: 'ping', data: { webhookActionType: 'ping' } }),
    signed,
    raw,
  };
}
