import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { HrError } from '../../lib/errors';
import type { StoreLocation } from './location';

/**
 * Where generated keys are kept: Node-RED's runtime settings (`.config.runtime.json` in the user
 * directory), the place Node-RED keeps its own generated credential secret. Keyed by the database file,
 * because the key belongs to the data: a re-imported flow with new node ids opens the same file.
 */
export const GENERATED_KEYS_SETTING = 'hrStoreGeneratedKeys';

export interface RuntimeSettings {
  get(name: string): unknown;
  set?(name: string, value: unknown): Promise<void> | void;
}

export interface KeyChoice {
  key: string | undefined;
  /** True when this open made the key: the node warns once, naming the variable to set instead. */
  generated: boolean;
}

/** The keys made so far; none where the runtime keeps no settings of its own (it throws before they load). */
function generatedKeys(settings: RuntimeSettings): Record<string, string> | null {
  try {
    const kept = settings.get(GENERATED_KEYS_SETTING);
    return kept && typeof kept === 'object' ? { ...(kept as Record<string, string>) } : {};
  } catch {
    return null;
  }
}

/**
 * The key the store opens with: the store's credential, else its environment variable, else, for a
 * SQLite file that does not exist yet, a key made here and kept in the runtime settings (so the first
 * deploy of an imported example just works). A file that already exists is never given a new key: that
 * could not read what it holds. PostgreSQL, shared by several instances, always needs the one key.
 */
export async function chooseStoreKey(
  given: string | undefined,
  location: StoreLocation,
  settings: RuntimeSettings,
): Promise<KeyChoice> {
  if (given) return { key: given, generated: false };
  if (location.kind !== 'sqlite') return { key: undefined, generated: false };
  const keys = generatedKeys(settings);
  if (!keys) return { key: undefined, generated: false };
  const kept = keys[location.file];
  if (kept) return { key: kept, generated: false };
  if (fs.existsSync(location.file) || typeof settings.set !== 'function') return { key: undefined, generated: false };
  const key = randomBytes(32).toString('base64');
  try {
    await settings.set(GENERATED_KEYS_SETTING, { ...keys, [location.file]: key });
  } catch (err) {
    throw new HrError(
      'store.key_not_saved',
      `A key for the new store could not be kept in Node-RED's runtime settings (${(err as Error).message}); set the store's key instead.`,
    );
  }
  return { key, generated: true };
}
