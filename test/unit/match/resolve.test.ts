import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestMatch, decide } from '../../../lib/match/resolve';
import { DEFAULT_MATCH_MODEL } from '../../../lib/match/model';
import { HrError } from '../../../lib/errors';
import { person } from './people';

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
  assert.throws(() => decide(0.9, { merge: 0.6, review: 0.8 }), (err: unknown) => err instanceof HrError && err.code === 'match.thresholds_invalid');
});

test('with no candidates the person is new', () => {
  assert.deepEqual(bestMatch(person({ firstName: 'Ana' }), []), { decision: 'new', others: [] });
});

const incoming = person({ firstName: 'Ana', lastName: 'Silva', emails: ['ana.silva@example.com'], phones: ['+351912345678'] });

test('the most probable candidate is chosen and the others are listed, most probable first', () => {
  const namesake = person({ guid: 'g-1', firstName: 'Ana', lastName: 'Silva' });
  const same = person({ guid: 'g-2', firstName: 'Ana', lastName: 'Silva', emails: ['ana.silva@example.com'] });
  const stranger = person({ guid: 'g-3', firstName: 'Rui', lastName: 'Costa' });
  const outcome = bestMatch(incoming, [stranger, namesake, same]);
  assert.equal(outcome.decision, 'merge');
  assert.equal(outcome.candidate?.guid, 'g-2');
  assert.deepEqual(outcome.others.map((o) => o.candidate.guid), ['g-1', 'g-3']);
});

test('a former employee coming back is matched like anyone else: a rehire is the same person', () => {
  const former = person({ guid: 'g-9', status: 'former_employee', firstName: 'Ana', lastName: 'Silva', phones: ['+351912345678'] });
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
  const stored = person({ guid: 'g-1', firstName: 'Siobhan', lastName: 'Okonkwo', emails: ['siobhan@example.com'], phones: ['+447700900555'] });
  const again = person({ firstName: 'Siobhan', lastName: 'Okonkwo', emails: ['s.okonkwo@other.org'], phones: ['+447700900666'] });
  const outcome = bestMatch(again, [stored], { nameFrequency: () => 1e-5 });
  assert.ok((outcome.explanation?.probability ?? 0) >= 0.95, 'the score itself is high');
  assert.equal(outcome.decision, 'review');
  assert.match(outcome.reviewReason ?? '', /only names/);
});

test('a relative sharing surname, phone and address but not the forename is reviewed, not merged', () => {
  const home = { lastName: 'Okafor', phones: ['+447700900123'], city: 'Leeds', postalCode: 'LS1 4AB' };
  const outcome = bestMatch(person({ firstName: 'Chidi', ...home }), [person({ guid: 'g-1', firstName: 'Ngozi', ...home })]);
  assert.notEqual(outcome.decision, 'merge');
});

test('a model with an impossible probability is refused with a stable code', () => {
  const model = { ...DEFAULT_MATCH_MODEL, phone: { ...DEFAULT_MATCH_MODEL.phone, exact: { m: 0.5, u: 0 } } };
  assert.throws(() => bestMatch(incoming, [], { model }), (err: unknown) => err instanceof HrError && err.code === 'match.model_invalid');
});
