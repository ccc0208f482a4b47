import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMULATORS, startSandbox } from '../../../sandbox';
import { call } from './support';

test('startSandbox starts every emulator on its own port and stops them all', async () => {
  const sandbox = await startSandbox();
  try {
    const names = Object.keys(EMULATORS) as Array<keyof typeof EMULATORS>;
    assert.equal(new Set(names.map((n) => sandbox.urls[n])).size, names.length);
    for (const name of names) {
      const state = (await call(`${sandbox.urls[name]}/_sandbox/state`)).json();
      assert.equal(state.vendor, sandbox[name].name);
    }
  } finally {
    await sandbox.stop();
  }
});

test('a port already taken fails the start and leaves nothing running', async () => {
  const first = await startSandbox();
  try {
    await assert.rejects(startSandbox({ ports: { checkr: first.checkr.port } }), /EADDRINUSE/);
  } finally {
    await first.stop();
  }
});
