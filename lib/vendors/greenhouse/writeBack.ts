import { HrError } from '../../errors';
import type { HttpClientOptions } from '../../http';
import type { CallContext } from '../hris/types';
import {
  checkOutcomeText,
  type AtsRef,
  type AtsWriteBack,
  type CandidateValues,
  type WriteBackConnection,
} from '../writeback/types';
import { harvest, harvestHttpOptions, type HarvestCredentials } from './harvest';

const credentialsOf = (conn: WriteBackConnection): HarvestCredentials => ({
  baseUrl: conn.baseUrl,
  tokenUrl: conn.oauth?.tokenUrl,
  clientId: conn.oauth?.clientId,
  clientSecret: conn.oauth?.clientSecret,
  userId: conn.actAs,
  apiKey: conn.apiKey || undefined,
});

export function greenhouseHttpOptions(conn: WriteBackConnection): HttpClientOptions {
  const options = harvestHttpOptions(credentialsOf(conn));
  if (!options)
    throw new HrError(
      'writeback.not_configured',
      'Greenhouse write-back needs the Harvest v3 OAuth client id and secret.',
    );
  return options;
}

/** Candidate fields the v3 candidate update takes, by dictionary path (docs/vendors/greenhouse.md, "Two-way sync"). */
const CANDIDATE_FIELDS: Readonly<Record<string, string>> = {
  'person.legalName.first': 'first_name',
  'person.legalName.last': 'last_name',
  'job.title': 'title',
};

/**
 * Greenhouse has no employee-id field on candidates and offers lock after the hire, so the id (and a
 * background-check result) goes into a candidate custom field by its immutable key, through the v3
 * candidate update (docs/vendors/greenhouse.md, "Write-back").
 */
export function greenhouseWriteBack(conn: WriteBackConnection): AtsWriteBack {
  const setField = async (ref: AtsRef, field: string | undefined, value: string, ctx: CallContext, what: string) => {
    if (!field)
      throw new HrError(
        'writeback.not_configured',
        `Greenhouse write-back needs the key of the candidate custom field for the ${what}.`,
      );
    await ctx.send({
      method: 'PATCH',
      url: harvest.candidate(ref.candidateId),
      body: { custom_fields: [{ name_key: field, value }] },
      // Setting a field to the same value twice leaves one value.
      idempotent: true,
    });
  };
  return {
    id: 'greenhouse',
    writeEmployeeId: (ref, employeeId, ctx) => setField(ref, conn.field, employeeId, ctx, 'employee id'),
    writeCheckResult: (ref, check, ctx) =>
      setField(ref, conn.checkField, checkOutcomeText(check), ctx, 'background-check result'),
    async updateCandidate(ref: AtsRef, values: CandidateValues, ctx: CallContext) {
      const paths = Object.keys(values);
      const written = paths.filter((p) => p in CANDIDATE_FIELDS);
      const unsupported = paths.filter((p) => !(p in CANDIDATE_FIELDS));
      if (written.length) {
        const body = Object.fromEntries(written.map((p) => [CANDIDATE_FIELDS[p]!, values[p]]));
        // Setting fields to the same values twice leaves the same candidate.
        await ctx.send({ method: 'PATCH', url: harvest.candidate(ref.candidateId), body, idempotent: true });
      }
      return { written, unsupported };
    },
  };
}
