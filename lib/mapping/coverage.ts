import { MASK } from '../mask';
import type { MappingRow } from './mappingTable';
import { type PathStep, parseSourcePath } from '../recordPath';

/**
 * Which of the canonical hire's values no row of a mapping table sends: a phone type the target has no
 * field for, a second e-mail, an offer detail. Computed from the rows' source paths as the mapper
 * resolves them (first alternative with a value, first matching list element), so "not sent" means
 * exactly that. JSONata rows can read anything, so a table with one has no coverage (null).
 */
export interface NotSent {
  /** The value's place in the canonical hire, lists named by type: `person.phones[type=home].number`. */
  path: string;
  /** The value, or the mask when it is about the person. */
  value: unknown;
}

/** The canonical values a person would expect to reach the HRIS; ids and bookkeeping are not listed. */
const WATCHED = [
  ['person', 'legalName'],
  ['person', 'preferredName'],
  ['person', 'emails'],
  ['person', 'phones'],
  ['person', 'address'],
  ['person', 'addressText'],
  ['person', 'dateOfBirth'],
  ['person', 'nationalId'],
  ['offer', 'title'],
  ['offer', 'department'],
  ['offer', 'location'],
  ['offer', 'startDate'],
  ['offer', 'compensation'],
  ['offer', 'employmentType'],
] as const;

// Qualifiers of a list entry, not values of their own: the entry's type, and the reason it is unreadable.
const QUALIFIERS = new Set(['type', 'invalid']);

type Segment = string | number;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const missing = (v: unknown) => v === undefined || v === null || v === '';

/** The concrete place a path reads, mirroring compileTable's resolution, or undefined when it reads nothing. */
function resolve(input: unknown, steps: readonly PathStep[]): Segment[] | undefined {
  let at = input;
  const place: Segment[] = [];
  for (const step of steps) {
    if (step.kind === 'field') {
      at = isObject(at) ? at[step.name] : undefined;
      place.push(step.name);
    } else if (step.kind === 'index') {
      at = Array.isArray(at) ? at[step.index] : undefined;
      place.push(step.index);
    } else {
      const list: unknown[] = Array.isArray(at) ? at : [];
      const index = list.findIndex((e) => {
        if (!isObject(e) || e[step.field] === undefined || e[step.field] === null) return false;
        const x = e[step.field];
        return (x === step.value || (typeof x !== 'object' && String(x) === step.value)) !== step.negate;
      });
      at = index >= 0 ? list[index] : undefined;
      place.push(index);
    }
    if (missing(at)) return undefined;
  }
  return place;
}

function leaves(
  value: unknown,
  place: Segment[],
  out: Array<{ place: Segment[]; label: string; value: unknown }>,
  label: string,
): void {
  if (missing(value)) return;
  if (Array.isArray(value)) {
    value.forEach((entry, i) => {
      const type = isObject(entry) && typeof entry.type === 'string' ? entry.type : undefined;
      leaves(entry, [...place, i], out, `${label}[${type ? `type=${type}` : i}]`);
    });
  } else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (!QUALIFIERS.has(key) || !/\]$/.test(label)) leaves(v, [...place, key], out, `${label}.${key}`);
    }
  } else {
    out.push({ place, label, value });
  }
}

const startsWith = (place: readonly Segment[], prefix: readonly Segment[]) =>
  prefix.length <= place.length && prefix.every((s, i) => s === place[i]);

export type Coverage = (input: unknown) => NotSent[];

/** Compiles a table's coverage once; null when a row's source cannot be known (JSONata). */
export function compileCoverage(rows: readonly MappingRow[]): Coverage | null {
  if (rows.some((r) => r.from === 'jsonata')) return null;
  const sources = rows.flatMap((r) => {
    if (r.from !== 'path') return [];
    const parsed = parseSourcePath(r.source);
    return parsed.ok ? [parsed.value] : [];
  });
  return (input) => {
    const read = sources.flatMap((alternatives) => {
      for (const steps of alternatives) {
        const place = resolve(input, steps);
        if (place) return [place];
      }
      return [];
    });
    const watched: Array<{ place: Segment[]; label: string; value: unknown }> = [];
    for (const [root, key] of WATCHED) {
      const value = isObject(input) && isObject(input[root]) ? input[root][key] : undefined;
      leaves(value, [root, key], watched, `${root}.${key}`);
    }
    return watched
      .filter((leaf) => !read.some((place) => startsWith(leaf.place, place)))
      .map((leaf) => ({ path: leaf.label, value: leaf.place[0] === 'person' ? MASK : leaf.value }));
  };
}
