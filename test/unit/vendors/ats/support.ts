import type { HttpRequest, HttpResponse } from '../../../../lib/http';
import { HttpError } from '../../../../lib/http';
import { parseJsonBody } from '../../../../lib/webhooks/body';
import type { AtsContext, AtsSource, Delivery, OfferFieldSettings } from '../../../../lib/vendors/ats';
import type { SignedDelivery } from '../../../../sandbox/senders';

/** An API answer per "METHOD path" (query ignored); anything else is a 404, as a vendor would answer. */
export function fakeApi(answers: Record<string, unknown>) {
  const calls: HttpRequest[] = [];
  const ctx: AtsContext = {
    settings: { timeZone: 'UTC', defaultCountry: 'US' },
    auth: 'apiKey',
    async send(request): Promise<HttpResponse> {
      calls.push(request);
      const key = `${request.method} ${request.url.split('?')[0]}`;
      if (!(key in answers)) {
        throw new HttpError('http.status', `${key} answered 404`, {
          method: request.method,
          url: request.url,
          status: 404,
          retryable: false,
          attempts: 1,
          maybeDelivered: false,
        });
      }
      return { status: 200, headers: {}, body: answers[key], attempts: 1, durationMs: 1 };
    },
  };
  return { ctx, calls };
}

/** A signed delivery as the trigger would journal it after verification. */
export function deliveryOf(source: AtsSource, signed: SignedDelivery, vendorEventId: string | null = null): Delivery {
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const body = parseJsonBody(signed.rawBody);
  const receivedAt = new Date('2026-11-02T15:04:05Z');
  const classified = source.classify({ rawBody: signed.rawBody, headers, receivedAt, body, vendorEventId });
  if (!classified) throw new Error('the delivery was not classified');
  return { ...classified, vendor: source.vendor, body, receivedAt: receivedAt.toISOString() };
}

export const noApi = fakeApi({}).ctx;

/** A context whose account keeps its offer terms in these fields, as the ATS connection would set them. */
export const withOfferFields = (ctx: AtsContext, offerFields: OfferFieldSettings): AtsContext => ({
  ...ctx,
  settings: { ...ctx.settings, offerFields },
});
