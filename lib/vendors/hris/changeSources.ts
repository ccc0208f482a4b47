import type { AtsSource } from '../ats/types';
import { bamboohrChanges } from '../bamboohr/changes';
import { verifyBambooWebhook } from '../bamboohr/webhook';
import type { InboundRequest, VerifyResult } from '../../webhooks/types';
import type { HrisChangeVendor } from './changes';

/** What the HRIS trigger needs of a vendor: its change events, read like an ATS source's, and its webhook check. */
export interface HrisChangeSource {
  source: AtsSource;
  verify(req: InboundRequest, secret: string | undefined): VerifyResult;
}

const SOURCES: Record<HrisChangeVendor, HrisChangeSource> = {
  bamboohr: { source: bamboohrChanges, verify: verifyBambooWebhook },
};

/** The change source of an HRIS, or null for one whose changes the package does not receive yet. */
export const hrisChangeSourceFor = (system: string): HrisChangeSource | null => (system in SOURCES ? SOURCES[system as HrisChangeVendor] : null);
