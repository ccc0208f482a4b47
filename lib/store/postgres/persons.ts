import { HrError } from '../../errors';
import type { Queryable } from './driver';

export interface PersonRow {
  guid: string;
  record: string;
  consent: string;
  created_at: Date;
  updated_at: Date;
  forgotten_at: Date | null;
}

/**
 * Reads a person about to be changed, locking the row until the transaction ends, so writes to one
 * person from several instances happen one after another and none lands after it was forgotten.
 */
export async function lockLivePerson(q: Queryable, guid: string): Promise<PersonRow> {
  const {
    rows: [row],
  } = await q.query<PersonRow>('SELECT * FROM persons WHERE guid = $1 FOR UPDATE', [guid]);
  if (!row) throw new HrError('store.person_not_found', `No person ${guid} in the store.`, { guid });
  if (row.forgotten_at !== null)
    throw new HrError('store.person_forgotten', `Person ${guid} was forgotten and can no longer be changed.`, { guid });
  return row;
}
