import { before, after, afterEach } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLever, type LeverHandle } from '../../../sandbox/lever';
import { helper } from '../../support/nodeRed';

/**
 * A test file's Node-RED test runtime beside a Lever emulator: started before the file's tests, the
 * emulator reset and the flow unloaded after each, all stopped after the last. `db()` names a new
 * store file for each flow loaded.
 */
export function useLeverRuntime(prefix: string): { lever(): LeverHandle; db(): string } {
  let userDir = '';
  let lever: LeverHandle | undefined;
  let files = 0;
  before(async () => {
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), `hr-ats-${prefix}-`));
    helper.settings({ userDir });
    lever = await startLever();
    await helper.startServer();
  });
  after(async () => {
    helper.settings({});
    await helper.stopServer();
    await lever?.stop();
    fs.rmSync(userDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    lever?.reset();
    await helper.unload();
  });
  return {
    lever: () => {
      if (!lever) throw new Error('the Lever emulator is not started yet');
      return lever;
    },
    db: () => `${prefix}-${++files}.db`,
  };
}
