/** Every scheme the ATS trigger can check an inbound webhook against. */
export const webhookVendors = [
  'greenhouse',
  'lever',
  'ashby',
  'workable',
  'smartrecruiters',
  'checkr',
  'standard-webhooks',
  'generic',
] as const;
export type WebhookVendor = (typeof webhookVendors)[number];

/** Header names are lower-case, as Node's http module delivers them. */
export type HeaderMap = Record<string, string | string[] | undefined>;

/** The request exactly as it arrived: the body is the bytes the vendor signed, never re-serialised JSON. */
export interface InboundRequest {
  rawBody: Buffer;
  headers: HeaderMap;
  receivedAt: Date;
}

export type RefusalReason =
  'missing_signature' | 'bad_signature' | 'stale_timestamp' | 'malformed_header' | 'missing_secret';

/** A refusal's detail names headers and numbers only: never the secret, never the body. */
export type Refusal = { ok: false; reason: RefusalReason; detail: string };

export type VerifyResult = { ok: true; eventId: string | null; timestamp?: Date } | Refusal;

export interface VerifyOptions {
  /** How far a signed timestamp may lie from the time of receipt, in either direction. Default 5 minutes. */
  toleranceMs?: number;
}

/** What to answer a subscription handshake with; such a request is never an event. */
export interface HandshakeReply {
  status: 200;
  headers: Record<string, string>;
}

export interface WebhookVerifier {
  readonly vendor: WebhookVendor;
  /** `secret` is the configured credential; absent or empty refuses with `missing_secret`. */
  verify(req: InboundRequest, secret: string | undefined, options?: VerifyOptions): VerifyResult;
  /** The vendor's idempotency key for the event, or null when the vendor sends none. */
  eventId(req: InboundRequest, parsedBody?: unknown): string | null;
  /** Recognises a subscription handshake, for vendors that have one. */
  handshake?(req: InboundRequest): HandshakeReply | null;
}
