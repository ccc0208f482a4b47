import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { openStore, type HrStore } from '../../../lib/store';

/** A fresh store in a temporary folder, closed and removed when the test ends. */
export async function tempStore(t: TestContext): Promise<HrStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-health-'));
  const store = await openStore({ file: path.join(dir, 'store.db') });
  t.after(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
/** A Wednesday noon, UTC. */
export const NOW = Date.UTC(2026, 8, 16, 12, 0, 0);
