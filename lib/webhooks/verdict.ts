import type { Refusal, RefusalReason, VerifyResult } from './types';

export const refuse = (reason: RefusalReason, detail: string): Refusal => ({ ok: false, reason, detail });

export const accept = (eventId: string | null, timestamp?: Date): VerifyResult =>
  timestamp ? { ok: true, eventId, timestamp } : { ok: true, eventId };
