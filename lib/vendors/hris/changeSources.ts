import type { AtsContext, AtsSource, Delivery } from '../ats/types';
import { bambooChangedEmployees, bamboohrChanges } from '../bamboohr/changes';
import { verifyBambooWebhook } from '../bamboohr/webhook';
import type { InboundRequest, VerifyResult } from '../../webhooks/types';
import type { HrisChangeVendor } from './changes';

/** What the HRIS trigger needs of a vendor: its change events, read like an ATS source's, and its webhook check. */
export interface HrisChangeSource {
  source: AtsSource;
  verify(req: InboundRequest, secret: string | undefined): VerifyResult;
  /** The reconciliation poll: changes since a time, keyed so a repeat is one event. */
  poll?(since: Date, ctx: AtsContext, receivedAt: Date): Promise<{ deliveries: Delivery[] }>;
}

const SOURCES: Record<HrisChangeVendor, HrisChangeSource> = {
  bamboohr: { source: bamboohrChanges, verify: verifyBambooWebhook, poll: bambooChangedEmployees },
};

/** The change source of an HRIS, or null for one whose changes the package does not receive yet. */
export const hrisChangeSourceFor = (system: string): HrisChangeSource | null => (system in SOURCES ? SOURCES[system as HrisChangeVendor] : null);
