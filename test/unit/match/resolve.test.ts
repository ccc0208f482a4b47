import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestMatch, bestPreparedMatch, decide, EXPLAINED_OTHERS } from '../../../lib/match/resolve';
import { DEFAULT_MATCH_MODEL } from '../../../lib/match/model';
import { fromComparisonRecord, toComparisonRecord } from '../../../lib/match/comparisonRecord';
import { prepare } from '../../../lib/match/prepare';
import { score } from '../../../lib/match/score';
import { HrError } from '../../../lib/errors';
import { frequencies, person } from './people';

test('a probability of exactly 0.95 merges and just below it goes to review', () => {
  assert.equal(decide(0.95), 'merge');
  assert.equal(decide(0.9499999), 'review');
});

test('a probability of exactly 0.70 goes to review and just below it is a new person', () => {
  assert.equal(decide(0.7), 'review');
  assert.equal(decide(0.6999999), 'new');
  assert.equal(decide(0), 'new');
  assert.equal(decide(1), 'merge');
});

test('thresholds can be set, and inconsistent ones are refused with a stable code', () => {
  assert.equal(decide(0.9, { merge: 0.9, review: 0.5 }), 'merge');
  assert.throws(
    () => decide(0.9, { merge: 0.6, review: 0.8 }),
    (err: unknown) => err instanceof HrError && err.code === 'match.thresholds_invalid',
  );
});

test('with no candidates the person is new', () => {
  assert.deepEqual(bestMatch(person({ firstName: 'Ana' }), []), { decision: 'new', others: [] });
});

const incoming = person({
  firstName: 'Ana',
  lastName: 'Silva',
  emails: ['ana.silva@example.com'],
  phones: ['+351912345678'],
});

test('the most probable candidate is chosen and the others are listed, most probable first', () => {
  const namesake = person({ guid: 'g-1', firstName: 'Ana', lastName: 'Silva' });
  const same = person({ guid: 'g-2', firstName: 'Ana', lastName: 'Silva', emails: ['ana.silva@example.com'] });
  const stranger = person({ guid: 'g-3', firstName: 'Rui', lastName: 'Costa' });
  const outcome = bestMatch(incoming, [stranger, namesake, same]);
  assert.equal(outcome.decision, 'merge');
  assert.equal(outcome.candidate?.guid, 'g-2');
  assert.deepEqual(
    outcome.others.map((o) => o.candidate.guid),
    ['g-1', 'g-3'],
  );
});

test('a former employee coming back is matched like anyone else: a rehire is the same person', () => {
  const former = person({
    guid: 'g-9',
    status: 'former_employee',
    firstName: 'Ana',
    lastName: 'Silva',
    phones: ['+351912345678'],
  });
  const outcome = bestMatch(incoming, [former]);
  assert.equal(outcome.decision, 'merge');
  assert.equal(outcome.candidate?.status, 'former_employee');
});

test('two different stored persons that both clear the merge threshold go to review', () => {
  const a = person({ guid: 'g-1', firstName: 'Ana', lastName: 'Silva', emails: ['ana.silva@example.com'] });
  const b = person({ guid: 'g-2', firstName: 'Ana', lastName: 'Silva', phones: ['+351912345678'] });
  assert.equal(bestMatch(incoming, [a, b]).decision, 'review');
});

test('a rare name with a different email and phone is reviewed, never merged: names alone can be a namesake', () => {
  const stored = person({
    guid: 'g-1',
    firstName: 'Siobhan',
    lastName: 'Okonkwo',
    emails: ['siobhan@example.com'],
    phones: ['+447700900555'],
  });
  const again = person({
    firstName: 'Siobhan',
    lastName: 'Okonkwo',
    emails: ['s.okonkwo@other.org'],
    phones: ['+447700900666'],
  });
  const outcome = bestMatch(again, [stored], { nameFrequency: () => 1e-5 });
  assert.ok((outcome.explanation?.probability ?? 0) >= 0.95, 'the score itself is high');
  assert.equal(outcome.decision, 'review');
  assert.match(outcome.reviewReason ?? '', /only names/);
});

test('a relative sharing surname, phone and address but not the forename is reviewed, not merged', () => {
  const home = { lastName: 'Okafor', phones: ['+447700900123'], city: 'Leeds', postalCode: 'LS1 4AB' };
  const outcome = bestMatch(person({ firstName: 'Chidi', ...home }), [
    person({ guid: 'g-1', firstName: 'Ngozi', ...home }),
  ]);
  assert.notEqual(outcome.decision, 'merge');
});

test('a model with an impossible probability is refused with a stable code', () => {
  const model = { ...DEFAULT_MATCH_MODEL, phone: { ...DEFAULT_MATCH_MODEL.phone, exact: { m: 0.5, u: 0 } } };
  assert.throws(
    () => bestMatch(incoming, [], { model }),
    (err: unknown) => err instanceof HrError && err.code === 'match.model_invalid',
  );
});

test('a rare full name that came back with a new email and phone goes to review, with the reason', () => {
  const stored = person({
    guid: 'g-1',
    firstName: 'Jennifer',
    lastName: 'Wenzanro',
    emails: ['jen@example.com'],
    phones: ['+447700900555'],
  });
  const again = person({
    firstName: 'Jennifer',
    lastName: 'Wenzanro',
    emails: ['j.wenzanro@other.org'],
    phones: ['+447700900666'],
  });
  const rare = frequencies({ jennifer: 0.03 }, { wenzanro: 5e-5 });
  const outcome = bestMatch(again, [stored], { nameFrequency: rare });
  assert.ok((outcome.explanation?.probability ?? 1) < 0.7, 'below the review threshold on its score');
  assert.equal(outcome.decision, 'review');
  assert.match(outcome.reviewReason ?? '', /^by name alone p=0\.\d\d, though no email, phone or ATS id confirms it$/);
  assert.equal(
    bestMatch(again, [stored], { nameFrequency: rare, thresholds: { merge: 0.95, review: 0.7, identityAlone: 1 } })
      .decision,
    'new',
    '1 turns the rule off',
  );
});

test('a common full name with a new email and phone stays a new person: it is as likely a namesake', () => {
  const stored = person({ guid: 'g-1', firstName: 'John', lastName: 'Miller', emails: ['jm@example.com'] });
  const again = person({ firstName: 'John', lastName: 'Miller', emails: ['john.miller@other.org'] });
  assert.equal(
    bestMatch(again, [stored], { nameFrequency: frequencies({ john: 0.03 }, { miller: 0.01 }) }).decision,
    'new',
  );
});

test('a rare full name with another date of birth stays a new person', () => {
  const stored = person({ guid: 'g-1', firstName: 'Jennifer', lastName: 'Wenzanro', dateOfBirth: '1980-01-02' });
  const again = person({ firstName: 'Jennifer', lastName: 'Wenzanro', dateOfBirth: '1991-07-23' });
  assert.equal(
    bestMatch(again, [stored], { nameFrequency: frequencies({ jennifer: 0.03 }, { wenzanro: 5e-5 }) }).decision,
    'new',
  );
});

test('a very common full name with the same birth date goes to review though email, phone and ATS id are all new', () => {
  const stored = person({
    guid: 'g-1',
    firstName: 'James',
    lastName: 'Smith',
    emails: ['js@example.com'],
    phones: ['+447700900555'],
    dateOfBirth: '1984-03-07',
    externalIds: [{ system: 'greenhouse', id: '1' }],
  });
  const again = person({
    firstName: 'James',
    lastName: 'Smith',
    emails: ['james.smith@other.org'],
    phones: ['+447700900666'],
    dateOfBirth: '1984-03-07',
    externalIds: [{ system: 'greenhouse', id: '2' }],
  });
  const common = frequencies({ james: 0.1 }, { smith: 0.035 });
  const outcome = bestMatch(again, [stored], { nameFrequency: common });
  assert.ok(
    (outcome.explanation?.probability ?? 1) < 0.7,
    'the three changed contact fields pull the score under the review threshold',
  );
  assert.equal(outcome.decision, 'review');
  assert.match(outcome.reviewReason ?? '', /^by name and date of birth alone p=/);
  assert.equal(
    bestMatch(again, [stored], { nameFrequency: common, thresholds: { merge: 0.95, review: 0.7, identityAlone: 1 } })
      .decision,
    'new',
    'without the rule',
  );
});

test('a common full name at the same postcode goes to review; at another address it stays a new person', () => {
  const home = { city: 'Austin', postalCode: '78701', country: 'US' };
  const stored = person({ guid: 'g-1', firstName: 'Linda', lastName: 'Miller', emails: ['lm@example.com'], ...home });
  const nameFrequency = frequencies({ linda: 0.02 }, { miller: 0.01 });
  const again = (where: object) =>
    bestMatch(
      person({ firstName: 'Linda', lastName: 'Miller', emails: ['linda.miller@other.org'], ...where }),
      [stored],
      { nameFrequency },
    );
  const sameHome = again(home);
  assert.equal(sameHome.decision, 'review');
  assert.match(sameHome.reviewReason ?? '', /^by name and address alone p=/);
  assert.equal(again({ city: 'Berlin', postalCode: '10115', country: 'DE' }).decision, 'new');
  assert.equal(again({}).decision, 'new', 'a common name alone is as likely a namesake');
});

test('a relative at the same address, who shares the surname but not the forename, is not reviewed on identity', () => {
  const home = { lastName: 'Miller', city: 'Austin', postalCode: '78701', country: 'US' };
  const stored = person({ guid: 'g-1', firstName: 'Linda', emails: ['lm@example.com'], ...home });
  const outcome = bestMatch(person({ firstName: 'Robert', emails: ['rob@other.org'], ...home }), [stored], {
    nameFrequency: frequencies({ linda: 0.02, robert: 0.02 }, { miller: 0.01 }),
  });
  assert.equal(outcome.decision, 'new');
});

test('an identity-alone threshold outside 0 to 1 is refused', () => {
  assert.throws(
    () => bestMatch(incoming, [], { thresholds: { merge: 0.95, review: 0.7, identityAlone: 1.5 } }),
    (err: unknown) => err instanceof HrError && err.code === 'match.thresholds_invalid',
  );
});

test('among many candidates only the most probable few are explained, and the best is the same as scoring each', () => {
  const namesakes = Array.from({ length: 30 }, (_, i) =>
    person({ guid: `g-${i}`, firstName: 'Ana', lastName: 'Silva', emails: [`ana${i}@example.org`] }),
  );
  const same = person({ guid: 'g-same', firstName: 'Ana', lastName: 'Silva', phones: ['+351912345678'] });
  const outcome = bestMatch(incoming, [...namesakes, same]);
  assert.equal(outcome.candidate?.guid, 'g-same');
  assert.equal(outcome.others.length, EXPLAINED_OTHERS);
  const best = Math.max(...[...namesakes, same].map((c) => score(incoming, c).matchWeight));
  assert.equal(outcome.explanation?.matchWeight, best);
});

test('candidates already prepared (as the store keeps them) are decided as bestMatch decides', () => {
  const same = person({ guid: 'g-2', firstName: 'Ana', lastName: 'Silva', emails: ['ana.silva@example.com'] });
  const fromRecords = bestPreparedMatch(prepare(incoming), [
    { guid: 'g-2', prepared: fromComparisonRecord(toComparisonRecord(prepare(same)))!, candidate: 'g-2' },
  ]);
  assert.equal(fromRecords.decision, 'merge');
  assert.equal(fromRecords.candidate, 'g-2');
  assert.deepEqual(fromRecords.explanation, bestMatch(incoming, [same]).explanation);
});
