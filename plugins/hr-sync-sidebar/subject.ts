/**
 * Whom a card is about: the person's name, the job they were hired for and the link to the candidate in
 * the ATS, where the event carries them. A name is personal data: a viewer without hr-sync.personal is
 * told it is hidden rather than shown a masked one.
 */
import type { HrStore } from '../../lib/store/types';
import { MASK } from '../../lib/privacy/redact';
import type { Viewer } from './masking';

export interface Subject {
  name: string | null;
  /** The event or the person on file names them, but this viewer may not see the name. */
  nameHidden: boolean;
  job: string | null;
  /** The candidate's page in the ATS (the event's application URL). */
  atsUrl: string | null;
  /** "greenhouse candidate 123" when the ATS is known but its event gave no URL. */
  atsRef: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const httpUrl = (v: unknown): string | null => {
  const url = text(v);
  return url && /^https?:\/\//i.test(url) ? url : null;
};

/** A name as this viewer may see it: null when there is none, MASK when the policy hides it. */
export type ShownName = string | typeof MASK | null;

/** The display name of a person record (canonical Person): the preferred name with the last name, else the legal name. */
export function displayName(person: unknown, viewer: Viewer): ShownName {
  if (!isObject(person)) return null;
  const shown = viewer.mask({ person: { legalName: person.legalName, preferredName: person.preferredName } }).person;
  const legal = isObject(shown.legalName) ? shown.legalName : {};
  const parts = [text(shown.preferredName) ?? text(legal.first), text(legal.last)].filter(
    (p): p is string => p !== null,
  );
  if (parts.includes(MASK)) return MASK;
  return parts.join(' ') || null;
}

/** The first name found among `names`, and whether one was hidden from the viewer. */
export function nameOf(...names: ShownName[]): Pick<Subject, 'name' | 'nameHidden'> {
  const name = names.find((n): n is string => n !== null && n !== MASK) ?? null;
  return { name, nameHidden: name === null && names.includes(MASK) };
}

/** A hire event or a message carrying one (`canonical` beside a mapped payload, or the payload itself). */
export function eventIn(value: unknown): Record<string, unknown> | null {
  if (!isObject(value)) return null;
  for (const candidate of [value.canonical, value.payload, value])
    if (isObject(candidate) && isObject(candidate.person)) return candidate;
  return null;
}

/** The subject of a card from the event it holds, the person on file filling in what the event lacks. */
export async function subjectOf(
  event: Record<string, unknown> | null,
  personGuid: string | null,
  store: HrStore,
  viewer: Viewer,
): Promise<Subject> {
  const onFile = personGuid ? await store.getPerson(personGuid).catch(() => null) : null;
  const record = onFile?.record ?? {};
  const job = isObject(event?.job) ? event.job : isObject(record.job) ? record.job : {};
  const application = isObject(event?.application) ? event.application : {};
  const ids = isObject(event?.sourceIds) ? event.sourceIds : {};
  const system = text(ids.system) ?? text(event?.system);
  const candidate = text(ids.candidateId) ?? text(application.candidateId);
  const shown = viewer.mask({ job: { title: text(job.title) }, url: httpUrl(application.url) });
  return {
    ...nameOf(
      displayName(event?.person, viewer),
      displayName(isObject(record.person) ? record.person : record, viewer),
    ),
    job: shown.job.title,
    atsUrl: shown.url,
    atsRef: system && candidate ? `${system} ${candidate}` : null,
  };
}
