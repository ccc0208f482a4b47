import { HrError } from '../errors';
import { blockingKeys } from '../match';
import type { HrStore, Person } from '../store/types';
import type { ForgetRequest, PersonProbe } from './types';

export type Resolved = { kind: 'found'; person: Person } | { kind: 'forgotten' } | { kind: 'unknown' };

// More than one person on one e-mail address is a case for a person, who then names the GUID.
const EMAIL_CANDIDATES = 5;

const described = (by: PersonProbe) =>
  'guid' in by
    ? `person ${by.guid}`
    : 'email' in by
      ? 'person with this e-mail address'
      : `person linked to ${by.system} ${by.externalId}`;

async function guidsOf(store: HrStore, by: PersonProbe): Promise<string[]> {
  if ('guid' in by) return [by.guid];
  if ('system' in by) {
    const guid = await store.findByExternalId(by.system, by.externalId);
    return guid ? [guid] : [];
  }
  const keys = blockingKeys({ emails: [by.email], phones: [], externalIds: [] });
  return store.candidatesForKeys(keys, EMAIL_CANDIDATES);
}

/** For a request a person made: nothing can be erased for someone the store does not know, and they should hear so. */
export const unknownPerson = (by: PersonProbe) =>
  new HrError(
    'forget.person_unknown',
    `No ${described(by)} is in the HR store, so nothing was deleted. Check the id, or erase the person by hand in each system.`,
  );

/**
 * Finds the person a deletion request names. Someone already forgotten is recognised by the keyed
 * hashes the tombstone keeps, so a redelivered request is answered, not refused.
 */
export async function resolvePerson(store: HrStore, by: PersonProbe): Promise<Resolved> {
  const persons = (await Promise.all((await guidsOf(store, by)).map((guid) => store.getPerson(guid)))).filter(
    (p): p is Person => p !== null,
  );
  if (persons.length === 1) return { kind: 'found', person: persons[0] };
  if (persons.length > 1) {
    throw new HrError(
      'forget.ambiguous',
      `${persons.length} persons share this e-mail address: send the request again with the person's GUID (${persons.map((p) => p.guid).join(', ')}).`,
    );
  }
  return (await store.isTombstoned(by)) ? { kind: 'forgotten' } : { kind: 'unknown' };
}

/**
 * An ATS deletion of someone the store never held still leaves tombstones for the candidate's id (and
 * the e-mail addresses the event named), so a hire for them arriving later, or redelivered, is dropped.
 */
export function rememberNotHeld(
  store: Pick<HrStore, 'rememberDeletion'>,
  request: ForgetRequest & { deletedAt: object },
  actor: string,
): Promise<number> {
  const probes = [request.deletedAt, ...(request.emails ?? []).map((email) => ({ email }))];
  return store.rememberDeletion({ probes, source: request.via, actor, eventId: request.event?.eventId ?? null });
}
