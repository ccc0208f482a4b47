import { test } from 'node:test';
import assert from 'node:assert/strict';
import { areNicknames, nicknameVariants, NICKNAME_GROUP_COUNT } from '../../../lib/match/nicknames';

const pairs: [string, string][] = [
  ['Jon', 'John'],
  ['John', 'Jonathan'],
  ['Bill', 'William'],
  ['Will', 'William'],
  ['Bob', 'Robert'],
  ['Rob', 'Robert'],
  ['Liz', 'Elizabeth'],
  ['Beth', 'Elizabeth'],
  ['Kate', 'Katherine'],
  ['Kate', 'Catherine'],
  ['Mike', 'Michael'],
  ['Jim', 'James'],
  ['Dick', 'Richard'],
  ['Rick', 'Richard'],
  ['Peggy', 'Margaret'],
  ['Tony', 'Anthony'],
  ['Sasha', 'Alexander'],
  ['Sasha', 'Alexandra'],
];

test('common English nicknames are recognised, in either order', () => {
  for (const [a, b] of pairs) {
    assert.ok(areNicknames(a, b), `${a} / ${b}`);
    assert.ok(areNicknames(b, a), `${b} / ${a}`);
  }
});

test('the table has at least 60 groups', () => {
  assert.ok(NICKNAME_GROUP_COUNT >= 60, `${NICKNAME_GROUP_COUNT} groups`);
});

test('names are compared after normalisation: case and accents do not matter', () => {
  assert.ok(areNicknames('  BILL ', 'william'));
  assert.ok(areNicknames('José', 'Pepe'));
});

test('two names linked only through a shared nickname are not nicknames of each other', () => {
  assert.equal(areNicknames('Albert', 'Alfred'), false);
  assert.equal(areNicknames('Alexander', 'Alexandra'), false, 'both are Sasha, yet they are two names');
});

test('a name is not its own nickname, and unknown names have none', () => {
  assert.equal(areNicknames('John', 'john'), false);
  assert.equal(areNicknames('Siobhan', 'Sinead'), false);
  assert.deepEqual(nicknameVariants('Siobhán'), ['siobhan']);
});

test('the variants of a nickname include the full names it stands for', () => {
  const variants = nicknameVariants('Bill');
  assert.ok(variants.includes('william') && variants.includes('bill'));
});
