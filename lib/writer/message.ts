import { z } from 'zod';
import { HrError } from '../errors';
import type { IdentityGraph, Outbox } from '../store/types';
import { describeIssues, MISSING_IS_REQUIRED } from '../zodIssues';
import { Operation, WriteJob } from './job';
import { idempotencyKeys, subjectOf } from './keys';

const PersonPart = z.object({
  guid: z.string().min(1).optional(),
  legalName: z.object({ first: z.string().optional(), last: z.string().optional() }).optional(),
  emails: z.array(z.object({ address: z.string(), type: z.string() })).optional(),
});
const SourceIds = z.object({
  system: z.string().min(1),
  candidateId: z.coerce.string().min(1),
  applicationId: z.coerce.string().min(1).optional(),
});

/** The parts of a Node-RED message the writer reads; everything else passes through untouched. */
const Incoming = z.object({
  operation: Operation.optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
  person: PersonPart.optional(),
  /** The canonical hire the mapper keeps beside the target record. */
  canonical: z
    .object({
      person: PersonPart.optional(),
      sourceIds: SourceIds.optional(),
      /** Where the hire will work, which a background check needs. */
      job: z
        .object({ office: z.object({ name: z.string().optional(), location: z.string().optional() }).optional() })
        .optional(),
      offer: z.object({ location: z.string().optional() }).optional(),
    })
    .optional(),
  sourceIds: SourceIds.optional(),
  /**
   * The delivery this write completes, marked done in the store on success. The ATS trigger sends
   * `{ id, vendor, … }`; `{ source, eventId }` (the store's own names) is accepted too.
   */
  event: z
    .union([
      z.object({ source: z.string().min(1), eventId: z.string().min(1) }),
      z
        .object({ vendor: z.string().min(1), id: z.string().min(1) })
        .transform((e) => ({ source: e.vendor, eventId: e.id })),
    ])
    .optional(),
  hris: z.object({ employeeId: z.string().min(1).optional() }).optional(),
  check: z
    .object({
      package: z.string().min(1).optional(),
      workLocation: z
        .object({ country: z.string().min(1), state: z.string().optional(), city: z.string().optional() })
        .optional(),
    })
    .optional(),
});

/** The ATS trigger's check.completed event (lib/vendors/ats/events.ts), as far as a result is recorded. */
const CompletedCheck = z.object({
  check: z.object({
    provider: z.string().min(1),
    candidateId: z.string().min(1),
    reportId: z.string().min(1),
    package: z.string().min(1),
    result: z.enum(['clear', 'consider']),
    completedAt: z.string().optional(),
  }),
});

export interface JobDefaults {
  operation: Operation;
  hrisSystem: string;
  /** The ATS the connection writes back to, if any. */
  atsSystem?: string;
  writeBack: boolean;
  checkPackage?: string;
}

/**
 * Without a GUID from the dedupe node, the person is found (or started) in the identity graph by the
 * hire's ATS ids, under the graph's lock, so the employee can be linked to someone.
 */
async function personFor(store: IdentityGraph, ats: { system: string; candidateId: string }): Promise<string> {
  return store.resolveIdentity([`${ats.system}:${ats.candidateId}`], async () => {
    const known = await store.findByExternalId(ats.system, ats.candidateId);
    return known ?? (await store.createPerson({ links: [{ system: ats.system, externalId: ats.candidateId }] })).guid;
  });
}

/** The key's package part when a check names none and the connection's package is used. */
const DEFAULT_PACKAGE = 'default';

type Store = IdentityGraph & Pick<Outbox, 'getByIdempotencyKey'>;

/**
 * Where in the ATS a check result goes: the hire the check was ordered for (its outbox entry keeps the
 * ATS ids, with Lever's opportunity), else the candidate the person is linked to.
 */
async function atsOfCheck(store: Store, guid: string, system: string, pkg: string): Promise<WriteJob['ats']> {
  const linked = (await store.getPerson(guid))?.links.find((l) => l.system === system)?.externalId;
  // The order's key names the person as the message did (GUID or ATS ids) and the package it named, if any.
  const subjects = [`person:${guid}`, ...(linked ? [`ats:${system}:${linked}`] : [])];
  for (const key of subjects.flatMap((subject) => [
    idempotencyKeys.check(subject, pkg),
    idempotencyKeys.check(subject, DEFAULT_PACKAGE),
  ])) {
    const order = await store.getByIdempotencyKey(key);
    const ats = order && WriteJob.safeParse(order.payload).data?.ats;
    if (ats?.system === system) return ats;
  }
  return linked ? { system, candidateId: linked } : undefined;
}

/** A completed check, recorded once per report on the person who was checked. */
async function checkResultJob(
  payload: unknown,
  defaults: JobDefaults,
  store: Store,
  event: WriteJob['event'],
): Promise<WriteJob> {
  const parsed = CompletedCheck.safeParse(payload, MISSING_IS_REQUIRED);
  if (!parsed.success)
    throw new HrError(
      'hris.bad_message',
      `Only a completed check (clear or consider) can be recorded: ${describeIssues(parsed.error, 'msg.payload')}`,
    );
  const { provider, candidateId, reportId, package: pkg, result, completedAt } = parsed.data.check;
  const guid = await store.findByExternalId(provider, candidateId);
  if (!guid)
    throw new HrError(
      'hris.check_unknown',
      `No person is linked to ${provider} candidate ${candidateId}: only checks ordered through this package can be recorded.`,
    );
  const ats = defaults.atsSystem ? await atsOfCheck(store, guid, defaults.atsSystem, pkg) : undefined;
  return {
    operation: 'checkResult',
    target: ats?.system ?? 'store',
    key: idempotencyKeys.checkResult(provider, reportId),
    personGuid: guid,
    checkResult: { provider, reportId, result, ...(completedAt ? { completedAt } : {}) },
    ...(ats ? { ats } : {}),
    ...(event ? { event } : {}),
  };
}

/** Turns a message into the write it asks for, keyed by the person and the operation. */
export async function jobFromMessage(msg: unknown, defaults: JobDefaults, store: Store): Promise<WriteJob> {
  const parsed = Incoming.safeParse(msg, MISSING_IS_REQUIRED);
  if (!parsed.success)
    throw new HrError('hris.bad_message', `The message cannot be written: ${describeIssues(parsed.error, 'msg')}`);
  const m = parsed.data;
  const operation = m.operation ?? defaults.operation;
  if (operation === 'checkResult') return checkResultJob(m.payload, defaults, store, m.event);
  const person = m.person ?? m.canonical?.person;
  const ats = m.sourceIds ?? m.canonical?.sourceIds;
  const subject = subjectOf({ personGuid: person?.guid, ats });
  if (!subject) {
    throw new HrError(
      'hris.no_identity',
      "The message names no person: it needs msg.person.guid (from the dedupe node) or the hire's ATS ids (msg.sourceIds).",
    );
  }
  const personGuid = person?.guid ?? (await personFor(store, ats!));
  const workEmail = person?.emails?.find((e) => e.type === 'work')?.address;
  const base = {
    operation,
    personGuid,
    ...(m.payload ? { record: m.payload } : {}),
    ...(workEmail ? { workEmail } : {}),
    ...(ats ? { ats } : {}),
    ...(m.event ? { event: m.event } : {}),
  };
  const employeeId = m.hris?.employeeId;

  switch (operation) {
    case 'create':
      return {
        ...base,
        target: defaults.hrisSystem,
        key: idempotencyKeys.create(defaults.hrisSystem, subject, ats),
        writeBack: defaults.writeBack,
      };
    case 'update':
      return {
        ...base,
        target: defaults.hrisSystem,
        key: idempotencyKeys.update(defaults.hrisSystem, subject, m.payload ?? {}),
        ...(employeeId ? { employeeId } : {}),
      };
    case 'lookup':
      return { ...base, target: defaults.hrisSystem, key: `${defaults.hrisSystem}:lookup:${subject}` };
    case 'atsUpdate': {
      if (!ats) throw new HrError('hris.bad_message', "An ATS update needs the candidate's ATS ids (msg.sourceIds).");
      if (!m.payload || Object.keys(m.payload).length === 0)
        throw new HrError(
          'hris.bad_message',
          'An ATS update needs the values to write (msg.payload, keyed by dictionary path).',
        );
      const cause = m.event ? `${m.event.source}:${m.event.eventId}` : '';
      return {
        ...base,
        target: ats.system,
        key: idempotencyKeys.atsUpdate(ats.system, ats.candidateId, cause, m.payload),
      };
    }
    case 'writeback': {
      if (!ats || !employeeId)
        throw new HrError(
          'hris.bad_message',
          "A write-back needs the hire's ATS ids (msg.sourceIds) and the employee id (msg.hris.employeeId).",
        );
      return {
        ...base,
        target: ats.system,
        employeeId,
        key: idempotencyKeys.writeBack(ats.system, ats.candidateId, employeeId),
      };
    }
    case 'check': {
      const email = person?.emails?.find((e) => e.type === 'personal')?.address ?? person?.emails?.[0]?.address;
      const first = person?.legalName?.first;
      const last = person?.legalName?.last;
      if (!email || !first || !last)
        throw new HrError(
          'hris.bad_message',
          "A background check needs the person's first and last name and an email (msg.person).",
        );
      const pkg = m.check?.package ?? defaults.checkPackage ?? '';
      const office = {
        ...(m.canonical?.job?.office ?? {}),
        ...(m.canonical?.offer?.location ? { offerLocation: m.canonical.offer.location } : {}),
      };
      return {
        ...base,
        target: 'checkr',
        key: idempotencyKeys.check(subject, pkg || DEFAULT_PACKAGE, ats),
        check: {
          firstName: first,
          lastName: last,
          email,
          ...(pkg ? { package: pkg } : {}),
          ...(m.check?.workLocation ? { workLocation: m.check.workLocation } : {}),
          ...(Object.keys(office).length ? { office } : {}),
        },
      };
    }
  }
}
