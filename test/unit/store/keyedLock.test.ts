import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedLock } from '../../../lib/store/keyedLock';

const tick = () => new Promise((r) => setImmediate(r));

function recorder() {
  const log: string[] = [];
  const job = (name: string) => async () => {
    log.push(`${name}:start`);
    await tick();
    await tick();
    log.push(`${name}:end`);
  };
  return { log, job };
}

test('holders sharing a key run one after the other', async () => {
  const lock = new KeyedLock();
  const { log, job } = recorder();
  await Promise.all([lock.run(['a', 'b'], job('1')), lock.run(['b', 'c'], job('2'))]);
  assert.deepEqual(log, ['1:start', '1:end', '2:start', '2:end']);
});

test('holders with no key in common run side by side', async () => {
  const lock = new KeyedLock();
  const { log, job } = recorder();
  await Promise.all([lock.run(['a'], job('1')), lock.run(['b'], job('2'))]);
  assert.deepEqual(log.slice(0, 2), ['1:start', '2:start']);
});

test('a waiter is not overtaken by a later arrival on its keys', async () => {
  const lock = new KeyedLock();
  const { log, job } = recorder();
  await Promise.all([lock.run(['a'], job('1')), lock.run(['a', 'b'], job('2')), lock.run(['b'], job('3'))]);
  assert.deepEqual(log, ['1:start', '1:end', '2:start', '2:end', '3:start', '3:end']);
});
