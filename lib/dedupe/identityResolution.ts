/**
 * One incoming person against the store: strong keys first (an external id already linked, an email
 * on file), then candidates by blocking key, Fellegi-Sunter scores with term frequencies from the store,
 * and a decision. Everything happens under the store's identity lock on the person's keys, so two
 * messages for the same new person cannot both create a GUID.
 */
import {
  bestPreparedMatch,
  blockingKeys,
  blockingKeysOfPrepared,
  fromComparisonRecord,
  isIdentifyingKey,
  prepare,
  score,
  scorePrepared,
  toComparisonRecord,
  type ComparisonRecord,
  type MatchablePerson,
  type MatchExplanation,
  type MatchModel,
  type MatchOutcome,
  type PreparedCandidate,
  type PreparedPerson,
  type Thresholds,
} from '../match';
import type { ExternalLink, HrStore, JsonObject, Review } from '../store';
import type { SourceRecord } from '../survive';
import { matchIndexOf, matchableFrom, provenanceOf } from './matchable';

/**
 * The largest block a lookup lists. A key held by more persons is a common name's (at a million persons
 * NYSIIS "Smith" with the initial J holds thousands); listing it would cost most of a lookup and add only
 * namesakes, whose names alone cannot reach review. bench/match-quality.ts at the density of a million
 * persons (storeSize=20000 maxBlockSize=6 candidateLimit=1): recall 94.5 % against 94.8 % without the
 * cap, precision and new persons reviewed unchanged.
 */
export const MAX_BLOCK_SIZE = 300;

export interface DedupeSettings {
  thresholds: Thresholds;
  model: MatchModel;
  /** Most candidates fetched by blocking key and scored for one person. */
  candidateLimit: number;
  /** A blocking key held by more stored persons than this lists none of them (see findCandidates). */
  maxBlockSize: number;
  /** Who decides in the audit log: the node's type and id. */
  actor: string;
  /**
   * Called with each lookup's best candidate, e.g. to tally it for learning the weights. Only the best:
   * the runners-up are mostly namesakes, which would teach EM that a shared name is a match.
   */
  onScored?: (explanation: MatchExplanation) => void;
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
  /** The person arrived again while their review was open: that review now holds this delivery, and no other was opened. */
  reviewUpdated?: boolean;
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
  /** What the review is filed under: the incoming person's identifying keys and narrow blocking keys (reviewSubjectKeys). */
  subjectKeys?: string[];
  /** The incoming person as matching compares them, so a later delivery can be scored against the person under review. */
  subject?: ComparisonRecord;
}

// Blocking keys narrow enough to find the person under review again without an identifier: birth date with
// an initial, house and street, both names' sounds. Each names a handful of persons, and a review found
// through one is joined only when the newcomer scores as that person.
const NARROW_KEY = /^(d|a|f):/;

/** The keys a possible-duplicate review is filed under: identifying ones, then narrow ones. */
function reviewSubjectKeys(keys: readonly string[]): { identifying: string[]; narrow: string[] } {
  return { identifying: keys.filter(isIdentifyingKey), narrow: keys.filter((k) => NARROW_KEY.test(k)) };
}

const summary = (guid: string, e: MatchExplanation, reason?: string) =>
  `p=${e.probability.toFixed(3)} against ${guid}: ${e.fields
    .filter((f) => f.weight !== 0)
    .map((f) => `${f.field} ${f.level} (${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(1)})`)
    .join(', ')}${reason ? `; review because ${reason}` : ''}`;

// Ids and emails only: a phone is often shared (a household, an office line), and dropping another
// person's hire because they share a forgotten person's number would lose that hire.
async function isForgotten(store: HrStore, person: MatchablePerson, links: readonly ExternalLink[]): Promise<boolean> {
  const probes = [
    ...links.map((l) => ({ system: l.system, externalId: l.externalId })),
    ...person.emails.map((email) => ({ email })),
  ];
  for (const probe of probes) if (await store.isTombstoned(probe)) return true;
  return false;
}

/** Term frequencies of the incoming person's names, as the store counts them, in one call. */
async function nameFrequencies(store: HrStore, p: PreparedPerson): Promise<Map<string, number>> {
  const asked = [
    ...p.givenNames.map((value) => ({ kind: 'first' as const, value })),
    ...(p.surname ? [{ kind: 'last' as const, value: p.surname.full }] : []),
  ];
  const found = await store.nameFrequencies(asked);
  return new Map(asked.map(({ kind, value }, i) => [`${kind}:${value}`, found[i] ?? 0]));
}

/**
 * Persons sharing an email, ATS id or phone are scored before those sharing only name or birth-date keys,
 * so the candidate limit never cuts the one holding the phone a returning person kept while their name
 * was typed differently (a shared phone alone never merges: households share them).
 */
const scoredFirst = (key: string): boolean => isIdentifyingKey(key) || key.startsWith('p:');

export interface Lookup extends MatchOutcome<{ guid: string }> {
  /** Blocking keys so common (more than maxBlockSize persons) that they listed nobody. */
  oversizedKeys: string[];
  candidatesScored: number;
}

/**
 * Blocking and scoring only, no writes: what the node does before deciding, and what the benchmark
 * times. One store call returns the candidates with their comparison records; only a person stored
 * without one (before comparison records existed) is read and prepared from the golden record.
 */
export async function lookupCandidates(
  store: HrStore,
  person: MatchablePerson,
  settings: Pick<DedupeSettings, 'thresholds' | 'model' | 'candidateLimit' | 'maxBlockSize'>,
): Promise<Lookup> {
  const incoming = prepare(person);
  const keys = blockingKeysOfPrepared(incoming);
  const [search, frequencies] = await Promise.all([
    store.findCandidates({
      keys,
      strongKeys: keys.filter(scoredFirst),
      limit: settings.candidateLimit,
      maxBlockSize: settings.maxBlockSize,
    }),
    nameFrequencies(store, incoming),
  ]);
  const candidates = await Promise.all(
    search.candidates.map(async ({ guid, comparisonRecord }): Promise<PreparedCandidate<{ guid: string }> | null> => {
      const prepared = fromComparisonRecord(comparisonRecord);
      if (prepared) return { guid, prepared, candidate: { guid } };
      const stored = await store.getPerson(guid);
      return stored
        ? {
            guid,
            prepared: prepare(matchableFrom(stored.record, stored.links, guid, store.matchingKey())),
            candidate: { guid },
          }
        : null;
    }),
  );
  const scored = candidates.filter((c) => c !== null);
  const outcome = bestPreparedMatch(incoming, scored, {
    thresholds: settings.thresholds,
    model: settings.model,
    nameFrequency: (kind, value) => frequencies.get(`${kind}:${value}`) ?? 0,
  });
  return { ...outcome, oversizedKeys: search.oversizedKeys, candidatesScored: scored.length };
}

async function createPerson(
  store: HrStore,
  incoming: Incoming,
  person: MatchablePerson,
  actor: string,
): Promise<string> {
  const { source } = incoming;
  const record = { ...source.person } as JsonObject;
  delete record.guid;
  const { blockingKeys: keys, names, comparisonRecord } = matchIndexOf(person);
  const created = await store.createPerson({
    record,
    links: source.links,
    blockingKeys: keys,
    names,
    comparisonRecord,
    provenance: source.system ? provenanceOf(record, source.system, incoming.at) : {},
    consent: source.person.consent as Record<string, boolean> | undefined,
  });
  await store.audit({
    eventId: source.eventId,
    source: source.system ?? 'unknown',
    actor,
    action: 'dedupe.created',
    personGuid: created.guid,
    after: { links: source.links },
  });
  return created.guid;
}

async function mergeInto(
  store: HrStore,
  guid: string,
  incoming: Incoming,
  person: MatchablePerson,
  actor: string,
): Promise<void> {
  const { source } = incoming;
  const linked: ExternalLink[] = [];
  for (const link of source.links)
    if ((await store.link(guid, link.system, link.externalId)).created) linked.push(link);
  const stored = await store.getPerson(guid);
  if (stored) {
    // The incoming spelling's keys join the person's, so the next delivery in any known form finds them
    // directly; names and comparison record stay the golden record's (with the new links), which
    // survivorship may change next.
    const index = matchIndexOf(matchableFrom(stored.record, stored.links, undefined, store.matchingKey()));
    await store.putMatchIndex(guid, {
      ...index,
      blockingKeys: [...new Set([...index.blockingKeys, ...blockingKeys(person)])],
      keepOtherKeys: true,
    });
  }
  await store.audit({
    eventId: source.eventId,
    source: source.system ?? 'unknown',
    actor,
    action: 'dedupe.merged',
    personGuid: guid,
    after: { linked },
  });
}

/** Resolves one incoming person to a GUID, a review, or nothing (a forgotten person). */
export async function resolvePerson(
  store: HrStore,
  incoming: Incoming,
  settings: DedupeSettings,
  owner: string,
): Promise<Resolution> {
  const { source } = incoming;
  const person = matchableFrom(source.person, source.links, undefined, store.matchingKey());
  if (await isForgotten(store, person, source.links)) {
    await store.audit({
      eventId: source.eventId,
      source: source.system ?? 'unknown',
      actor: settings.actor,
      action: 'dedupe.dropped_forgotten',
    });
    return { decision: 'dropped', guid: null, probability: null, explanation: null };
  }

  return store.resolveIdentity(blockingKeys(person), async () => {
    for (const link of source.links) {
      const guid = await store.findByExternalId(link.system, link.externalId);
      if (!guid) continue;
      // The link is the identity; the score is only there to show the reviewer of a log what else agreed.
      const stored = await store.getPerson(guid);
      const explanation = stored
        ? score(person, matchableFrom(stored.record, stored.links, undefined, store.matchingKey()), {
            model: settings.model,
          })
        : null;
      await mergeInto(store, guid, incoming, person, settings.actor);
      return { decision: 'merge', guid, probability: explanation?.probability ?? 1, explanation };
    }

    // Until a person decides, a later delivery of the same person joins the open review instead of opening
    // another: found by an identifier it shares, or by a narrow key when it scores as the person under review.
    const incomingPrepared = prepare(person);
    const { identifying, narrow } = reviewSubjectKeys(blockingKeysOfPrepared(incomingPrepared));
    const subjectKeys = [...identifying, ...narrow];
    const open =
      (await store.findOpenReview('possible_duplicate', identifying)) ??
      (await underReview(store, incomingPrepared, narrow, settings));
    if (open) return joinOpenReview(store, open, incoming, person, subjectKeys, settings);

    const outcome = await lookupCandidates(store, person, settings);
    if (outcome.explanation) settings.onScored?.(outcome.explanation);
    const top = outcome.candidate;
    if (outcome.decision === 'merge' && top?.guid) {
      await mergeInto(store, top.guid, incoming, person, settings.actor);
      return {
        decision: 'merge',
        guid: top.guid,
        probability: outcome.explanation!.probability,
        explanation: outcome.explanation!,
      };
    }
    if (outcome.decision === 'review' && top?.guid) {
      const explanation = outcome.explanation!;
      const payload: DuplicateReviewPayload = {
        node: owner,
        payload: incoming.payload,
        candidateGuid: top.guid,
        probability: explanation.probability,
        explanation,
        subjectKeys,
        subject: toComparisonRecord(incomingPrepared),
      };
      const review = await store.addReview({
        kind: 'possible_duplicate',
        personGuid: top.guid,
        payload,
        explanation: summary(top.guid, explanation, outcome.reviewReason),
        subjectKeys,
      });
      await store.audit({
        eventId: source.eventId,
        source: source.system ?? 'unknown',
        actor: settings.actor,
        action: 'dedupe.review_opened',
        personGuid: top.guid,
        after: { reviewId: review.id },
      });
      const record = (await store.getPerson(top.guid))?.record ?? {};
      return {
        decision: 'review',
        guid: null,
        probability: explanation.probability,
        explanation,
        candidate: { guid: top.guid, record },
        reviewId: review.id,
      };
    }
    const guid = await createPerson(store, incoming, person, settings.actor);
    return {
      decision: 'new',
      guid,
      probability: outcome.explanation?.probability ?? 0,
      explanation: outcome.explanation ?? null,
    };
  });
}

/**
 * The open review filed under one of the narrow keys whose person under review this newcomer matches
 * (merge or review by the node's own thresholds), or null. One review per key: the store returns the
 * newest open review filed under it.
 */
async function underReview(
  store: HrStore,
  incoming: PreparedPerson,
  narrow: readonly string[],
  settings: DedupeSettings,
): Promise<Review | null> {
  const seen = new Set<number>();
  for (const key of narrow) {
    const review = await store.findOpenReview('possible_duplicate', [key]);
    if (!review || seen.has(review.id)) continue;
    seen.add(review.id);
    const held = fromComparisonRecord((review.payload as DuplicateReviewPayload | null)?.subject);
    if (!held) continue;
    const outcome = bestPreparedMatch(incoming, [{ prepared: held, candidate: review }], {
      thresholds: settings.thresholds,
      model: settings.model,
    });
    if (outcome.decision !== 'new') return review;
  }
  return null;
}

/**
 * The open review now holds the latest delivery, scored again against the same stored person; the
 * decision, whenever it comes, applies to it and leaves from the node that opened the review.
 */
async function joinOpenReview(
  store: HrStore,
  open: Review,
  incoming: Incoming,
  person: MatchablePerson,
  subjectKeys: string[],
  settings: DedupeSettings,
): Promise<Resolution> {
  const held = open.payload as DuplicateReviewPayload;
  const stored = await store.getPerson(held.candidateGuid);
  const incomingPrepared = prepare(person);
  const frequencies = await nameFrequencies(store, incomingPrepared);
  const explanation = stored
    ? scorePrepared(
        incomingPrepared,
        prepare(matchableFrom(stored.record, stored.links, undefined, store.matchingKey())),
        { model: settings.model, nameFrequency: (kind, value) => frequencies.get(`${kind}:${value}`) ?? 0 },
      )
    : held.explanation;
  const payload: DuplicateReviewPayload = {
    ...held,
    payload: incoming.payload,
    probability: explanation.probability,
    explanation,
    subjectKeys: [...new Set([...(held.subjectKeys ?? []), ...subjectKeys])],
    subject: toComparisonRecord(incomingPrepared),
  };
  await store.updateReview(
    open.id,
    {
      payload,
      explanation: summary(held.candidateGuid, explanation, 'the same person arrived again while this review was open'),
      subjectKeys,
    },
    settings.actor,
  );
  return {
    decision: 'review',
    guid: null,
    probability: explanation.probability,
    explanation,
    candidate: { guid: held.candidateGuid, record: stored?.record ?? {} },
    reviewId: open.id,
    reviewUpdated: true,
  };
}

/**
 * Acts on a decided duplicate review: approved merges the incoming person into the candidate,
 * rejected makes them a new person. The store has already recorded and audited the decision.
 */
export async function settleDuplicate(
  store: HrStore,
  incoming: Incoming,
  review: DuplicateReviewPayload,
  approved: boolean,
  actor: string,
): Promise<Resolution> {
  const person = matchableFrom(incoming.source.person, incoming.source.links, undefined, store.matchingKey());
  return store.resolveIdentity(blockingKeys(person), async () => {
    if (approved) {
      await mergeInto(store, review.candidateGuid, incoming, person, actor);
      return {
        decision: 'merge',
        guid: review.candidateGuid,
        probability: review.probability,
        explanation: review.explanation,
      };
    }
    const guid = await createPerson(store, incoming, person, actor);
    return { decision: 'new', guid, probability: review.probability, explanation: review.explanation };
  });
}
