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

/**
 * A key the writer derives from the outbox entry and stores in a field of the record it creates, so a
 * create whose answer was lost is found again even when the record has no work email.
 */
export interface RecoveryKeyField {
  /** The record as it will be sent, carrying the key. A value the mapping already put in the field is kept and becomes the key. */
  stamp(record: TargetRecord, key: string): { record: TargetRecord; key: string };
  /** The employee whose field holds the key, former employees included; null when there is none. */
  find(key: string, record: TargetRecord, ctx: CallContext, options?: LookupOptions): Promise<FoundEmployee | null>;
}

export interface HrisTarget {
  readonly id: HrisSystem;
  /** Absent when the connection names no field for it: then only the work email can recover a lost create. */
  readonly recovery?: RecoveryKeyField;
  /** False when the target cannot look anyone up by email (a generic API without a lookup URL). */
  readonly searchesByEmail: boolean;
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
