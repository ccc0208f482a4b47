import { randomUUID } from 'node:crypto';
import type { SignedDelivery } from './delivery';
import { clockOf, hmacDigest, jsonBody, type SenderOptions } from './signing';

export interface StandardWebhookFields {
  id: string;
  type: string;
  data: unknown;
}

/** A sender per the Standard Webhooks spec (docs/vendors/standard-webhooks.md); `secret` is `whsec_<base64>`. */
export function standardWebhooksSender(options: SenderOptions) {
  const now = clockOf(options);
  const key = Buffer.from(options.secret.replace(/^whsec_/, ''), 'base64');
  const signed = (id: string, payload: unknown): SignedDelivery => {
    const rawBody = jsonBody(payload);
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const signature = hmacDigest('sha256', key, Buffer.concat([Buffer.from(`${id}.${timestamp}.`), rawBody]), 'base64');
    return {
      rawBody,
      headers: {
        'Content-Type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': `v1,${signature}`,
      },
    };
  };
  return {
    message: (fields: Partial<StandardWebhookFields> = {}) => {
      const f = {
        id: `msg_${randomUUID().replace(/-/g, '')}`,
        type: 'employee.hired',
        data: { id: randomUUID() },
        ...fields,
      };
      return signed(f.id, { type: f.type, timestamp: now().toISOString(), data: f.data });
    },
    signed,
  };
}
