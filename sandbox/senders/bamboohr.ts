import type { SignedDelivery } from './delivery';
import { clockOf, hmacDigest, jsonBody, type SenderOptions } from './signing';

/** One employee's change in a field-based webhook, with BambooHR's English field names. */
export interface BambooFieldChange {
  employeeId: string;
  /** English field name → new value, e.g. { 'Job Title': 'Staff Engineer' }. */
  fields: Record<string, string>;
  /** When BambooHR recorded the change; default: the sender's clock. */
  at?: Date;
}

/** BambooHR writes `2026-01-31T18:42:00+0000` (documented example), not JavaScript's `…000Z`. */
const bambooTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, '+0000');

/**
 * BambooHR's change webhooks as documented (docs/vendors/bamboohr.md, "Changes from BambooHR"): a
 * field-based JSON body `{ employees: [{ action, changedFields, fields, id, timestamp }] }` or an
 * event-based one `{ type, timestamp, data: { companyId, employeeId, changedFields } }`, signed with
 * `X-BambooHR-Signature` = hex HMAC-SHA256(private key, body + `X-BambooHR-Timestamp`).
 */
export function bamboohrSender(options: SenderOptions) {
  const now = clockOf(options);
  const sign = (payload: unknown): SignedDelivery => {
    const rawBody = jsonBody(payload);
    const timestamp = String(Math.floor(now().getTime() / 1000));
    return {
      rawBody,
      headers: {
        'Content-Type': 'application/json',
        'X-BambooHR-Timestamp': timestamp,
        'X-BambooHR-Signature': hmacDigest(
          'sha256',
          options.secret,
          Buffer.concat([rawBody, Buffer.from(timestamp, 'utf8')]),
        ),
      },
    };
  };
  return {
    sign,
    fieldsUpdated: (changes: readonly BambooFieldChange[]): SignedDelivery =>
      sign({
        employees: changes.map((c) => ({
          action: 'Updated',
          changedFields: Object.keys(c.fields),
          fields: c.fields,
          id: c.employeeId,
          timestamp: bambooTime(c.at ?? now()),
        })),
      }),
    employeeUpdated: (employeeId: string, changedFieldIds: readonly string[], companyId = '1'): SignedDelivery =>
      sign({
        type: 'employee.updated',
        timestamp: bambooTime(now()),
        data: { companyId, employeeId, changedFields: changedFieldIds },
      }),
  };
}
