import { z } from 'zod';
import { ExternalId, IsoDateTime, Text } from './primitives';
import { CheckProvider } from './systems';

// Checkr report statuses plus the invitation's own states before a report exists.
export const CheckStatus = z.enum([
  'invited',
  'pending',
  'suspended',
  'paused',
  'complete',
  'dispute',
  'canceled',
  'expired',
]);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const CheckResult = z.enum(['clear', 'consider', 'suspended', 'pending', 'canceled']);
export type CheckResult = z.infer<typeof CheckResult>;

export const BackgroundCheck = z
  .object({
    provider: CheckProvider,
    candidateId: ExternalId,
    invitationId: ExternalId.optional(),
    reportId: ExternalId.optional(),
    status: CheckStatus,
    result: CheckResult,
    /** The provider's package slug, e.g. Checkr "tasker_standard". */
    package: Text,
    completedAt: IsoDateTime.optional(),
  })
  .refine((c) => c.status !== 'complete' || c.result === 'clear' || c.result === 'consider', {
    path: ['result'],
    message: 'a complete check is either clear or consider',
  });
export type BackgroundCheck = z.infer<typeof BackgroundCheck>;
