import { z } from 'zod';
import { CheckResult } from '../model';
import type { CheckOrdered } from '../vendors/checkr/checks';

export const Operation = z.enum(['create', 'update', 'lookup', 'writeback', 'check', 'checkResult', 'atsUpdate']);
export type Operation = z.infer<typeof Operation>;

const AtsRef = z.object({
  system: z.string().min(1),
  candidateId: z.string().min(1),
  applicationId: z.string().min(1).optional(),
});
const Location = z.object({ country: z.string().min(1), state: z.string().optional(), city: z.string().optional() });
const Office = z.object({
  name: z.string().optional(),
  location: z.string().optional(),
  offerLocation: z.string().optional(),
});

/**
 * One write as the outbox keeps it. Parsed again when claimed: the payload crossed the store, and an
 * entry written by an older version must fail with a message, not half-run.
 */
export const WriteJob = z.object({
  operation: Operation,
  /** The system written to: an HRIS, the ATS (write-back) or Checkr. */
  target: z.string().min(1),
  /** The idempotency key: the person and the operation, never the delivery. */
  key: z.string().min(1),
  personGuid: z.string().nullable(),
  record: z.record(z.string(), z.unknown()).optional(),
  workEmail: z.string().optional(),
  employeeId: z.string().optional(),
  ats: AtsRef.optional(),
  check: z
    .object({
      firstName: z.string(),
      lastName: z.string(),
      email: z.string(),
      package: z.string().optional(),
      workLocation: Location.optional(),
      office: Office.optional(),
    })
    .optional(),
  /** A finished background check: its result and the report to open, nothing of what the report found. */
  checkResult: z
    .object({
      provider: z.string().min(1),
      reportId: z.string().min(1),
      result: CheckResult,
      completedAt: z.string().optional(),
    })
    .optional(),
  /** The trigger's event, marked done when the write succeeds. */
  event: z.object({ source: z.string().min(1), eventId: z.string().min(1) }).optional(),
  /** After a create, write the employee id back to the ATS. */
  writeBack: z.boolean().optional(),
});
export type WriteJob = z.infer<typeof WriteJob>;

export interface WriteResult {
  employeeId?: string;
  /** The target already held this person: linked, found by email, or reported as a duplicate. */
  existing?: boolean;
  /** A former employee of the same person was found: a rehire, not a new record. */
  rehire?: boolean;
  /** Found after an attempt whose answer was lost. */
  recovered?: boolean;
  check?: CheckOrdered;
  /** An ATS update: the dictionary paths the ATS took, and those it has no field for. */
  atsUpdate?: { system: string; written: string[]; unsupported: string[] };
  /** A check result recorded on the person, and whether the ATS received it too. */
  checkResult?: { provider: string; reportId: string; result: CheckResult; ats: string | null };
}

/** A masked copy of a request that a dry run would have sent. */
export interface ShownRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface FailureInfo {
  code: string;
  message: string;
  vendorMessage?: string;
  retryAfterMs?: number;
}

export type Outcome =
  | { kind: 'done'; job: WriteJob; result: WriteResult; attempts: number }
  | { kind: 'rehire'; job: WriteJob; result: WriteResult; attempts: number }
  | {
      kind: 'failed';
      job: WriteJob;
      error: FailureInfo;
      attempts: number;
      retrying: boolean;
      dead: boolean;
      nextAttemptAt?: Date;
      entryId?: number;
    }
  | { kind: 'dryRun'; job: WriteJob; request: ShownRequest | null; result?: WriteResult };
