import { trimEnd } from '../../transform/text';

/**
 * Reads a dotted path with optional array indexes ("data.id", "items[0].id", "$.employee.id") from a
 * parsed JSON answer: how the generic target finds a new id without any vendor code.
 */
export function readPath(value: unknown, path: string): unknown {
  const segments = path
    .replace(/^\$\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== '');
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** An id is text in the package (lib/model ExternalId); vendors send numbers too. */
export function idAt(value: unknown, path: string): string | undefined {
  const found = readPath(value, path);
  return typeof found === 'string' && found !== '' ? found : typeof found === 'number' ? String(found) : undefined;
}

/** Fills `{{name}}` placeholders with URL-encoded values, e.g. "/people/{{employeeId}}". */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : encodeURIComponent(values[name]),
  );
}

/** The last path segment of a Location header: BambooHR's new employee id (docs/vendors/bamboohr.md). */
export function idFromLocation(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const end = location.search(/[?#]/);
  const path = trimEnd(end === -1 ? location : location.slice(0, end), '/');
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last ? decodeURIComponent(last) : undefined;
}

/** Vendors name a former employee's state differently (Inactive, TERMINATED, …). */
export function employeeState(raw: unknown): 'active' | 'terminated' | 'unknown' {
  if (typeof raw !== 'string') return 'unknown';
  if (/^(inactive|terminated|former|offboarded)$/i.test(raw.trim())) return 'terminated';
  if (/^(active|onboarding|leave|pending)$/i.test(raw.trim())) return 'active';
  return 'unknown';
}
