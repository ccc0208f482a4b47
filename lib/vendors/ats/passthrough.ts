import { z } from 'zod';
import { parseOrThrow } from '../../model';
import { contentKey, parsePayload } from './boundary';
import { WebhookEvent } from './events';
import type { AtsSource } from './types';

// The Standard Webhooks payload recommendation `{ type, timestamp, data }` (docs/vendors/standard-webhooks.md); other senders' bodies pass whole.
const Body = z
  .object({
    type: z.string().min(1).optional(),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    data: z.unknown(),
  })
  .loose();

/** Standard Webhooks and generic HMAC senders: verified, de-duplicated and passed on as they are. */
export function passthrough(vendor: 'standard-webhooks' | 'generic'): AtsSource {
  return {
    vendor,
    successStatus: 200,
    classify({ body, rawBody, vendorEventId }) {
      const parsed = parsePayload(Body, body, `The ${vendor} webhook`);
      const name = parsed.type ?? 'event';
      // webhook-id (or the configured event id header) is stable across retries; without one, the exact bytes are.
      return {
        type: 'webhook',
        vendorType: name,
        key: vendorEventId ?? contentKey(name, vendor, rawBody),
        subjects: { candidateIds: [], emails: [] },
      };
    },
    async canonical(delivery) {
      const body = Body.parse(delivery.body);
      const event = {
        type: 'webhook',
        eventId: delivery.key,
        system: vendor,
        occurredAt: body.timestamp ?? delivery.receivedAt,
        name: delivery.vendorType,
        data: body.data !== undefined ? body.data : delivery.body,
      };
      return { event: parseOrThrow(WebhookEvent, event, `The ${vendor} event`), warnings: [] };
    },
    httpOptions: () => null,
  };
}
