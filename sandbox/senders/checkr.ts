import { randomBytes } from 'node:crypto';
import type { SignedDelivery } from './delivery';
import { hmacDigest, jsonBody, type SenderOptions } from './signing';

export interface CheckrReportFields {
  eventId: string;
  reportId: string;
  candidateId: string;
  result: 'clear' | 'consider';
}

const checkrId = () => randomBytes(12).toString('hex');

/** A Checkr event with `include_object` on (docs/vendors/checkr.md); the key is the API key or OAuth client secret. */
export function checkrSender(options: SenderOptions) {
  const signed = (payload: unknown): SignedDelivery => {
    const rawBody = jsonBody(payload);
    return {
      rawBody,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Checkr-Webhook/1.0',
        'X-Checkr-Signature': hmacDigest('sha256', options.secret, rawBody),
      },
    };
  };
  return {
    reportCompleted: (fields: Partial<CheckrReportFields> = {}) => {
      const f = {
        eventId: checkrId(),
        reportId: checkrId(),
        candidateId: checkrId(),
        result: 'clear' as const,
        ...fields,
      };
      return signed({
        id: f.eventId,
        object: 'event',
        type: 'report.completed',
        created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        webhook_url: 'https://example.com/checkr',
        data: {
          object: {
            id: f.reportId,
            object: 'report',
            uri: `/v1/reports/${f.reportId}`,
            status: 'complete',
            result: f.result,
            candidate_id: f.candidateId,
            package: 'driver_pro',
          },
        },
        account_id: checkrId(),
      });
    },
    signed,
  };
}
