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
  apiKey: string;
  baseUrl?: string;
  /** Greenhouse: the user id every write is made on behalf of; Lever: perform_as. */
  actAs?: string;
  /** Greenhouse: the candidate custom field's name_key; Ashby: the custom field id. */
  field?: string;
}

export interface AtsWriteBack {
  readonly id: WriteBackSystem;
  writeEmployeeId(ref: AtsRef, employeeId: string, ctx: CallContext): Promise<void>;
}
