/**
 * One incoming person against the store: strong keys first (an external id already linked, an email
 * on file), then candidates by blocking key, Fellegi-Sunter scores with term frequencies from the store,
 * and a decision. Everything happens under the store's identity lock on the person's keys, so two
 * messages for the same new person cannot both create a GUID.
 */
import { bestMatch, blockingKeys, nameForms, score, type MatchablePerson, type MatchExplanation, type MatchModel, type Thresholds } from '../match';
import { givenNames } from '../match/prepare';
import type { ExternalLink, HrStore, JsonObject } from '../store';
import type { SourceRecord } from '../survive';
import { matchableFrom, namesOf, provenanceOf } from './matchable';

export interface DedupeSettings {
  thresholds: Thresholds;
  model: MatchModel;
  /** Most candidates fetched by blocking key and scored for one person. */
  candidateLimit: number;
  /** Who decides in the audit log: the node's type and id. */
  actor: string;
}

export type Decision = 'new' | 'merge' | 'review' | 'dropped';

export interface Resolution {
  decision: Decision;
  /** The person's GUID; null while a review is open, and for a dropped (forgotten) person. */
  guid: string | null;
  probability: number | null;
  explanation: MatchExplanation | null;
  /** For a review: the stored person it may duplicate, and the review item. */
  candidate?: { guid: string; record: JsonObject };
  reviewId?: number;
}

/** An incoming person with the payload it arrived in. */
export interface Incoming {
  source: SourceRecord & { person: NonNullable<SourceRecord['person']> };
  payload: unknown;
  at: Date;
}

/** What a possible-duplicate review keeps, to explain itself and to act once decided. */
export interface DuplicateReviewPayload {
  node: string;
  payload: unknown;
  candidateGuid: string;
  probability: number;
  explanation: MatchExplanation;
}

// Strong keys find very few persons; the limit only guards against a shared inbox on file many times.
const STRONG_KEY_LIMIT = 20;

const summary = (guid: string, e: MatchExplanation) =>
  `p=${e.probability.toFixed(3)} against ${guid}: ${e.fields.filter((f) => f.weight !== 0).map((f) => `${f.field} ${f.level} (${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(1)})`).join(', ')}`;

async function isForgotten(store: HrStore, person: MatchablePerson, links: readonly ExternalLink[]): Promise<boolean> {
  const probes = [
    ...links.map((l) => ({ system: l.system, externalId: l.externalId })),
    ...person.emails.map((email) => ({ email })),
    ...person.phones.map((phone) => ({ phone })),
  ];
  for (const probe of probes) if (await store.isTombstoned(probe)) return true;
  return false;
}

async function nameFrequencies(store: HrStore, person: MatchablePerson): Promise<Map<string, number>> {
  const lookups: Array<['first' | 'last', string]> = givenNames(person).map((n) => ['first', n] as ['first', string]);
  const last = nameForms(person.lastName)?.full;
  if (last) lookups.push(['last', last]);
  const out = new Map<string, number>();
  for (const [kind, value] of lookups) out.set(`${kind}:${value}`, await store.nameFrequency(kind, value));
  return out;
}

/** Blocking and scoring only, no writes: what the node does before deciding, and what the benchmark times. */
export async function lookupCandidates(store: HrStore, person: MatchablePerson, settings: Pick<DedupeSettings, 'thresholds' | 'model' | 'candidateLimit'>) {
  const strong = blockingKeys({ emails: person.emails, phones: [], externalIds: person.externalIds });
  const guids = new Set([
    ...(await store.candidatesForKeys(strong, STRONG_KEY_LIMIT)),
    ...(await store.candidatesForKeys(blockingKeys(person), settings.candidateLimit)),
  ]);
  const stored = await Promise.all([...guids].map((guid) => store.getPerson(guid)));
  const candidates = stored.flatMap((p) => (p ? [{ ...matchableFrom(p.record, p.links, p.guid), record: p.record }] : []));
  const frequencies = await nameFrequencies(store, person);
  return bestMatch(person, candidates, {
    thresholds: settings.thresholds,
    model: settings.model,
    nameFrequency: (kind, value) => frequencies.get(`${kind}:${value}`) ?? 0,
  });
}

async function createPerson(store: HrStore, incoming: Incoming, person: MatchablePerson, actor: string): Promise<string> {
  const { source } = incoming;
  const record = { ...source.person } as JsonObject;
  delete record.guid;
  const created = await store.createPerson({
    record,
    links: source.links,
    blockingKeys: blockingKeys(person),
    names: namesOf(person),
    provenance: source.system ? provenanceOf(record, source.system, incoming.at) : {},
    consent: source.person.consent as Record<string, boolean> | undefined,
  });
  await store.audit({ eventId: source.eventId, source: source.system ?? 'unknown', actor, action: 'dedupe.created', personGuid: created.guid, after: { links: source.links } });
  return created.guid;
}

async function mergeInto(store: HrStore, guid: string, incoming: Incoming, person: MatchablePerson, actor: string): Promise<void> {
  const { source } = incoming;
  const stored = await store.getPerson(guid);
  const linked: ExternalLink[] = [];
  for (const link of source.links) if ((await store.link(guid, link.system, link.externalId)).created) linked.push(link);
  // Keys of both spellings, so the next delivery in either form finds this person directly.
  const known = stored ? blockingKeys(matchableFrom(stored.record, stored.links)) : [];
  await store.putBlockingKeys(guid, [...new Set([...known, ...blockingKeys(person)])]);
  await store.audit({ eventId: source.eventId, source: source.system ?? 'unknown', actor, action: 'dedupe.merged', personGuid: guid, after: { linked } });
}

/** Resolves one incoming person to a GUID, a review, or nothing (a forgotten person). */
export async function resolvePerson(store: HrStore, incoming: Incoming, settings: DedupeSettings, owner: string): Promise<Resolution> {
  const { source } = incoming;
  const person = matchableFrom(source.person, source.links);
  if (await isForgotten(store, person, source.links)) {
    await store.audit({ eventId: source.eventId, source: source.system ?? 'unknown', actor: settings.actor, action: 'dedupe.dropped_forgotten' });
    return { decision: 'dropped', guid: null, probability: null, explanation: null };
  }

  return store.resolveIdentity(blockingKeys(person), async () => {
    for (const link of source.links) {
      const guid = await store.findByExternalId(link.system, link.externalId);
      if (!guid) continue;
      // The link is the identity; the score is only there to show the reviewer of a log what else agreed.
      const stored = await store.getPerson(guid);
      const explanation = stored ? score(person, matchableFrom(stored.record, stored.links), { model: settings.model }) : null;
      await mergeInto(store, guid, incoming, person, settings.actor);
      return { decision: 'merge', guid, probability: explanation?.probability ?? 1, explanation };
    }

    const outcome = await lookupCandidates(store, person, settings);
    const top = outcome.candidate;
    if (outcome.decision === 'merge' && top?.guid) {
      await mergeInto(store, top.guid, incoming, person, settings.actor);
      return { decision: 'merge', guid: top.guid, probability: outcome.explanation!.probability, explanation: outcome.explanation! };
    }
    if (outcome.decision === 'review' && top?.guid) {
      const explanation = outcome.explanation!;
      const payload: DuplicateReviewPayload = { node: owner, payload: incoming.payload, candidateGuid: top.guid, probability: explanation.probability, explanation };
      const review = await store.addReview({ kind: 'possible_duplicate', personGuid: top.guid, payload, explanation: summary(top.guid, explanation) });
      await store.audit({ eventId: source.eventId, source: source.system ?? 'unknown', actor: settings.actor, action: 'dedupe.review_opened', personGuid: top.guid, after: { reviewId: review.id } });
      return { decision: 'review', guid: null, probability: explanation.probability, explanation, candidate: { guid: top.guid, record: top.record }, reviewId: review.id };
    }
    const guid = await createPerson(store, incoming, person, settings.actor);
    return { decision: 'new', guid, probability: outcome.explanation?.probability ?? 0, explanation: outcome.explanation ?? null };
  });
}

/**
 * Acts on a decided duplicate review: approved merges the incoming person into the candidate,
 * rejected makes them a new person. The store has already recorded and audited the decision.
 */
export async function settleDuplicate(store: HrStore, incoming: Incoming, review: DuplicateReviewPayload, approved: boolean, actor: string): Promise<Resolution> {
  const person = matchableFrom(incoming.source.person, incoming.source.links);
  return store.resolveIdentity(blockingKeys(person), async () => {
    if (approved) {
      await mergeInto(store, review.candidateGuid, incoming, person, actor);
      return { decision: 'merge', guid: review.candidateGuid, probability: review.probability, explanation: review.explanation };
    }
    const guid = await createPerson(store, incoming, person, actor);
    return { decision: 'new', guid, probability: review.probability, explanation: review.explanation };
  });
}
