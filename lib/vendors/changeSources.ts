import type { AtsContext, AtsSource, Delivery } from './ats/types';
import { bambooChangedEmployees, bamboohrChanges } from './bamboohr/changes';
import { verifyBambooWebhook } from './bamboohr/webhook';
import { personioChangedPersons, personioChanges } from './personio/changes';
import type { InboundRequest, VerifyResult } from '../webhooks/types';
import type { HrisChangeVendor } from './hris/changes';

/** What the HRIS trigger needs of a vendor: its change events, read like an ATS source's, and its webhook check. */
export interface HrisChangeSource {
  source: AtsSource;
  /** The webhook check; none for an HRIS whose changes only the poll reads (no endpoint is served). */
  verify?(req: InboundRequest, secret: string | undefined): VerifyResult;
  /** The reconciliation poll: changes since a time, keyed so a repeat is one event. */
  poll?(since: Date, ctx: AtsContext, receivedAt: Date): Promise<{ deliveries: Delivery[] }>;
}

const SOURCES: Record<HrisChangeVendor, HrisChangeSource> = {
  bamboohr: { source: bamboohrChanges, verify: verifyBambooWebhook, poll: bambooChangedEmployees },
  personio: { source: personioChanges, poll: personioChangedPersons },
};

/** The change source of an HRIS, or null for one whose changes the package does not receive yet. */
export const hrisChangeSourceFor = (system: string): HrisChangeSource | null =>
  system in SOURCES ? SOURCES[system as HrisChangeVendor] : null;
