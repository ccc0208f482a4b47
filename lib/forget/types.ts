import type { ErasureAction } from '../vendors/erasure';

/** Who the request is about, as the requester knows them. */
export type PersonProbe = { guid: string } | { system: string; externalId: string } | { email: string };

export interface ForgetRequest {
  by: PersonProbe;
  /** The trigger's journal entry (vendor, key) the request came from: marked done once the plan is durable. */
  event?: { source: string; eventId: string };
  /** Where the person was deleted already: the ATS that sent `candidate.deleted`. */
  deletedAt?: { system: string; externalId: string };
  /** E-mail addresses the deletion event carried: tombstoned too when the store never held the person. */
  emails?: string[];
  /** `manual` for a data-subject request, else the ATS that reported the deletion. */
  via: string;
}

/** One (system, external id) the person was linked to, and whether it still needs erasing. */
export interface PlannedStep {
  key: string;
  system: string;
  externalId: string;
  /** `source`: the system that reported the deletion; nothing to send there. */
  kind: 'erase' | 'source';
}

/** Recorded in the outbox before the person is forgotten, because forgetting erases their links. */
export interface Plan {
  key: string;
  guid: string;
  via: string;
  eventId?: string;
  requestedAt: string;
  steps: PlannedStep[];
}

/** What became of one system; no external id, so it can be kept and audited after the erasure. */
export type StepOutcome =
  | { system: string; outcome: 'erased'; action: ErasureAction }
  | { system: string; outcome: 'already_gone' }
  | { system: string; outcome: 'deleted_at_source' }
  | { system: string; outcome: 'manual'; reason: string }
  | { system: string; outcome: 'failed'; code: string; message: string };

export interface ForgetSummary {
  /** null when a repeated request named the person only by an identifier the tombstone hashed. */
  personGuid: string | null;
  /** `not_held`: the ATS deleted someone this store never knew (e.g. a candidate never hired). */
  status: 'forgotten' | 'already_forgotten' | 'not_held';
  /** Another request for the same person was already under way or finished: nothing was sent twice. */
  repeated?: boolean;
  eventId?: string;
  via: string;
  steps: StepOutcome[];
  requestedAt: string;
  finishedAt: string;
}

/** A step a person must carry out, or one that failed for good: it names the record, so a person can act. */
export interface HandOver {
  personGuid: string;
  system: string;
  externalId: string;
  outcome: Extract<StepOutcome, { outcome: 'manual' | 'failed' }>;
}
