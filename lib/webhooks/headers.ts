import type { HeaderMap } from './types';

/**
 * One header's text, or undefined when absent or empty. A repeated header is joined with ", " the way
 * Node's http module joins it, so a duplicated signature header cannot pass as a single value.
 */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  const raw = headers[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw.join(', ') : raw;
  return value ? value : undefined;
}
