import type { Refusal } from './types';
import { refuse } from './verdict';

export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

export type EpochUnit = 'seconds' | 'milliseconds';

/** An integer epoch timestamp as sent by the vendor; anything else is null. */
export function parseEpoch(text: string, unit: EpochUnit): Date | null {
  if (!/^\d{1,16}$/.test(text)) return null;
  const date = new Date(Number(text) * (unit === 'seconds' ? 1000 : 1));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Refuses a timestamp too far from receipt either way: an old one is a replay, a future one a forgery or a bad clock. */
export function checkFreshness(signedAt: Date, receivedAt: Date, toleranceMs = DEFAULT_TOLERANCE_MS): Refusal | null {
  const skewMs = receivedAt.getTime() - signedAt.getTime();
  if (Math.abs(skewMs) <= toleranceMs) return null;
  const direction = skewMs > 0 ? 'before' : 'after';
  return refuse(
    'stale_timestamp',
    `signed ${Math.round(Math.abs(skewMs) / 1000)} s ${direction} it was received; tolerance is ${Math.round(toleranceMs / 1000)} s`,
  );
}
