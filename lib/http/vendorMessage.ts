import { redact, redactText } from '../privacy/redact';

export interface VendorReply {
  headers: Record<string, string>;
  body: unknown;
}

export interface VendorMessageOptions {
  /** Longest message kept; vendors sometimes answer with whole HTML pages. */
  maxLength?: number;
  /** Secret field paths and the request's secret values, masked if the vendor echoes them back. */
  paths?: readonly string[];
  values?: readonly string[];
}

const DEFAULT_MAX_LENGTH = 300;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function fieldErrors(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  const parts = errors
    .map((e) => {
      if (typeof e === 'string') return e;
      if (!isRecord(e)) return undefined;
      const message = text(e.message) ?? text(e.detail) ?? text(e.title);
      const field = text(e.field) ?? text(e.path);
      return message && field ? `${field}: ${message}` : message;
    })
    .filter((m): m is string => Boolean(m));
  return parts.length ? parts.join('; ') : undefined;
}

function fromBody(body: unknown): string | undefined {
  if (typeof body === 'string') {
    // An HTML error page says nothing useful beyond its status; a plain-text body (Slack's
    // `invalid_payload`, docs/vendors/slack.md) is the message.
    return /^\s*</.test(body) ? undefined : text(body);
  }
  if (!isRecord(body)) return undefined;
  if (isRecord(body.error)) return text(body.error.message) ?? fieldErrors(body.error.errors);
  // OAuth 2.0 token endpoints answer `{ error: "invalid_client", error_description: "…" }` (RFC 6749 §5.2).
  const oauth = text(body.error_description) ?? text(body.error);
  if (oauth) return oauth;
  // Greenhouse 422: `{ message, errors: [{ message, field }] }` (docs/vendors/greenhouse.md).
  const message = text(body.message);
  const details = fieldErrors(body.errors);
  if (message && details) return `${message}: ${details}`;
  return message ?? details;
}

/**
 * What the vendor said went wrong, in one short redacted line, or undefined when it said nothing.
 * BambooHR puts its reason in the `X-BambooHR-Error-Message` header, not the body (docs/vendors/bamboohr.md).
 */
export function vendorMessage(reply: VendorReply, options: VendorMessageOptions = {}): string | undefined {
  const raw = text(reply.headers['x-bamboohr-error-message']) ?? fromBody(redact(reply.body, options));
  if (!raw) return undefined;
  const oneLine = redactText(raw.replace(/\s+/g, ' '), options);
  const max = options.maxLength ?? DEFAULT_MAX_LENGTH;
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
