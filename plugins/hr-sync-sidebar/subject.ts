/**
 * Whom a card is about, in the words an alert uses: the person's name (kept as an alert keeps it,
 * every other personal field masked for a viewer without hr-sync.personal), the job they were hired
 * for and the link to the candidate in the ATS, where the event carries them.
 */
import type { HrStore } from '../../lib/store/types';
import type { Viewer } from './masking';

export interface Subject {
  name: string | null;
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

/** The display name of a person record (canonical Person): the preferred name with the last name, else the legal name. */
export function displayName(person: unknown, viewer: Viewer): string | null {
  if (!isObject(person)) return null;
  const shown = viewer.naming({ person: { legalName: person.legalName, preferredName: person.preferredName } }).person;
  const legal = isObject(shown.legalName) ? shown.legalName : {};
  const first = text(shown.preferredName) ?? text(legal.first);
  return [first, text(legal.last)].filter(Boolean).join(' ') || null;
}

/** A hire event or a message carrying one (`canonical` beside a mapped payload, or the payload itself). */
export function eventIn(value: unknown): Record<string, unknown> | null {
  if (!isObject(value)) return null;
  for (const candidate of [value.canonical, value.payload, value]) if (isObject(candidate) && isObject(candidate.person)) return candidate;
  return null;
}

/** The subject of a card from the event it holds, the person on file filling in what the event lacks. */
export async function subjectOf(event: Record<string, unknown> | null, personGuid: string | null, store: HrStore, viewer: Viewer): Promise<Subject> {
  const onFile = personGuid ? await store.getPerson(personGuid).catch(() => null) : null;
  const record = onFile?.record ?? {};
  const job = isObject(event?.job) ? event.job : isObject(record.job) ? record.job : {};
  const application = isObject(event?.application) ? event.application : {};
  const ids = isObject(event?.sourceIds) ? event.sourceIds : {};
  const system = text(ids.system) ?? text(event?.system);
  const candidate = text(ids.candidateId) ?? text(application.candidateId);
  const shown = viewer.mask({ job: { title: text(job.title) }, url: httpUrl(application.url) });
  return {
    name: displayName(event?.person, viewer) ?? displayName(isObject(record.person) ? record.person : record, viewer),
    job: shown.job.title,
    atsUrl: shown.url,
    atsRef: system && candidate ? `${system} ${candidate}` : null,
  };
}
