/** Keys whose value is never copied into an object: they would reach or replace Object.prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The first segment of a dotted path (`a.b[].c`) that is a forbidden key, or undefined. */
export function forbiddenSegment(path: string): string | undefined {
  return path.split(/[.[\]]/).find((segment) => FORBIDDEN_KEYS.has(segment));
}
