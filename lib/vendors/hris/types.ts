import type { HttpRequest, HttpResponse } from '../../http';
import type { HrisSystem } from '../../model/systems';

/** A record in the target's own field names, as the mapper produced it. */
export type TargetRecord = Record<string, unknown>;

/**
 * How a vendor module reaches its API. The writer hands in the connection's HTTP client, or in a dry
 * run a recorder that captures the request instead of sending it; vendor modules never know which.
 */
export interface CallContext {
  send(request: HttpRequest): Promise<HttpResponse>;
}

export type EmployeeState = 'active' | 'terminated' | 'unknown';

export interface FoundEmployee {
  employeeId: string;
  status: EmployeeState;
}

/** What a failure means for the writer: try later, link the existing record, or stop for a human. */
export type FailureKind = 'retry' | 'duplicate' | 'invalid' | 'auth' | 'fatal';

export interface LookupOptions {
  /** Bypass any cached roster: needed right after a create whose answer may have been lost. */
  fresh?: boolean;
}

export interface HrisTarget {
  readonly id: HrisSystem;
  createEmployee(record: TargetRecord, ctx: CallContext): Promise<{ employeeId: string }>;
  /** Finds the employee holding this work email (former ones too, where the vendor lists them); null when there is none. */
  findByWorkEmail(email: string, ctx: CallContext, options?: LookupOptions): Promise<FoundEmployee | null>;
  /** Whether an employee the identity graph links to this person is still employed (rehire check). */
  employeeStatus(id: string, ctx: CallContext): Promise<EmployeeState>;
  updateEmployee(id: string, patch: TargetRecord, ctx: CallContext): Promise<void>;
  /** The work email in a record of this target, for the lookup before a create. */
  workEmail(record: TargetRecord): string | undefined;
  classify(error: unknown): FailureKind;
}
