import type { CallContext } from '../hris/types';

/** What the vendor did with the person's record. */
export type ErasureAction = 'anonymized' | 'deleted' | 'removal_requested';

export type ErasureResult =
  | { outcome: 'erased'; action: ErasureAction }
  /** The record was not there any more (deleted by hand, or by an earlier attempt whose answer was lost). */
  | { outcome: 'already_gone' }
  /** The vendor's API cannot do it (or refuses a precondition only a person can meet): a person must. */
  | { outcome: 'manual'; reason: string };

export interface ErasureSettings {
  /** Greenhouse offers both; anonymising keeps the hiring statistics, deleting removes the candidate. */
  greenhouseMode: 'anonymize' | 'delete';
}

/** One vendor's way of erasing a person it knows under `externalId`. */
export interface Eraser {
  readonly system: string;
  erase(externalId: string, ctx: CallContext, settings: ErasureSettings): Promise<ErasureResult>;
}
