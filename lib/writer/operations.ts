import { HrError } from '../errors';
import type { IdentityGraph } from '../store/types';
import type { CheckrClient } from '../vendors/checks/checkr';
import { classifyHttpFailure } from '../vendors/hris/classify';
import type { CallContext, FailureKind, HrisTarget } from '../vendors/hris/types';
import type { AtsWriteBack } from '../vendors/writeback/types';
import type { WriteJob, WriteResult } from './job';

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
  /** Send nothing but the write itself (which the dry-run context captures): no lookups. */
  dryRun: boolean;
}

const CHECKR_SYSTEM = 'checkr';

function need<T>(value: T | undefined, code: string, message: string): T {
  if (value === undefined) throw new HrError(code, message);
  return value;
}

async function linkedId(store: IdentityGraph, guid: string | null, system: string): Promise<string | undefined> {
  if (!guid) return undefined;
  return (await store.getPerson(guid))?.links.find((l) => l.system === system)?.externalId;
}

async function create(job: WriteJob, hris: Channel<HrisTarget>, store: IdentityGraph, run: RunOptions): Promise<WriteResult> {
  const { api, ctx } = hris;
  const linked = await linkedId(store, job.personGuid, api.id);
  if (linked) {
    // The same person was an employee before: if they left, this hire is a rehire, not a new record.
    const status = run.dryRun ? 'unknown' : await api.employeeStatus(linked, ctx);
    return { employeeId: linked, existing: true, ...(status === 'terminated' ? { rehire: true } : {}) };
  }
  const record = need(job.record, 'hris.no_record', 'There is no record to create: msg.payload must be the target record (from the mapper).');
  const email = job.workEmail ?? api.workEmail(record);
  const lookup = async (fresh: boolean): Promise<WriteResult | null> => {
    const found = email ? await api.findByWorkEmail(email, ctx, { fresh }) : null;
    return found && { employeeId: found.employeeId, existing: true, ...(found.status === 'terminated' ? { rehire: true } : {}), ...(run.retry ? { recovered: true } : {}) };
  };
  if (!run.dryRun) {
    // On a retry the roster copy may predate the lost create, so the lookup must be fresh.
    const found = await lookup(run.retry);
    if (found) return found;
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
    need(await linkedId(store, job.personGuid, hris.api.id), 'hris.not_linked', `This person has no employee in ${hris.api.id} yet: create them first, or give msg.hris.employeeId.`);
  await hris.api.updateEmployee(employeeId, job.record ?? {}, hris.ctx);
  return { employeeId };
}

async function writeBack(job: WriteJob, channel: Channel<AtsWriteBack> | undefined, run: RunOptions): Promise<WriteResult> {
  const wb = need(channel, 'hris.writeback_not_configured', 'The connection has no ATS write-back set up.');
  const ats = need(job.ats, 'hris.no_ats_ids', 'The write-back needs the hire\'s ATS ids (msg.sourceIds).');
  const employeeId = need(job.employeeId, 'hris.no_employee_id', 'The write-back needs the employee id (msg.hris.employeeId).');
  await wb.api.writeEmployeeId(ats, employeeId, wb.ctx);
  return { employeeId };
}

async function check(job: WriteJob, channel: Channel<CheckrClient> | undefined, store: IdentityGraph, run: RunOptions): Promise<WriteResult> {
  const checkr = need(channel, 'hris.checkr_not_configured', 'The connection has no Checkr account set up.');
  const who = need(job.check, 'hris.no_candidate', 'A check needs the person\'s first name, last name and email.');
  const guid = job.personGuid;
  const candidateId = await linkedId(store, guid, CHECKR_SYSTEM);
  // Linked as soon as Checkr answers, so a retry after a failed invitation reuses the candidate.
  const remember = async (id: string) => {
    if (guid && !run.dryRun) await store.link(guid, CHECKR_SYSTEM, id);
  };
  const ordered = await checkr.api.orderCheck({ ...who, ...(candidateId ? { candidateId } : {}), ...(guid ? { customId: guid } : {}) }, checkr.ctx, remember);
  return { check: ordered };
}

/** Runs one write against its vendor. Lookups are not here: they change nothing and skip the outbox. */
export function execute(job: WriteJob, targets: WriterTargets, store: IdentityGraph, run: RunOptions): Promise<WriteResult> {
  switch (job.operation) {
    case 'create':
      return create(job, targets.hris, store, run);
    case 'update':
      return update(job, targets.hris, store);
    case 'writeback':
      return writeBack(job, targets.writeBack, run);
    case 'check':
      return check(job, targets.checkr, store, run);
    case 'lookup':
      throw new HrError('hris.not_queued', 'A lookup is not an outbox write.');
  }
}

/** The vendor module's reading of a failure (HRIS targets may know more than HTTP does). */
export function failureKind(job: WriteJob, targets: WriterTargets, error: unknown): FailureKind {
  return job.operation === 'create' || job.operation === 'update' ? targets.hris.api.classify(error) : classifyHttpFailure(error);
}

/** Where a successful write leaves its trace in the identity graph: (system, id) linked to the person. */
export function linkFor(job: WriteJob, targets: WriterTargets, result: WriteResult): { system: string; externalId: string } | null {
  if (job.operation === 'create' && result.employeeId) return { system: targets.hris.api.id, externalId: result.employeeId };
  if (job.operation === 'check' && result.check) return { system: CHECKR_SYSTEM, externalId: result.check.candidateId };
  return null;
}
