import { randomBytes, randomUUID } from 'node:crypto';
import type { SignedDelivery } from './delivery';
import { clockOf, hmacDigest, jsonBody, type SenderOptions } from './signing';

export interface SmartRecruitersEventFields {
  eventId: string;
  jobId: string;
  candidateId: string;
}

/**
 * SmartRecruiters notifications are thin: ids in the body, what happened in `event-*` headers, the
 * entity's URL in `Link` (docs/vendors/smartrecruiters.md "Webhooks"). Signed over
 * `timestamp.body.event-id.event-name.event-version.link`, with `Link` taken as the whole header.
 * [unconfirmed] the body's field names and the URL in `Link` for application events.
 */
export function smartRecruitersSender(options: SenderOptions) {
  const now = clockOf(options);
  const signed = (
    eventName: string,
    eventVersion: string,
    eventId: string,
    link: string,
    payload: unknown,
  ): SignedDelivery => {
    const rawBody = jsonBody(payload);
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const content = Buffer.concat([
      Buffer.from(`${timestamp}.`),
      rawBody,
      Buffer.from(`.${eventId}.${eventName}.${eventVersion}.${link}`),
    ]);
    return {
      rawBody,
      headers: {
        'Content-Type': 'application/json',
        'event-name': eventName,
        'event-version': eventVersion,
        'event-id': eventId,
        Link: link,
        'smartrecruiters-timestamp': timestamp,
        'smartrecruiters-signature': `v1=${hmacDigest('sha256', options.secret, content)}`,
      },
    };
  };
  return {
    applicationStatusUpdated: (fields: Partial<SmartRecruitersEventFields> = {}) => {
      const f = { eventId: randomUUID(), jobId: randomUUID(), candidateId: randomUUID(), ...fields };
      const link = `<https://api.smartrecruiters.com/candidates/${f.candidateId}/jobs/${f.jobId}>; rel=self`;
      return signed('application.status.updated', 'v201910', f.eventId, link, {
        job_id: f.jobId,
        candidate_id: f.candidateId,
      });
    },
    /** The subscription activation request: only `X-Hook-Secret`, to be echoed back. */
    handshake: (hookSecret = randomBytes(16).toString('hex')): SignedDelivery => ({
      rawBody: Buffer.alloc(0),
      headers: { 'X-Hook-Secret': hookSecret },
    }),
    signed,
  };
}
