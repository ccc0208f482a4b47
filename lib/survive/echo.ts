import { createHash } from 'node:crypto';
import type { HrStore, Json } from '../store/types';
import { canonicalJson } from '../store/canonicalJson';

/** How many of the latest values sent to one field of one system are remembered. */
const REMEMBERED = 8;

type EchoStore = Pick<HrStore, 'getNodeState' | 'setNodeState'>;

const keyOf = (guid: string, system: string, recordPath: string) => `echo:${guid}:${system}:${recordPath}`;

/** Only a digest is kept: a secret value the sync sends must not sit in the store in clear. */
const fingerprint = (guid: string, value: Json) =>
  createHash('sha256')
    .update(`${guid}\n${canonicalJson(value)}`)
    .digest('hex')
    .slice(0, 32);

async function remembered(store: EchoStore, key: string): Promise<string[]> {
  const text = await store.getNodeState(key);
  if (!text) return [];
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Remembers that the package is sending `value` for a field to `system`, before it is sent: the
 * system's own report of that change may arrive before the write is marked done. Several values are
 * kept, because a quick run of changes (X, then Y) can come back late and out of order, and the echo
 * of X must not pass for a new change once Y was sent.
 */
export async function rememberSent(
  store: EchoStore,
  guid: string,
  system: string,
  recordPath: string,
  value: Json,
): Promise<void> {
  const key = keyOf(guid, system, recordPath);
  const print = fingerprint(guid, value);
  const list = (await remembered(store, key)).filter((p) => p !== print);
  await store.setNodeState(key, JSON.stringify([print, ...list].slice(0, REMEMBERED)));
}

/**
 * True when `system` reports for this field a value the package itself sent it: the change is our
 * own coming back (by value and by origin), not a change to pass on.
 */
export async function isEcho(
  store: EchoStore,
  guid: string,
  system: string,
  recordPath: string,
  value: Json,
): Promise<boolean> {
  return (await remembered(store, keyOf(guid, system, recordPath))).includes(fingerprint(guid, value));
}
