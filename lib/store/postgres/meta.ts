import type { Queryable } from './driver';

/** Single values the store keeps: key check, tombstone salt, audit head, poll cursors. */
export async function getMeta(q: Queryable, key: string, forUpdate = false): Promise<string | null> {
  const { rows } = await q.query<{ value: string }>(
    `SELECT value FROM store_meta WHERE key = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [key],
  );
  return rows[0]?.value ?? null;
}

export async function setMeta(q: Queryable, key: string, value: string): Promise<void> {
  await q.query(
    'INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    [key, value],
  );
}

export async function deleteMeta(q: Queryable, key: string): Promise<void> {
  await q.query('DELETE FROM store_meta WHERE key = $1', [key]);
}
