import { z } from 'zod';
import { HrError } from '../../errors';
import { basicAuth, type HttpClientOptions } from '../../http';
import type { CallContext } from '../hris/types';
import {
  checkOutcomeText,
  type AtsRef,
  type AtsWriteBack,
  type CheckOutcome,
  type WriteBackConnection,
  type WriteOptions,
} from '../writeback/types';

export const leverNote = (employeeId: string) => `Employee ID: ${employeeId}`;
export const leverCheckNote = (check: CheckOutcome) => `Background check: ${checkOutcomeText(check)}`;

export function leverHttpOptions(conn: WriteBackConnection): HttpClientOptions {
  return { baseUrl: conn.baseUrl || 'https://api.lever.co/v1', auth: basicAuth(conn.apiKey, '') };
}

/**
 * [unconfirmed] docs/vendors/lever.md documents adding a note, not listing them. Lever's data API lists
 * an opportunity's notes at the same path, paged like every list (`{ data, hasNext, next }`),
 * each note's words in `text` and in `fields[].value`.
 */
export const LEVER_NOTES_UNCONFIRMED = { limit: 100, maxPages: 20 } as const;

const Notes = z.object({
  data: z.array(
    z
      .object({
        text: z.string().nullish(),
        value: z.string().nullish(),
        fields: z.array(z.object({ value: z.unknown() })).nullish(),
      })
      .loose(),
  ),
  hasNext: z.boolean().nullish(),
  next: z.string().nullish(),
});

const notesPath = (opportunityId: string) => `opportunities/${encodeURIComponent(opportunityId)}/notes`;

/** Whether the opportunity already carries a note with these words: one an attempt whose answer was lost left. */
async function hasNote(opportunityId: string, value: string, ctx: CallContext): Promise<boolean> {
  let offset: string | undefined;
  for (let page = 0; page < LEVER_NOTES_UNCONFIRMED.maxPages; page += 1) {
    const answer = Notes.parse(
      (
        await ctx.send({
          method: 'GET',
          url: notesPath(opportunityId),
          query: { limit: LEVER_NOTES_UNCONFIRMED.limit, ...(offset ? { offset } : {}) },
        })
      ).body,
    );
    if (
      answer.data.some((n) => n.text === value || n.value === value || (n.fields ?? []).some((f) => f.value === value))
    )
      return true;
    if (!answer.hasNext || !answer.next) return false;
    offset = answer.next;
  }
  return false;
}

/**
 * Lever has no writable custom field, so the id and a check result become notes on the opportunity
 * (docs/vendors/lever.md, "Data API"). A note is not idempotent: after an attempt whose answer was lost, the notes
 * are read first and the same words are not written twice.
 */
export function leverWriteBack(conn: WriteBackConnection): AtsWriteBack {
  const addNote = async (ref: AtsRef, value: string, ctx: CallContext, options: WriteOptions = {}) => {
    if (!ref.applicationId)
      throw new HrError(
        'writeback.no_opportunity',
        'Lever write-back needs the opportunity id (the application id of the hire).',
      );
    if (options.retry && (await hasNote(ref.applicationId, value, ctx))) return;
    await ctx.send({
      method: 'POST',
      url: notesPath(ref.applicationId),
      ...(conn.actAs ? { query: { perform_as: conn.actAs } } : {}),
      body: { value },
    });
  };
  return {
    id: 'lever',
    writeEmployeeId: (ref, employeeId, ctx, options) => addNote(ref, leverNote(employeeId), ctx, options),
    writeCheckResult: (ref, check, ctx, options) => addNote(ref, leverCheckNote(check), ctx, options),
  };
}
