import { z } from 'zod';
import { HrError, toHrError } from '../errors';
import { Candidate, Employee, HireEvent, IsoDateTime, Person, Text } from '../model';
import type { ExternalLink, JsonObject } from '../store/types';
import { toE164 } from '../transform/phones';
import { describeIssues, fieldIssues, MISSING_IS_REQUIRED } from '../zodIssues';

/** Values a system sends about a person that are not a whole hire: an HRIS read-back, a manual fix. */
export const SourceUpdate = z.object({
  system: Text,
  occurredAt: IsoDateTime.optional(),
  personGuid: z.uuid().optional(),
  /** Rooted like the data dictionary: { person: { legalName: { first } } }. */
  record: z.record(z.string(), z.json()),
});

export type SourceKind = 'hire' | 'candidate' | 'candidateUpdated' | 'employee' | 'update' | 'person';

/** Any canonical payload, seen as "who is this, according to which system, as of when". */
export interface SourceRecord {
  kind: SourceKind;
  /** null for a bare person, which says nothing about where it came from. */
  system: string | null;
  /** When the source recorded the values; null when the payload does not say. */
  at: Date | null;
  eventId: string | null;
  person: Person | null;
  links: ExternalLink[];
  personGuid: string | null;
  /** Rooted like the data dictionary. */
  values: JsonObject;
  /** The payload as parsed: known fields only, phones in E.164. */
  canonical: JsonObject;
}

export interface ReadOptions {
  /** Country of phone numbers written without "+", e.g. US. */
  defaultCountry?: string;
  /** The error code for a payload that is none of the canonical shapes, e.g. dedupe.payload_invalid. */
  errorCode: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The ATS trigger's candidate.updated: what the candidate's record says now (the way back of two-way sync). */
const CandidateUpdated = z.object({
  type: z.literal('candidate.updated'),
  system: Text,
  eventId: Text,
  occurredAt: IsoDateTime,
  candidateId: Text,
  person: Person.partial().optional(),
});

function kindOf(payload: Record<string, unknown>): SourceKind {
  if (payload.type === 'hire') return 'hire';
  if (payload.type === 'candidate.updated') return 'candidateUpdated';
  if ('record' in payload) return 'update';
  if ('hireDate' in payload || 'workEmail' in payload) return 'employee';
  if ('person' in payload && 'id' in payload) return 'candidate';
  return 'person';
}

const SCHEMAS = {
  hire: HireEvent,
  candidate: Candidate,
  candidateUpdated: CandidateUpdated,
  employee: Employee,
  update: SourceUpdate,
  person: Person,
} as const;
const NAMES: Record<SourceKind, string> = {
  hire: 'hire event',
  candidate: 'candidate',
  candidateUpdated: 'candidate update',
  employee: 'employee',
  update: 'source update',
  person: 'person',
};

/**
 * Phones arrive formatted by hand ("(518) 555-1212"); identity keys need E.164. A number that cannot be
 * read is refused naming its field rather than dropped, because a phone is evidence of who this is.
 */
function withE164Phones(
  payload: Record<string, unknown>,
  kind: SourceKind,
  options: ReadOptions,
): Record<string, unknown> {
  const atRoot = kind === 'person';
  const person = atRoot ? payload : payload.person;
  if (!isObject(person) || !Array.isArray(person.phones)) return payload;
  const phones = person.phones.map((phone: unknown, i) => {
    if (!isObject(phone) || typeof phone.number !== 'string') return phone;
    try {
      return { ...phone, number: toE164(phone.number, { defaultCountry: options.defaultCountry }) };
    } catch (err) {
      const field = `${atRoot ? '' : 'person.'}phones.${i}.number`;
      throw new HrError(options.errorCode, `msg.payload ${field}: ${toHrError(err).message}`, { field });
    }
  });
  return atRoot ? { ...payload, phones } : { ...payload, person: { ...person, phones } };
}

/** Parses msg.payload as one of the canonical shapes, or throws naming the failing fields. */
export function readSource(payload: unknown, options: ReadOptions): SourceRecord {
  if (!isObject(payload)) {
    throw new HrError(options.errorCode, 'msg.payload must be a hire event, candidate, employee or person object.', {
      field: 'payload',
    });
  }
  const kind = kindOf(payload);
  const parsed = SCHEMAS[kind].safeParse(withE164Phones(payload, kind, options), MISSING_IS_REQUIRED);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    throw new HrError(options.errorCode, `msg.payload is not a valid ${NAMES[kind]}: ${describeIssues(parsed.error)}`, {
      field: issues[0]?.field,
      issues,
    });
  }
  const data = parsed.data;
  const none = { eventId: null, person: null, links: [], personGuid: null, canonical: data as JsonObject };
  switch (kind) {
    case 'hire': {
      const hire = data as HireEvent;
      return {
        ...none,
        kind,
        system: hire.system,
        at: new Date(hire.occurredAt),
        eventId: hire.eventId,
        person: hire.person,
        links: [{ system: hire.sourceIds.system, externalId: hire.sourceIds.candidateId }],
        personGuid: hire.person.guid ?? null,
        values: hire as unknown as JsonObject,
      };
    }
    case 'candidate': {
      const candidate = data as Candidate;
      const at = candidate.updatedAt ?? candidate.createdAt;
      return {
        ...none,
        kind,
        system: candidate.system,
        at: at ? new Date(at) : null,
        person: candidate.person,
        links: [{ system: candidate.system, externalId: candidate.id }],
        personGuid: candidate.person.guid ?? null,
        values: { person: candidate.person as unknown as JsonObject },
      };
    }
    case 'candidateUpdated': {
      const update = data as z.infer<typeof CandidateUpdated>;
      return {
        ...none,
        kind,
        system: update.system,
        at: new Date(update.occurredAt),
        eventId: update.eventId,
        links: [{ system: update.system, externalId: update.candidateId }],
        values: update.person ? { person: update.person as JsonObject } : {},
      };
    }
    case 'employee': {
      const employee = data as Employee;
      return {
        ...none,
        kind,
        system: employee.system,
        at: null,
        links: [{ system: employee.system, externalId: employee.id }],
        personGuid: employee.personGuid ?? null,
        values: { employee: employee as unknown as JsonObject },
      };
    }
    case 'update': {
      const update = data as z.infer<typeof SourceUpdate>;
      return {
        ...none,
        kind,
        system: update.system,
        at: update.occurredAt ? new Date(update.occurredAt) : null,
        personGuid: update.personGuid ?? null,
        values: update.record as JsonObject,
      };
    }
    case 'person': {
      const person = data as Person;
      return {
        ...none,
        kind,
        system: null,
        at: null,
        person,
        personGuid: person.guid ?? null,
        values: { person: person as unknown as JsonObject },
      };
    }
  }
}
