import { createHash } from 'node:crypto';
import { canonicalJson } from '../store/canonicalJson';

export interface KeySubject {
  personGuid?: string | null;
  ats?: { system: string; candidateId: string };
}

/** The person a write is about: the GUID from the dedupe node, else the hire's ids in the ATS. */
export function subjectOf(subject: KeySubject): string | null {
  if (subject.personGuid) return `person:${subject.personGuid}`;
  if (subject.ats) return `ats:${subject.ats.system}:${subject.ats.candidateId}`;
  return null;
}

const digest = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);

/** The hire a write belongs to, when the message names its ATS application. */
export interface HireRef {
  system: string;
  applicationId?: string;
}
const ofHire = (hire?: HireRef) => (hire?.applicationId ? `:application:${hire.system}:${hire.applicationId}` : '');

/**
 * Keys name what is written and to whom, never the delivery: three deliveries of one hire share one
 * key, hence one outbox entry and one employee. A create and a check name the hire (its ATS
 * application) when the message has one, so the same person hired again later through a new
 * application is a new write — which the writer then finds to be a rehire, and a new check — not the
 * first hire repeated. An update is keyed by its content as well, so a later, different change to the
 * same person is a new write.
 */
export const idempotencyKeys = {
  create: (target: string, subject: string, hire?: HireRef) => `${target}:create:${subject}${ofHire(hire)}`,
  update: (target: string, subject: string, patch: unknown) => `${target}:update:${subject}:${digest(patch)}`,
  writeBack: (ats: string, candidateId: string, employeeId: string) => `${ats}:writeback:${candidateId}:${employeeId}`,
  /** The HRIS change it passes on and its content: a redelivered change is one write, the same value set again later a new one. */
  atsUpdate: (ats: string, candidateId: string, cause: string, patch: unknown) =>
    `${ats}:update:${candidateId}:${digest({ cause, patch })}`,
  check: (subject: string, pkg: string, hire?: HireRef) => `checkr:check:${subject}:${pkg}${ofHire(hire)}`,
  checkResult: (provider: string, reportId: string) => `${provider}:result:${reportId}`,
};

/**
 * What the writer stamps into a record it creates (e.g. BambooHR employeeNumber), derived from the
 * outbox entry's key: every attempt of one entry sends the same value, so after a lost answer the
 * target is searched for it. Short, as HR sees it in the employee record; 80 bits do not collide.
 */
export const recoveryKey = (entryKey: string) =>
  `hr-${createHash('sha256').update(entryKey).digest('hex').slice(0, 20)}`;

/**
 * A discarded dead letter keeps its key taken (so it is never sent by accident); a corrected message
 * for the same person then uses the next generation of the key.
 */
export const generation = (key: string, n: number) => (n <= 1 ? key : `${key}#${n}`);
