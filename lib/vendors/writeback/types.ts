import type { CallContext } from '../hris/types';

export type WriteBackSystem = 'greenhouse' | 'ashby' | 'lever';

/** The hire's record in the ATS that should learn the employee id. */
export interface AtsRef {
  system: string;
  candidateId: string;
  /** Lever writes on the opportunity, which the canonical model calls the application. */
  applicationId?: string;
}

export interface WriteBackConnection {
  system: WriteBackSystem;
  /** Empty when the connection uses `oauth` instead. */
  apiKey: string;
  /** Greenhouse Harvest v3: OAuth 2.0 client credentials; the token acts as `actAs` (`sub`). */
  oauth?: { clientId: string; clientSecret: string; tokenUrl?: string };
  baseUrl?: string;
  /** Greenhouse: the user the v3 token acts as (`sub`); Lever: perform_as. */
  actAs?: string;
  /** Greenhouse: the candidate custom field's name_key; Ashby: the custom field id. */
  field?: string;
  /** The same, for the field that receives a background-check result; Lever takes a note instead. */
  checkField?: string;
}

/** A finished background check as the ATS is told it: the result and the report to open, nothing more. */
export interface CheckOutcome {
  provider: string;
  reportId: string;
  result: string;
}

/** The words written into the ATS, e.g. "consider (checkr report 4722c0b1)". */
export const checkOutcomeText = (check: CheckOutcome) => `${check.result} (${check.provider} report ${check.reportId})`;

export interface WriteOptions {
  /** An earlier attempt may have written already (its answer was lost): a write that is not idempotent looks first. */
  retry?: boolean;
}

/** Values for the candidate, keyed by data-dictionary path (person.legalName.last, job.title). */
export type CandidateValues = Record<string, unknown>;

/** What an ATS took of a candidate update, and what it has no field for (reported, never dropped). */
export interface CandidateUpdated {
  written: string[];
  unsupported: string[];
  /** Why the unsupported fields have no place in this ATS, in words a person acting on the refusal can use. */
  reason?: string;
}

/**
 * The person's golden record after the change (record paths, e.g. `legalName.first`), for an ATS whose
 * one field holds several dictionary fields: Ashby's single name needs the first and the last name
 * even when only one of them changed.
 */
export type CandidateRecord = Record<string, unknown> | null;

export interface AtsWriteBack {
  readonly id: WriteBackSystem;
  /** Two-way sync: HRIS-owned values written onto the candidate; absent where the module cannot yet. */
  updateCandidate?(
    ref: AtsRef,
    values: CandidateValues,
    ctx: CallContext,
    record?: CandidateRecord,
  ): Promise<CandidateUpdated>;
  writeEmployeeId(ref: AtsRef, employeeId: string, ctx: CallContext, options?: WriteOptions): Promise<void>;
  writeCheckResult(ref: AtsRef, check: CheckOutcome, ctx: CallContext, options?: WriteOptions): Promise<void>;
}
