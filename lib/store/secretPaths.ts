/**
 * Applies a function to the values at secret dotted paths ('nationalId.value', 'dateOfBirth') in a
 * JSON value, returning a copy. Arrays are transparent ('bankAccounts.iban' reaches every account),
 * and keys that themselves contain dots (provenance fields such as 'nationalId.value') match too,
 * because paths are compared as joined strings.
 */
export function mapSecretPaths(
  value: unknown,
  secretPaths: readonly string[],
  fn: (secret: unknown) => unknown,
): unknown {
  if (secretPaths.length === 0) return value;
  return walk(value, '', secretPaths, fn);
}

function walk(node: unknown, prefix: string, paths: readonly string[], fn: (secret: unknown) => unknown): unknown {
  if (Array.isArray(node)) return node.map((item) => walk(item, prefix, paths, fn));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (paths.some((p) => path === p || path.startsWith(`${p}.`))) out[key] = child === undefined ? child : fn(child);
    else if (paths.some((p) => p.startsWith(`${path}.`))) out[key] = walk(child, path, paths, fn);
    else out[key] = child;
  }
  return out;
}

/** Applies fn to every string anywhere in a JSON value, e.g. to decrypt tokens whatever the current configuration. */
export function mapStrings(node: unknown, fn: (text: string) => unknown): unknown {
  if (typeof node === 'string') return fn(node);
  if (Array.isArray(node)) return node.map((item) => mapStrings(item, fn));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, mapStrings(child, fn)]));
}
