import type { HttpClientOptions, HttpRequest, HttpResponse } from '../../http';
import type { InboundRequest, WebhookVendor } from '../../webhooks';
import type { PayPeriod } from '../../model';
import type { CanonicalEvent, CanonicalType } from './events';
import type { HrisChangeVendor } from '../hris/changes';

/** A canonical event and what could not be read into it (a phone that is not a number, an unknown date). */
export interface Canonical {
  event: CanonicalEvent;
  warnings: string[];
}

/** Every sender the ATS trigger understands: the ATSs, Checkr's inbound events and the two generic schemes. */
export type AtsVendor = WebhookVendor;

/**
 * What a delivery is about, read from the verified body (and headers) only: enough to key it, look
 * for a tombstone and store it. JSON-serialisable, because it is what the store journals.
 */
export interface Delivery {
  /** An HRIS too: the HRIS trigger journals its deliveries through the same intake. */
  vendor: AtsVendor | HrisChangeVendor;
  type: CanonicalType;
  /** The vendor's own name for the event (`hire_candidate`, `candidateHired`, `report.completed`). */
  vendorType: string;
  /** The idempotency key, stable across the vendor's retries and shared with the reconciliation poll. */
  key: string;
  /** Ids and emails of the person it is about, to check against tombstones before anything is emitted. */
  subjects: { candidateIds: string[]; emails: string[] };
  /** The parsed vendor payload. */
  body: unknown;
  /** ISO time of receipt (or of discovery, for the poll). */
  receivedAt: string;
}

/** Header values a delivery is classified from, lower-case names. */
export type DeliveryInput = Pick<InboundRequest, 'headers' | 'rawBody' | 'receivedAt'> & {
  body: unknown;
  vendorEventId: string | null;
};

export interface AtsSettings {
  /** ISO 3166 country for phone numbers written without "+" (Greenhouse's "518-555-1212"). */
  defaultCountry?: string;
  /** IANA zone in which instants become calendar dates (start dates). */
  timeZone: string;
  /** Where this account keeps pay, its period, the employment type and the start date on an offer. */
  offerFields?: OfferFieldSettings;
}

/**
 * Which offer field holds what, in the vendor's own terms (a Greenhouse offer custom field's key, a
 * Lever offer field's identifier, a Workable offer variable's slug, a SmartRecruiters offer property's
 * key, an Ashby offer field's title). Unset: the vendor module's documented default. Accounts name
 * these fields themselves, so the defaults are a starting point, not a fact about any account.
 */
export interface OfferFieldSettings {
  pay?: string;
  /** The field that holds how often the pay is paid. */
  payPeriod?: string;
  /**
   * The period the user declares for the pay field when the offer carries none. Without one and
   * without a period on the offer, the pay's period is left unknown (never guessed).
   */
  declaredPayPeriod?: PayPeriod;
  employmentType?: string;
  startDate?: string;
}

/** An offer field the account defines, as the connection dialog offers it in a drop-down. */
export interface OfferFieldChoice {
  key: string;
  name: string;
  type?: string;
}

/** How a vendor module reaches the vendor's API for thin events and the poll; throws ats.api_not_configured without credentials. */
export interface AtsContext {
  send(request: HttpRequest): Promise<HttpResponse>;
  settings: AtsSettings;
  /** Which credentials the connection holds: decides e.g. Greenhouse Harvest v1 (API key) or v3 (OAuth). */
  auth: AtsAuthKind;
}

export type AtsAuthKind = 'apiKey' | 'oauth' | null;

/** The connection's API settings; secrets are only ever handed to lib/http. */
export interface AtsApiSettings {
  baseUrl?: string;
  tokenUrl?: string;
  apiKey?: string;
  clientId?: string;
  clientSecret?: string;
  /** Greenhouse: the user id the v3 token acts as (`sub`); Workable: the account subdomain. */
  account?: string;
}

export interface AtsSource {
  readonly vendor: AtsVendor | HrisChangeVendor;
  /** Greenhouse counts anything but 200 as a failure; SmartRecruiters asks for 202 (docs/vendors/greenhouse.md, docs/vendors/smartrecruiters.md). */
  readonly successStatus: 200 | 202;
  /** Lever's signature is inside the JSON, so its body is parsed before it is verified. */
  readonly signatureInBody?: boolean;
  /**
   * A delivery's key is a signed single-use value (Lever's token), not the event's: a key seen before
   * is a replay, refused with 401, and the event's own key is the one `canonical` returns.
   */
  readonly singleUseKeys?: boolean;
  /**
   * What the delivery is about; null for an event type the package does not handle. Throws HrError
   * `ats.payload_invalid` naming the field when a handled type lacks what identifies it.
   */
  classify(input: DeliveryInput): Omit<Delivery, 'vendor' | 'receivedAt' | 'body'> | null;
  /** The canonical event, fetching the full record through the API when the delivery is thin. */
  canonical(delivery: Delivery, ctx: AtsContext): Promise<Canonical>;
  /**
   * Hires the API reports since a time, keyed as the webhook path keys them: the reconciliation poll.
   * `maxPages` overrides the vendor's own limit of list pages per poll.
   */
  recentHires?(since: Date, ctx: AtsContext, maxPages?: number): Promise<HiresFound>;
  /**
   * The reconciliation poll of a vendor whose list resumes where the last poll stopped (Ashby's sync
   * token); used instead of recentHires. `resumeFrom` is what the previous poll returned (null at the
   * first, or once it was lost); `since` bounds a read that cannot resume.
   */
  resumableHires?(since: Date, resumeFrom: string | null, ctx: AtsContext, maxPages?: number): Promise<HirePoll>;
  /** How to reach the API; null when the settings hold no credentials. */
  httpOptions(api: AtsApiSettings): HttpClientOptions | null;
  /** The account's own offer fields, for the connection dialog's pay/period/start-date drop-downs. */
  offerFieldChoices?(ctx: AtsContext): Promise<OfferFieldChoice[]>;
}

/** What a poll found. */
export interface HiresFound {
  hires: Delivery[];
  /** The read stopped at its page limit before the end of the list: hires beyond it were not read. */
  capped: boolean;
}

/** What a resumable poll found, and where the next one starts (which, when capped, continues the read). */
export interface HirePoll extends HiresFound {
  /** Opaque; to be kept durably once the hires are journalled, and handed to the next poll. */
  resumeFrom: string | null;
}

/** OAuth when a client id and secret are given, else the API key, else none. */
export function authKind(api: AtsApiSettings): AtsAuthKind {
  if (api.clientId && api.clientSecret) return 'oauth';
  return api.apiKey ? 'apiKey' : null;
}
