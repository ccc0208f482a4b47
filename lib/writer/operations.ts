import { HrError } from '../errors';
import type { IdentityGraph } from '../store/types';
import type { CheckrClient } from '../vendors/checkr/checks';
import { classifyHttpFailure } from '../vendors/hris/classify';
import type { CallContext, FailureKind, FoundEmployee, HrisTarget } from '../vendors/hris/types';
import type { AtsWriteBack } from '../vendors/writeback/types';
import type { WriteJob, WriteResult } from './job';
import { recoveryKey } from './keys';

/** A vendor module with the context its calls go through (the real client, or a dry-run recorder). */
export interface Channel<T> {
  api: T;
  ctx: CallContext;
}

export interface WriterTargets {
  hris: Channel<HrisTarget>;
  writeBack?: Channel<AtsWriteBack>;
  checkr?: Channel<CheckrClient>;
}

export interface RunOptions {
  /** An earlier attempt may have reached the vendor: look before writing again. */
  retry: boolean;
  /**
   * The last attempt may have created the record (its answer was lost, or the process stopped during
   * it) and nobody has checked since: creating again without a way to look is refused.
   */
  outcomeUnknown: boolean;
  /** Send nothing but the write itself (which the dry-run context captures): no lookups. */
  dryRun: boolean;
}

const CHECKR_SYSTEM = 'checkr';
/** The provenance field under which a person's latest background-check result is kept. */
export const CHECK_RESULT_FIELD = 'backgroundCheck.result';

function need<T>(value: T | undefined, code: string, message: string): T {
  if (value === undefined) throw new HrError(code, message);
  return value;
}

async function linkedId(store: IdentityGraph, guid: string | null, system: string): Promise<string | undefined> {
  if (!guid) return undefined;
  return (await store.getPerson(guid))?.links.find((l) => l.system === system)?.externalId;
}

const existing = (found: FoundEmployee, recovered: boolean): WriteResult => ({
  employeeId: found.employeeId,
  existing: true,
  ...(found.status === 'terminated' ? { rehire: true } : {}),
  ...(recovered ? { recovered: true } : {}),
});

async function create(
  job: WriteJob,
  hris: Channel<HrisTarget>,
  store: IdentityGraph,
  run: RunOptions,
): Promise<WriteResult> {
  const { api, ctx } = hris;
  const linked = await linkedId(store, job.personGuid, api.id);
  if (linked) {
    // The same person was an employee before: if they left, this hire is a rehire, not a new record.
    const status = run.dryRun ? 'unknown' : await api.employeeStatus(linked, ctx);
    return { employeeId: linked, existing: true, ...(status === 'terminated' ? { rehire: true } : {}) };
  }
  const mapped = need(
    job.record,
    'hris.no_record',
    'There is no record to create: msg.payload must be the target record (from the mapper).',
  );
  // Every attempt of this entry sends the same key, so the attempt whose answer is lost can be found.
  const { record, key } = api.recovery
    ? api.recovery.stamp(mapped, recoveryKey(job.key))
    : { record: mapped, key: undefined };
  const email = job.workEmail ?? api.workEmail(record);
  const lookup = async (fresh: boolean): Promise<WriteResult | null> => {
    const byKey = fresh && api.recovery && key ? await api.recovery.find(key, record, ctx, { fresh }) : null;
    if (byKey) return { employeeId: byKey.employeeId, existing: true, recovered: true };
    // Former employees too: the same email on an inactive record is a rehire, not a new employee.
    const byEmail = email && api.searchesByEmail ? await api.findByWorkEmail(email, ctx, { fresh }) : null;
    return byEmail && existing(byEmail, run.retry);
  };
  if (!run.dryRun) {
    // On a retry the roster copy may predate the lost create, so the lookup must be fresh.
    const found = await lookup(run.retry);
    if (found) return found;
    if (run.outcomeUnknown && !api.recovery && !(email && api.searchesByEmail)) {
      throw new HrError(
        'hris.outcome_unknown',
        `An earlier attempt to create this employee in ${api.id} may have succeeded (its answer never came), and the connection has no way to look the record up: no recovery field, and no work email to search. It is not sent again, to avoid a second employee: check ${api.id} by hand, then retry or discard this dead letter.`,
      );
    }
  }
  try {
    return { employeeId: (await api.createEmployee(record, ctx)).employeeId };
  } catch (err) {
    // A 409 means the person is already there (e.g. created by hand meanwhile): link it, do not fail.
    if (api.classify(err) === 'duplicate') {
      const found = await lookup(true);
      if (found) return found;
    }
    throw err;
  }
}

async function update(job: WriteJob, hris: Channel<HrisTarget>, store: IdentityGraph): Promise<WriteResult> {
  const employeeId =
    job.employeeId ??
    need(
      await linkedId(store, job.personGuid, hris.api.id),
      'hris.not_linked',
      `This person has no employee in ${hris.api.id} yet: create them first, or give msg.hris.employeeId.`,
    );
  await hris.api.updateEmployee(employeeId, job.record ?? {}, hris.ctx);
  return { employeeId };
}

async function writeBack(
  job: WriteJob,
  channel: Channel<AtsWriteBack> | undefined,
  run: RunOptions,
): Promise<WriteResult> {
  const wb = need(channel, 'hris.writeback_not_configured', 'The connection has no ATS write-back set up.');
  const ats = need(job.ats, 'hris.no_ats_ids', "The write-back needs the hire's ATS ids (msg.sourceIds).");
  const employeeId = need(
    job.employeeId,
    'hris.no_employee_id',
    'The write-back needs the employee id (msg.hris.employeeId).',
  );
  await wb.api.writeEmployeeId(ats, employeeId, wb.ctx, { retry: run.retry });
  return { employeeId };
}

async function check(
  job: WriteJob,
  channel: Channel<CheckrClient> | undefined,
  store: IdentityGraph,
  run: RunOptions,
): Promise<WriteResult> {
  const checkr = need(channel, 'hris.checkr_not_configured', 'The connection has no Checkr account set up.');
  const who = need(job.check, 'hris.no_candidate', "A check needs the person's first name, last name and email.");
  const guid = job.personGuid;
  const candidateId = await linkedId(store, guid, CHECKR_SYSTEM);
  // Linked as soon as Checkr answers, so a retry after a failed invitation reuses the candidate.
  const remember = async (id: string) => {
    if (guid && !run.dryRun) await store.link(guid, CHECKR_SYSTEM, id);
  };
  const ordered = await checkr.api.orderCheck(
    { ...who, ...(candidateId ? { candidateId } : {}), ...(guid ? { customId: guid } : {}) },
    checkr.ctx,
    remember,
    { retry: run.retry, outcomeUnknown: run.outcomeUnknown },
  );
  return { check: ordered };
}

/**
 * A finished background check, recorded once per report: on the person in the store (the result, its
 * source and time, audited when the entry completes) and, where the connection writes back to the
 * hire's ATS, there too. What the report found stays in the provider's system.
 */
async function checkResult(
  job: WriteJob,
  channel: Channel<AtsWriteBack> | undefined,
  store: IdentityGraph,
  run: RunOptions,
): Promise<WriteResult> {
  const check = need(
    job.checkResult,
    'hris.no_check_result',
    "There is no check result to record: msg.payload must be the trigger's check.completed event.",
  );
  const guid = need(job.personGuid ?? undefined, 'hris.no_identity', 'The check result names no person.');
  const { completedAt, ...recorded } = check;
  if (!run.dryRun) {
    await store.setProvenance(guid, CHECK_RESULT_FIELD, {
      value: { result: check.result, reportId: check.reportId },
      source: check.provider,
      sourceTime: completedAt ? new Date(completedAt) : new Date(),
    });
  }
  const ats = job.ats && channel && channel.api.id === job.ats.system ? job.ats : undefined;
  if (ats) await channel!.api.writeCheckResult(ats, recorded, channel!.ctx, { retry: run.retry });
  return { checkResult: { ...recorded, ats: ats ? ats.system : null } };
}

/** HRIS-owned values on the ATS candidate (two-way sync); what the ATS has no field for is reported in the result. */
async function atsUpdate(job: WriteJob, channel: Channel<AtsWriteBack> | undefined): Promise<WriteResult> {
  const wb = need(channel, 'hris.writeback_not_configured', 'The connection has no ATS write-back set up.');
  const ats = need(job.ats, 'hris.no_ats_ids', "An ATS update needs the candidate's ATS ids (msg.sourceIds).");
  if (wb.api.id !== ats.system)
    throw new HrError(
      'hris.writeback_other_ats',
      `The connection writes to ${wb.api.id}, but this candidate is in ${ats.system}.`,
    );
  if (!wb.api.updateCandidate)
    throw new HrError('hris.ats_update_unsupported', `Updating a candidate in ${ats.system} is not supported yet.`);
  const updated = await wb.api.updateCandidate(ats, job.record ?? {}, wb.ctx);
  return { atsUpdate: { system: ats.system, ...updated } };
}

/** Runs one write against its vendor. Lookups are not here: they change nothing and skip the outbox. */
export function execute(
  job: WriteJob,
  targets: WriterTargets,
  store: IdentityGraph,
  run: RunOptions,
): Promise<WriteResult> {
  switch (job.operation) {
    case 'create':
      return create(job, targets.hris, store, run);
    case 'update':
      return update(job, targets.hris, store);
    case 'writeback':
      return writeBack(job, targets.writeBack, run);
    case 'check':
      return check(job, targets.checkr, store, run);
    case 'checkResult':
      return checkResult(job, targets.writeBack, store, run);
    case 'atsUpdate':
      return atsUpdate(job, targets.writeBack);
    case 'lookup':
      throw new HrError('hris.not_queued', 'A lookup is not an outbox write.');
  }
}

/** The vendor module's reading of a failure (HRIS targets may know more than HTTP does). */
export function failureKind(job: WriteJob, targets: WriterTargets, error: unknown): FailureKind {
  return job.operation === 'create' || job.operation === 'update'
    ? targets.hris.api.classify(error)
    : classifyHttpFailure(error);
}

/** Where a successful write leaves its trace in the identity graph: (system, id) linked to the person. */
export function linkFor(
  job: WriteJob,
  targets: WriterTargets,
  result: WriteResult,
): { system: string; externalId: string } | null {
  if (job.operation === 'create' && result.employeeId)
    return { system: targets.hris.api.id, externalId: result.employeeId };
  if (job.operation === 'check' && result.check) return { system: CHECKR_SYSTEM, externalId: result.check.candidateId };
  return null;
}
