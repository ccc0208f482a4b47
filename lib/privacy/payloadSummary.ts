import { MASK } from '../mask';

const MAX_DEPTH = 4;
const MAX_ITEMS = 3;

/**
 * A vendor body's shape without its values, for messages that go to Catch nodes: the fields a person
 * needs to see which one was missing, every string and number masked (names, emails, ids, pay),
 * booleans and nulls kept, long arrays cut after a few items and deep objects after a few levels.
 */
export function summarizePayload(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value !== 'object') return MASK;
  if (depth >= MAX_DEPTH) return MASK;
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ITEMS).map((item) => summarizePayload(item, depth + 1));
    return value.length > MAX_ITEMS ? [...shown, `… ${value.length - MAX_ITEMS} more`] : shown;
  }
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, summarizePayload(field, depth + 1)]));
}
