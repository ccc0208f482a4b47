import { z } from 'zod';
import { HrError } from '../../errors';
import { basicAuth, type HttpClientOptions } from '../../http';
import type { CallContext } from '../hris/types';
import {
  checkOutcomeText,
  type AtsRef,
  type AtsWriteBack,
  type CandidateRecord,
  type CandidateValues,
  type WriteBackConnection,
} from '../writeback/types';

export function ashbyHttpOptions(conn: WriteBackConnection): HttpClientOptions {
  return {
    baseUrl: conn.baseUrl || 'https://api.ashbyhq.com',
    auth: basicAuth(conn.apiKey, ''),
    headers: { Accept: 'application/json; version=1' },
  };
}

const RpcAnswer = z.object({ success: z.boolean(), errors: z.array(z.unknown()).optional() });

const FIRST = 'person.legalName.first';
const LAST = 'person.legalName.last';
const NAME_PATHS: readonly string[] = [FIRST, LAST];

/** The name part at its dictionary path: the changed value, else the golden record's (record path without `person.`). */
function namePart(path: string, values: CandidateValues, record: CandidateRecord): string | undefined {
  const changed = values[path];
  if (typeof changed === 'string' && changed.trim()) return changed.trim();
  const legal = record?.legalName;
  const kept =
    legal && typeof legal === 'object'
      ? (legal as Record<string, unknown>)[path.slice('person.legalName.'.length)]
      : undefined;
  return typeof kept === 'string' && kept.trim() ? kept.trim() : undefined;
}

/**
 * Ashby's `candidate.update` (docs/vendors/ashby.md, "Candidate updates from the HRIS") takes one
 * "first and last name"; it has no candidate title or work email, so those are reported as having no
 * place in Ashby, never sent.
 */
async function updateCandidate(ref: AtsRef, values: CandidateValues, ctx: CallContext, record: CandidateRecord = null) {
  const paths = Object.keys(values);
  const written = paths.filter((p) => NAME_PATHS.includes(p));
  const unsupported = paths.filter((p) => !written.includes(p));
  const reason =
    "Ashby's candidate.update takes the one name (first and last), the personal email and phone, links and the source; a candidate has no title or work email of its own there";
  if (written.length === 0) return { written, unsupported, reason };
  const first = namePart(FIRST, values, record);
  const last = namePart(LAST, values, record);
  if (!first || !last) {
    throw new HrError(
      'writeback.name_incomplete',
      `Ashby keeps the candidate's first and last name as one name, and the ${first ? 'last' : 'first'} name of this person is not known, so the name is not written to candidate ${ref.candidateId}.`,
    );
  }
  const response = await ctx.send({
    method: 'POST',
    url: 'candidate.update',
    body: { candidateId: ref.candidateId, name: `${first} ${last}` },
    idempotent: true,
  });
  const answer = RpcAnswer.safeParse(response.body);
  if (!answer.success || !answer.data.success) {
    const said = answer.success ? (answer.data.errors ?? []).map(String).join('; ') : 'an answer without "success"';
    throw new HrError('writeback.rejected', `Ashby refused the name update for candidate ${ref.candidateId}: ${said}`);
  }
  return { written, unsupported, reason };
}

/**
 * Ashby's RPC-style customField.setValue on the candidate (docs/vendors/ashby.md). RPC failures come
 * back as HTTP 200 with `success: false`, so the body decides, not the status.
 */
export function ashbyWriteBack(conn: WriteBackConnection): AtsWriteBack {
  const setValue = async (ref: AtsRef, fieldId: string | undefined, value: string, ctx: CallContext, what: string) => {
    if (!fieldId)
      throw new HrError(
        'writeback.not_configured',
        `Ashby write-back needs the id of the custom field that holds the ${what}.`,
      );
    const response = await ctx.send({
      method: 'POST',
      url: 'customField.setValue',
      body: { objectId: ref.candidateId, objectType: 'Candidate', fieldId, fieldValue: value },
      idempotent: true,
    });
    const answer = RpcAnswer.safeParse(response.body);
    if (!answer.success || !answer.data.success) {
      const said = answer.success ? (answer.data.errors ?? []).map(String).join('; ') : 'an answer without "success"';
      throw new HrError('writeback.rejected', `Ashby refused the ${what} for candidate ${ref.candidateId}: ${said}`);
    }
  };
  return {
    id: 'ashby',
    writeEmployeeId: (ref, employeeId, ctx) => setValue(ref, conn.field, employeeId, ctx, 'employee id'),
    writeCheckResult: (ref, check, ctx) =>
      setValue(ref, conn.checkField, checkOutcomeText(check), ctx, 'background-check result'),
    updateCandidate,
  };
}
