/** Identity resolution's lookup against a real store: comparison records, old persons without one, common names. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  lookupCandidates,
  resolvePerson,
  type DedupeSettings,
  type Incoming,
} from '../../../lib/dedupe/identityResolution';
import { matchIndexOf, matchableFrom } from '../../../lib/dedupe/matchable';
import { DEFAULT_MATCH_MODEL, DEFAULT_THRESHOLDS, fromComparisonRecord } from '../../../lib/match';
import { openStore, type HrStore, type JsonObject } from '../../../lib/store';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-dedupe-lookup-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let files = 0;

async function withStore(fn: (store: HrStore) => Promise<void>): Promise<void> {
  const store = await openStore({ file: path.join(dir, `store-${++files}.db`) });
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

const settings: DedupeSettings = {
  thresholds: DEFAULT_THRESHOLDS,
  model: DEFAULT_MATCH_MODEL,
  candidateLimit: 200,
  maxBlockSize: 300,
  actor: 'test',
};

const record = (first: string, last: string, email: string, phone?: string): JsonObject => ({
  legalName: { first, last },
  emails: [{ address: email, type: 'personal' }],
  phones: phone ? [{ number: phone, type: 'mobile' }] : [],
});

const incoming = (system: string, id: string, person: JsonObject): Incoming => ({
  source: {
    kind: 'person',
    system,
    eventId: `${system}-${id}`,
    person,
    links: [{ system, externalId: id }],
    values: {},
    canonical: person,
  } as unknown as Incoming['source'],
  payload: person,
  at: new Date('2025-03-03T09:00:00Z'),
});

test('a person stored without a comparison record (before they existed) is still scored, from the golden record', () =>
  withStore(async (store) => {
    const ana = record('Ana', 'Silva', 'ana.silva@example.com', '+351912345678');
    const { guid } = await store.createPerson({
      record: ana,
      blockingKeys: matchIndexOf(matchableFrom(ana, [])).blockingKeys,
    });
    const outcome = await lookupCandidates(
      store,
      matchableFrom(record('Ana', 'Silva', 'ANA.SILVA@example.com'), []),
      settings,
    );
    assert.equal(outcome.decision, 'merge');
    assert.equal(outcome.candidate?.guid, guid);
  }));

test('a merge files the person under both spellings and refreshes the comparison record with the new link', () =>
  withStore(async (store) => {
    const first = await resolvePerson(
      store,
      incoming('greenhouse', 'c-1', record('William', 'Smith', 'will.smith@example.com', '+14155550123')),
      settings,
      'node-1',
    );
    assert.equal(first.decision, 'new');
    const again = await resolvePerson(
      store,
      incoming('lever', 'l-9', record('Bill', 'Smyth', 'will.smith@example.com', '+14155550123')),
      settings,
      'node-1',
    );
    assert.equal(again.decision, 'merge');
    assert.equal(again.guid, first.guid);
    const { candidates } = await store.findCandidates({
      keys: ['n:SNAT:b', 'f:BAL:SNAT'],
      limit: 10,
      maxBlockSize: 300,
    });
    assert.deepEqual(
      candidates.map((c) => c.guid),
      [first.guid],
      'the Bill Smyth spelling finds the person by name alone',
    );
    const prepared = fromComparisonRecord(candidates[0]?.comparisonRecord);
    assert.deepEqual([...(prepared?.externalIds.keys() ?? [])].sort(), ['greenhouse', 'lever']);
    assert.deepEqual(
      prepared?.givenNames,
      ['william'],
      "the comparison record is the golden record's, not the other spelling",
    );
  }));

test('a name too common to list is skipped, and an email on file still finds the person', () =>
  withStore(async (store) => {
    const smiths = Array.from({ length: 8 }, (_, i) => record('John', 'Smith', `john.smith.${i}@example.com`));
    const guids = await store.createPersons(smiths.map((r) => ({ record: r, ...matchIndexOf(matchableFrom(r, [])) })));
    const outcome = await lookupCandidates(
      store,
      matchableFrom(record('Jon', 'Smith', 'John.Smith.3@example.com'), []),
      { ...settings, maxBlockSize: 5 },
    );
    assert.ok(
      outcome.oversizedKeys.some((k) => k.startsWith('n:SNAT:')),
      `skipped ${outcome.oversizedKeys.join(', ')}`,
    );
    assert.equal(outcome.candidatesScored, 1, 'only the person holding the email was scored');
    assert.equal(outcome.candidate?.guid, guids[3]);
    assert.equal(outcome.decision, 'merge');
  }));

test('a rare full name coming back with a new email and phone opens a review that says why', () =>
  withStore(async (store) => {
    // Term frequencies are shares of the store: in a store of 10,000 a surname held once is rare, Jennifer (1 in 30) is not.
    const forenames =
      'Jennifer John Maria Wei Ana Lars Chidi Aoife Jose Yuki Omar Lena Priya Fatima Sarah David Linda Robert Susan Thomas James Mary Karen Daniel Laura Kevin Emily Paul Nancy Mark'.split(
        ' ',
      );
    const others = Array.from({ length: 10_000 }, (_, i) =>
      record(forenames[i % forenames.length]!, `Other${i}`, `p${i}@example.com`),
    );
    await store.createPersons(others.map((r) => ({ record: r, ...matchIndexOf(matchableFrom(r, [])) })));
    const stored = await resolvePerson(
      store,
      incoming('greenhouse', 'c-1', record('Jennifer', 'Wenzanro', 'jen@example.com', '+447700900555')),
      settings,
      'node-1',
    );
    const back = await resolvePerson(
      store,
      incoming('greenhouse', 'c-2', record('Jennifer', 'Wenzanro', 'j.wenzanro@other.org', '+447700900666')),
      settings,
      'node-1',
    );
    assert.equal(back.decision, 'review');
    assert.equal(back.candidate?.guid, stored.guid);
    assert.ok((back.probability ?? 1) < DEFAULT_THRESHOLDS.review);
    assert.match(
      (await store.getReview(back.reviewId!))?.explanation ?? '',
      /review because by name alone p=0\.\d\d, though no email, phone or ATS id confirms it/,
    );
  }));

test('an e-mail and phone the ATS sent unreadable are no evidence: two strangers who both gave "n/a" stay two people', () =>
  withStore(async (store) => {
    const unreadable = (first: string, last: string): JsonObject => ({
      legalName: { first, last },
      emails: [
        { address: 'n/a', type: 'personal', invalid: 'not an email address' },
        { address: `${first.toLowerCase()}@example.com`, type: 'work' },
      ],
      phones: [{ number: '000', type: 'mobile', invalid: 'not a phone number' }],
    });
    const ana = await resolvePerson(
      store,
      incoming('greenhouse', 'c-1', unreadable('Ana', 'Silva')),
      settings,
      'node-1',
    );
    const marek = await resolvePerson(
      store,
      incoming('lever', 'l-1', unreadable('Marek', 'Nowak')),
      settings,
      'node-1',
    );
    assert.equal(marek.decision, 'new');
    assert.notEqual(marek.guid, ana.guid);
    assert.deepEqual(
      matchableFrom(unreadable('Ana', 'Silva'), []).emails,
      ['ana@example.com'],
      'the readable work address is still evidence',
    );
    assert.deepEqual(matchableFrom(unreadable('Ana', 'Silva'), []).phones, []);
  }));
