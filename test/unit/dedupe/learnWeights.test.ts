/** Learning the weights against a real store: the keyed national id, random pairs, the tally the node keeps. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lookupCandidates, type DedupeSettings } from '../../../lib/dedupe/identityResolution';
import { PatternTally, learnWeights, randomPairPatterns } from '../../../lib/dedupe/learnWeights';
import { matchIndexOf, matchableFrom } from '../../../lib/dedupe/matchable';
import { DEFAULT_MATCH_MODEL, DEFAULT_THRESHOLDS, scorePrepared, prepare } from '../../../lib/match';
import { openStore, type JsonObject } from '../../../lib/store';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-learn-weights-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const key = crypto.randomBytes(32).toString('hex');
const settings: DedupeSettings = {
  thresholds: DEFAULT_THRESHOLDS,
  model: DEFAULT_MATCH_MODEL,
  candidateLimit: 50,
  maxBlockSize: 300,
  actor: 'test',
};

const person = (i: number, id: string): JsonObject => ({
  legalName: { first: `Given${i % 7}`, last: `Family${i}` },
  emails: [],
  phones: [],
  dateOfBirth: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
  address: { line1: `${i} Oak Street`, city: 'Austin', postalCode: '78701', country: 'US' },
  nationalId: { type: 'ssn', value: id },
});

test('the matching key survives a restart, differs between stores, and finds a national id one keystroke off', async () => {
  const file = path.join(dir, 'a.db');
  let store = await openStore({ file, key, secretFields: ['nationalId.value'] });
  const first = store.matchingKey();
  const ana = person(1, '123-45-6789');
  await store.createPersons([{ record: ana, ...matchIndexOf(matchableFrom(ana, [], undefined, first)) }]);
  await store.close();
  store = await openStore({ file, key, secretFields: ['nationalId.value'] });
  try {
    assert.deepEqual(store.matchingKey(), first);
    const other = await openStore({ file: path.join(dir, 'b.db') });
    assert.notDeepEqual(other.matchingKey(), first);
    await other.close();
    // The same person, id digits swapped and nothing else shared but the name and birth date.
    const again = { ...ana, address: undefined, nationalId: { type: 'ssn', value: '123-54-6789' } };
    const outcome = await lookupCandidates(store, matchableFrom(again, [], undefined, store.matchingKey()), settings);
    assert.equal(outcome.explanation?.fields.find((f) => f.field === 'nationalId')?.level, 'close');
    const stored = (await store.sampleComparisonRecords(5))[0]!;
    assert.doesNotMatch(JSON.stringify(stored), /6789|123-45/, 'the comparison record holds no national id');
  } finally {
    await store.close();
  }
});

test('random pairs come from the store, the tally survives in the store, and learning answers with every level', async () => {
  const store = await openStore({ file: path.join(dir, 'c.db') });
  try {
    const people = Array.from({ length: 60 }, (_, i) => person(i, `${100000000 + i * 7919}`));
    await store.createPersons(
      people.map((r) => ({ record: r, ...matchIndexOf(matchableFrom(r, [], undefined, store.matchingKey())) })),
    );
    const random = await randomPairPatterns(store, 40, 100);
    assert.equal(random.length, 100);
    // Strangers never share an id; two of these sequential ids can be one keystroke apart, which is "close" by design.
    assert.ok(
      random.every((r) => r.pattern.nationalId !== 'exact'),
      'strangers do not share a national id',
    );
    assert.ok(
      random.filter((r) => r.pattern.nationalId === 'different').length >= 90,
      'almost every random pair has different ids',
    );

    const tally = new PatternTally('hr-dedupe:test:patterns');
    const a = prepare(matchableFrom(people[3]!, [], undefined, store.matchingKey()));
    for (let i = 0; i < 30; i++) tally.add(scorePrepared(a, a));
    await tally.save(store);
    const reopened = new PatternTally('hr-dedupe:test:patterns');
    const counted = await reopened.all(store);
    assert.equal(
      counted.reduce((s, c) => s + c.count, 0),
      30,
    );

    const learnt = await learnWeights(store, DEFAULT_MATCH_MODEL, counted);
    assert.equal(learnt.blockedPairs, 30);
    assert.ok(learnt.levels.some((l) => l.field === 'nationalId' && l.level === 'exact' && l.weight > 10));
  } finally {
    await store.close();
  }
});
