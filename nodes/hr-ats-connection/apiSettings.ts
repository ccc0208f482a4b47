import { webhookVendors } from '../../lib/webhooks';
import type { AtsApiSettings, AtsVendor } from '../../lib/vendors/ats';

export interface AtsCredentials {
  apiKey?: string;
  clientId?: string;
  clientSecret?: string;
  webhookSecret?: string;
}

/** The editor's API fields, as both the deployed node and the dialog's "Test connection" read them. */
export interface AtsApiFields {
  vendor?: unknown;
  baseUrl?: unknown;
  tokenUrl?: unknown;
  account?: unknown;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.trim() || undefined : undefined;

/** An unknown sender falls back to Greenhouse, the editor's default. */
export const vendorOf = (value: unknown): AtsVendor =>
  (webhookVendors as readonly unknown[]).includes(value) ? (value as AtsVendor) : 'greenhouse';

export function atsApiSettings(def: AtsApiFields, credentials: AtsCredentials): AtsApiSettings {
  return {
    baseUrl: text(def.baseUrl),
    tokenUrl: text(def.tokenUrl),
    account: text(def.account),
    apiKey: credentials.apiKey || undefined,
    clientId: credentials.clientId || undefined,
    clientSecret: credentials.clientSecret || undefined,
  };
}
